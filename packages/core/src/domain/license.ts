import * as z from 'zod'
import { policedText } from './text-policy.js'

/**
 * A license product key (`phone-line`, `one-office`): the same strings `settings.requiredProducts`
 * holds (L7). Compared exactly (case-sensitive) after trimming.
 */
export const Product = policedText('key', { max: 100 })

/** A number of seats to buy or give back in one call (L5). */
export const SeatCount = z
  .number()
  .int('Must be a whole number')
  .min(1, 'At least 1')
  .max(100_000, 'At most 100000 at a time')

/** A pool's purchased seat count (L1): 0..1,000,000. */
export const PoolSeats = z
  .number()
  .int('Must be a whole number')
  .min(0, 'At least 0')
  .max(1_000_000, 'Too many')

/** Identifies a license pool: one per (org, product) (L1). */
export interface PoolKey {
  orgId: string
  product: string
}

/** A license pool as stored: the seats an org purchased of one product (L1). */
export interface LicensePool extends PoolKey {
  /** Purchased seats: billable whether assigned or not (L6). */
  seats: number
  createdAt: Date
  updatedAt: Date
}

/** A pool with how many of its seats are held right now. */
export interface LicensePoolUsage extends LicensePool {
  assigned: number
}

/**
 * Who holds a seat: an employee membership of the pool's org, or a phone number of the org's pool
 * (a number is active only while it holds a seat, N2).
 */
export type SeatHolder = { kind: 'member'; accountId: string } | { kind: 'number'; number: string }

/** One held seat as stored. */
export interface Seat extends PoolKey {
  holder: SeatHolder
  claimedAt: Date
}

/**
 * One product's seats as the billing summary shows them (L1, L6): `seats` are billable whether
 * assigned or not; `available = seats − assigned`. `required` mirrors `settings.requiredProducts`,
 * the one source of truth for L7.
 */
export interface LicensePoolView {
  product: string
  seats: number
  assigned: number
  available: number
  required: boolean
}

/** The billing summary of an org (L6): one entry per product, by product name. */
export interface LicenseSummary {
  orgId: string
  products: LicensePoolView[]
  /** Sum of every product's purchased seats. */
  billableSeats: number
}

/** Projects a pool (or a required product with no pool yet) to its view. */
export function toPoolView(
  product: string,
  usage: { seats: number; assigned: number } | null,
  requiredProducts: readonly string[],
): LicensePoolView {
  const seats = usage?.seats ?? 0
  const assigned = usage?.assigned ?? 0
  return {
    product,
    seats,
    assigned,
    available: seats - assigned,
    required: requiredProducts.includes(product),
  }
}

/** Seat counts before and after a change, as the audit log records them (L6). */
export function seatChanges(
  before: { seats: number; assigned: number },
  after: { seats: number; assigned: number },
) {
  const changes: Record<string, { before: number; after: number }> = {}
  if (before.seats !== after.seats) changes.seats = { before: before.seats, after: after.seats }
  if (before.assigned !== after.assigned)
    changes.assigned = { before: before.assigned, after: after.assigned }
  const availableBefore = before.seats - before.assigned
  const availableAfter = after.seats - after.assigned
  if (availableBefore !== availableAfter)
    changes.available = { before: availableBefore, after: availableAfter }
  return changes
}
