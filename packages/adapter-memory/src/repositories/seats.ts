// Shared bookkeeping of license seats and phone numbers for the memory adapter: the tables, and
// the few moves every path that frees a seat must make together (seat row, holder index, pool
// count), so no path can leave a pool's `assigned` out of step with its seats.
import type { SeatHolder } from '@roster/core'
import type { SeatCounts } from '@roster/core/storage'
import type { TableAccess } from '../database.js'
import { SEAT_TABLES } from '../tables.js'
import { membershipKey } from './unit.js'

export interface PoolRow {
  orgId: string
  product: string
  seats: number
  assigned: number
  createdAt: Date
  updatedAt: Date
}

export interface SeatRow {
  orgId: string
  product: string
  /** Set when a membership holds the seat. */
  accountId: string | null
  /** Set when a phone number holds the seat. */
  number: string | null
  claimedAt: Date
}

export interface HolderRow {
  orgId: string
  holderKey: string
  products: string[]
}

export interface PhoneNumberRow {
  orgId: string
  number: string
  accountId: string | null
  importedAt: Date
  assignedAt: Date | null
}

export interface MemberNumbersRow {
  orgId: string
  accountId: string
  numbers: string[]
}

export const poolKey = (orgId: string, product: string) => `${orgId}\u0000${product}`
export const holderKey = (holder: SeatHolder) =>
  holder.kind === 'member' ? `m:${holder.accountId}` : `n:${holder.number}`
export const seatKey = (orgId: string, product: string, holder: string) =>
  `${orgId}\u0000${product}\u0000${holder}`
export const holderRowKey = (orgId: string, holder: string) => `${orgId}\u0000${holder}`
export const numberKey = (orgId: string, number: string) => `${orgId}\u0000${number}`

/** Records a held seat: seat row, holder index, pool count. The caller checked room and pool. */
export function addSeat(t: TableAccess, pool: PoolRow, holder: SeatHolder, claimedAt: Date): SeatCounts {
  const key = holderKey(holder)
  t.write<SeatRow>(SEAT_TABLES.seats).set(seatKey(pool.orgId, pool.product, key), {
    orgId: pool.orgId,
    product: pool.product,
    accountId: holder.kind === 'member' ? holder.accountId : null,
    number: holder.kind === 'number' ? holder.number : null,
    claimedAt: new Date(claimedAt),
  })
  const holders = t.write<HolderRow>(SEAT_TABLES.holders)
  const indexKey = holderRowKey(pool.orgId, key)
  const current = holders.get(indexKey)
  holders.set(indexKey, {
    orgId: pool.orgId,
    holderKey: key,
    products: [...(current?.products ?? []), pool.product],
  })
  const next = { ...pool, assigned: pool.assigned + 1 }
  t.write<PoolRow>(SEAT_TABLES.pools).set(poolKey(pool.orgId, pool.product), next)
  return { seats: next.seats, assigned: next.assigned }
}

/** Frees one seat if held: seat row, holder index, pool count. Null when it was not held. */
export function dropSeat(t: TableAccess, orgId: string, product: string, key: string): SeatCounts | null {
  const seats = t.read<SeatRow>(SEAT_TABLES.seats)
  const id = seatKey(orgId, product, key)
  if (!seats.has(id)) return null
  t.write<SeatRow>(SEAT_TABLES.seats).delete(id)
  const indexKey = holderRowKey(orgId, key)
  const index = t.read<HolderRow>(SEAT_TABLES.holders).get(indexKey)
  if (index) {
    const products = index.products.filter((p) => p !== product)
    const holders = t.write<HolderRow>(SEAT_TABLES.holders)
    if (products.length === 0) holders.delete(indexKey)
    else holders.set(indexKey, { ...index, products })
  }
  const pid = poolKey(orgId, product)
  const pool = t.read<PoolRow>(SEAT_TABLES.pools).get(pid)
  if (!pool) return { seats: 0, assigned: 0 }
  const next = { ...pool, assigned: pool.assigned - 1 }
  t.write<PoolRow>(SEAT_TABLES.pools).set(pid, next)
  return { seats: next.seats, assigned: next.assigned }
}

/** Frees every seat a holder has, of any product (a removed member, an unassigned number). */
export function dropAllSeats(t: TableAccess, orgId: string, key: string): void {
  const index = t.read<HolderRow>(SEAT_TABLES.holders).get(holderRowKey(orgId, key))
  for (const product of index?.products ?? []) dropSeat(t, orgId, product, key)
}

/** Returns a member's number to the pool: available, its seats freed, the member index updated. */
export function releaseNumber(t: TableAccess, row: PhoneNumberRow): void {
  if (row.accountId !== null) {
    const indexKey = membershipKey(row.orgId, row.accountId)
    const index = t.read<MemberNumbersRow>(SEAT_TABLES.memberNumbers).get(indexKey)
    if (index) {
      const numbers = index.numbers.filter((n) => n !== row.number)
      const table = t.write<MemberNumbersRow>(SEAT_TABLES.memberNumbers)
      if (numbers.length === 0) table.delete(indexKey)
      else table.set(indexKey, { ...index, numbers })
    }
  }
  dropAllSeats(t, row.orgId, holderKey({ kind: 'number', number: row.number }))
}

/**
 * What removing a membership does to seats and numbers (A13, L4): its own seats are freed, and
 * every number it holds goes back to the pool with that number's seats freed.
 */
export function releaseMembershipHoldings(t: TableAccess, orgId: string, accountId: string): void {
  dropAllSeats(t, orgId, holderKey({ kind: 'member', accountId }))
  const held = t.read<MemberNumbersRow>(SEAT_TABLES.memberNumbers).get(membershipKey(orgId, accountId))
  for (const number of held?.numbers ?? []) {
    const key = numberKey(orgId, number)
    const row = t.read<PhoneNumberRow>(SEAT_TABLES.numbers).get(key)
    if (!row) continue
    releaseNumber(t, row)
    t.write<PhoneNumberRow>(SEAT_TABLES.numbers).set(key, { ...row, accountId: null, assignedAt: null })
  }
}
