import type { LicensePoolUsage, Seat } from '@roster/core'
import type { LicensesRepository } from '@roster/core/storage'
import { copy } from '../database.js'
import { addSeat, dropSeat, holderKey, type PoolRow, poolKey, type SeatRow, seatKey } from './seats.js'
import { SEAT_TABLES } from '../tables.js'
import { requireMembership } from './unit.js'
import type { Unit } from './unit.js'

function toUsage(row: PoolRow): LicensePoolUsage {
  return copy(row)
}

/**
 * License pools and seats. Claims run inside the single-writer unit of work, so the check
 * `assigned < seats` and the insert of the seat are one atomic step (L2).
 */
export function licensesRepository(unit: Unit): LicensesRepository {
  return {
    findPool: ({ orgId, product }) =>
      unit.read((t) => {
        const row = t.read<PoolRow>(SEAT_TABLES.pools).get(poolKey(orgId, product))
        return row ? toUsage(row) : null
      }),
    listPools: (orgId) =>
      unit.read((t) =>
        [...t.read<PoolRow>(SEAT_TABLES.pools).values()]
          .filter((row) => row.orgId === orgId)
          .sort((a, b) => (a.product < b.product ? -1 : a.product > b.product ? 1 : 0))
          .map(toUsage),
      ),
    insertPool: (pool) =>
      unit.write((t) => {
        const key = poolKey(pool.orgId, pool.product)
        if (t.read(SEAT_TABLES.pools).has(key)) return { status: 'exists' } as const
        t.write<PoolRow>(SEAT_TABLES.pools).set(key, { ...copy(pool), assigned: 0 })
        return { status: 'inserted' } as const
      }),
    resizePool: ({ orgId, product }, delta, at) =>
      unit.write((t) => {
        const key = poolKey(orgId, product)
        const row = t.read<PoolRow>(SEAT_TABLES.pools).get(key)
        if (!row) return { status: 'not-found' } as const
        const seats = row.seats + delta
        if (seats < 0 || seats < row.assigned) {
          return { status: 'in-use', seats: row.seats, assigned: row.assigned } as const
        }
        t.write<PoolRow>(SEAT_TABLES.pools).set(key, { ...row, seats, updatedAt: new Date(at) })
        return { status: 'resized', before: row.seats, seats, assigned: row.assigned } as const
      }),
    claimSeat: ({ orgId, product }, holder, at) =>
      unit.write((t) => {
        const pool = t.read<PoolRow>(SEAT_TABLES.pools).get(poolKey(orgId, product))
        if (!pool) return { status: 'no-pool' } as const
        if (t.read(SEAT_TABLES.seats).has(seatKey(orgId, product, holderKey(holder)))) {
          return { status: 'already-held' } as const
        }
        if (pool.assigned >= pool.seats) {
          return { status: 'exhausted', seats: pool.seats, assigned: pool.assigned } as const
        }
        if (holder.kind === 'member') requireMembership(t, orgId, holder.accountId, 'a seat')
        return { status: 'claimed', ...addSeat(t, pool, holder, at) } as const
      }),
    releaseSeat: ({ orgId, product }, holder) =>
      unit.write((t) => {
        const counts = dropSeat(t, orgId, product, holderKey(holder))
        return counts ? ({ status: 'released', ...counts } as const) : ({ status: 'not-held' } as const)
      }),
    listSeats: ({ orgId, product }) =>
      unit.read((t) => {
        const seats: Seat[] = []
        for (const row of t.read<SeatRow>(SEAT_TABLES.seats).values()) {
          if (row.orgId !== orgId || row.product !== product) continue
          seats.push({
            orgId,
            product,
            holder:
              row.accountId !== null
                ? { kind: 'member', accountId: row.accountId }
                : { kind: 'number', number: row.number ?? '' },
            claimedAt: new Date(row.claimedAt),
          })
        }
        return seats
      }),
  }
}
