import type { RosterContext } from '../context.js'
import { type DeliveryTally, deliverClaimed } from './deliver.js'

/**
 * How long a claimed message stays out of other dispatchers' reach. It must outlast one batch's
 * delivery; a dispatcher that dies mid-batch leaves its messages due again once it passes.
 */
export const OUTBOX_LEASE_MS = 5 * 60_000

/**
 * @internal One dispatcher pass (E3): claims up to `limit` due messages — the storage hands each to
 * exactly one caller, however many dispatchers run — and delivers them with backoff, dead letters
 * and blocklist checks (`deliverClaimed`).
 */
export async function dispatchDue(ctx: RosterContext, limit: number): Promise<DeliveryTally> {
  const now = ctx.clock.now()
  const claimed = await ctx.storage.outbox.claimDue(now, limit, new Date(now.getTime() + OUTBOX_LEASE_MS))
  if (claimed.length === 0) return { sent: 0, failed: 0, retrying: 0 }
  return deliverClaimed(ctx, claimed)
}
