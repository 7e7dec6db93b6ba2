import type { LicensePool, LicensePoolUsage, PoolKey, Seat, SeatHolder } from '../../domain/license.js'

export type InsertPoolOutcome = { status: 'inserted' } | { status: 'exists' }

/** Seat counts of a pool right after a change, read under the same lock as the change. */
export interface SeatCounts {
  seats: number
  assigned: number
}

export type ResizePoolOutcome =
  | ({ status: 'resized'; before: number } & SeatCounts)
  | { status: 'not-found' }
  | ({ status: 'in-use' } & SeatCounts)

export type ClaimSeatOutcome =
  | ({ status: 'claimed' } & SeatCounts)
  | ({ status: 'exhausted' } & SeatCounts)
  | { status: 'already-held' }
  | { status: 'no-pool' }

export type ReleaseSeatOutcome = ({ status: 'released' } & SeatCounts) | { status: 'not-held' }

/**
 * License pools and their seats (L1–L6). One pool per (orgId, product); a seat is held by an
 * employee membership (`{ kind: 'member', accountId }`) or by a phone number of the same org
 * (`{ kind: 'number', number }`). Adapters MUST keep, under any concurrency, `assigned ≤ seats`
 * for every pool and at most one seat per (pool, holder).
 */
export interface LicensesRepository {
  /** The pool with its current `assigned` count, or null. */
  findPool(pool: PoolKey): Promise<LicensePoolUsage | null>
  /** Every pool of the org with its `assigned` count, ordered by product ascending (code-unit order). */
  listPools(orgId: string): Promise<LicensePoolUsage[]>
  /**
   * Creates a pool. MUST return `exists` (storing nothing) when (orgId, product) already has one,
   * also when another transaction creates it concurrently.
   */
  insertPool(pool: LicensePool): Promise<InsertPoolOutcome>
  /**
   * Adds `delta` seats (negative: gives seats back) and sets `updatedAt`. MUST return `in-use`
   * (changing nothing) when the new count would be below the seats held (L5) or below 0, checked
   * atomically with concurrent claims; concurrent resizes MUST NOT lose updates. `before` and the
   * counts are those of this change.
   */
  resizePool(pool: PoolKey, delta: number, at: Date): Promise<ResizePoolOutcome>
  /**
   * Gives one seat of the pool to `holder` (L2). MUST return `claimed` when a seat was free and is
   * now held, `exhausted` (storing nothing) when `assigned` already equals `seats`, `already-held`
   * when the holder has a seat of this pool, `no-pool` when the pool does not exist. Of N
   * concurrent claims on K free seats by distinct holders exactly K MUST be `claimed`. The counts
   * are read under the same lock as the claim. The caller checks that the holder exists.
   */
  claimSeat(pool: PoolKey, holder: SeatHolder, at: Date): Promise<ClaimSeatOutcome>
  /** Frees the holder's seat of the pool (L4). MUST return `not-held` when it held none. */
  releaseSeat(pool: PoolKey, holder: SeatHolder): Promise<ReleaseSeatOutcome>
  /** The seats held in the pool (at most `seats` rows), in any order. */
  listSeats(pool: PoolKey): Promise<Seat[]>
}
