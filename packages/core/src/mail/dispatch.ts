import type { RosterContext } from '../context.js'
import type { SchedulerPartition } from '../domain/partition.js'
import { type DeliveryTally, deliverClaimed } from './deliver.js'

/**
 * How long a claimed message stays out of other dispatchers' reach. It only has to outlast the
 * time between the claim and the moment a message is marked `sending` (the claim token fences
 * everything after a lapse); a dispatcher that dies mid-batch leaves its unsent messages due again
 * once it passes.
 */
export const OUTBOX_LEASE_MS = 5 * 60_000

/**
 * @internal One dispatcher pass (E3): claims up to `limit` due messages under a fresh claim token —
 * the storage hands each to exactly one caller, however many dispatchers run — and delivers them
 * with backoff, dead letters and blocklist checks (`deliverClaimed`).
 */
export async function dispatchDue(
  ctx: RosterContext,
  limit: number,
  partition?: SchedulerPartition,
): Promise<DeliveryTally> {
  const now = ctx.clock.now()
  const claim = ctx.ids()
  const claimed = await ctx.storage.outbox.claimDue(
    now,
    limit,
    new Date(now.getTime() + OUTBOX_LEASE_MS),
    claim,
    partition,
  )
  if (claimed.length === 0) return { sent: 0, failed: 0, retrying: 0 }
  return deliverClaimed(ctx, claimed, claim)
}
