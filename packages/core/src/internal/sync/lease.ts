// Releasing a run's lease. Best effort, but stubborn: a lease left behind makes every sync of the
// connection answer INVALID_STATE ('running') until it lapses (SYNC_LEASE_MS), so a failed release
// is tried again, and then the lease is cut short to now, which frees it just the same.
import type { RosterContext } from '../../context.js'

/** Tries to end the run this many times before falling back to expiring its lease. */
const FINISH_ATTEMPTS = 2

/**
 * @internal Ends the run (`finishRun`; `complete` records its pass) or, failing that, expires its
 * lease at once. Never throws, also when the adapter throws synchronously. True when released;
 * false when even the fallback failed (the lease then lapses on its own).
 */
export async function releaseLease(
  ctx: RosterContext,
  claimed: { orgId: string; id: string; run: number },
  complete: boolean,
): Promise<boolean> {
  for (let attempt = 0; attempt < FINISH_ATTEMPTS; attempt++) {
    try {
      await ctx.storage.connections.finishRun(claimed.orgId, claimed.id, claimed.run, {
        now: ctx.clock.now(),
        complete,
      })
      // False means a newer run took over: nothing of ours is left to release.
      return true
    } catch {
      // Tried again below.
    }
  }
  try {
    // A lease that ends now is free for the next claim (`leaseUntil <= now`); lastCompletedAt stays.
    return await ctx.storage.connections.renewLease(claimed.orgId, claimed.id, claimed.run, ctx.clock.now())
  } catch {
    return false
  }
}
