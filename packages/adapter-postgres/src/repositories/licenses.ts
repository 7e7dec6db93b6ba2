import type { LicensePoolUsage, Seat, SeatHolder } from '@roster/core'
import type { LicensesRepository } from '@roster/core/storage'
import { sql } from 'kysely'
import type { Session } from '../session.js'

type PoolRow = {
  org_id: string
  product: string
  seats: number
  assigned: number
  created_at: Date
  updated_at: Date
}

const POOL_COLUMNS = sql.raw(`p.org_id, p.product, p.seats, p.created_at, p.updated_at,
  (select count(*)::int from license_seats s where s.org_id = p.org_id and s.product = p.product) as assigned`)

const toUsage = (row: PoolRow): LicensePoolUsage => ({
  orgId: row.org_id,
  product: row.product,
  seats: Number(row.seats),
  assigned: Number(row.assigned),
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
})

/** The seat table's generated `holder` key of a holder. */
export const holderKey = (holder: SeatHolder) =>
  holder.kind === 'member' ? `m:${holder.accountId}` : `n:${holder.number}`

/**
 * License pools. `assigned` is the count of seat rows. A claim or a resize first locks the pool
 * row (`for update`), then counts in its next statement — a fresh snapshot that sees every claim
 * committed before the lock was granted — so `assigned ≤ seats` holds under any concurrency (L2,
 * L5). Releases only delete rows and need no lock.
 */
export function licensesRepository(session: Session): LicensesRepository {
  return {
    async findPool({ orgId, product }) {
      const [row] = await session.rows<PoolRow>(
        sql`select ${POOL_COLUMNS} from license_pools p where p.org_id = ${orgId} and p.product = ${product}`,
      )
      return row ? toUsage(row) : null
    },

    async listPools(orgId) {
      const rows = await session.rows<PoolRow>(
        sql`select ${POOL_COLUMNS} from license_pools p where p.org_id = ${orgId} order by p.product`,
      )
      return rows.map(toUsage)
    },

    async insertPool(pool) {
      const inserted = await session.rows(sql`
        insert into license_pools (org_id, product, seats, created_at, updated_at)
        values (${pool.orgId}, ${pool.product}, ${pool.seats}, ${pool.createdAt}, ${pool.updatedAt})
        on conflict (org_id, product) do nothing
        returning 1`)
      return inserted.length === 1 ? { status: 'inserted' } : { status: 'exists' }
    },

    resizePool({ orgId, product }, delta, at) {
      return session.atomic(async (unit) => {
        const [pool] = await unit.rows<{ seats: number }>(sql`
          select seats from license_pools where org_id = ${orgId} and product = ${product} for update`)
        if (!pool) return { status: 'not-found' } as const
        const before = Number(pool.seats)
        const [row] = await unit.rows<{ assigned: number; seats: number | null }>(sql`
          with held as (
            select count(*)::int as n from license_seats where org_id = ${orgId} and product = ${product}),
          resized as (
            update license_pools set seats = seats + ${delta}::int, updated_at = ${at}
            where org_id = ${orgId} and product = ${product}
              and seats + ${delta}::int >= 0 and seats + ${delta}::int >= (select n from held)
            returning seats)
          select (select n from held) as assigned, (select seats from resized) as seats`)
        const assigned = Number(row?.assigned ?? 0)
        if (row?.seats === null || row?.seats === undefined)
          return { status: 'in-use', seats: before, assigned } as const
        return { status: 'resized', before, seats: Number(row.seats), assigned } as const
      })
    },

    claimSeat({ orgId, product }, holder, at) {
      return session.atomic(async (unit) => {
        const [pool] = await unit.rows<{ seats: number }>(sql`
          select seats from license_pools where org_id = ${orgId} and product = ${product} for update`)
        if (!pool) return { status: 'no-pool' } as const
        const seats = Number(pool.seats)
        const [row] = await unit.rows<{ held: boolean; assigned: number; claimed: boolean }>(sql`
          with held as (
            select 1 from license_seats
            where org_id = ${orgId} and product = ${product} and holder = ${holderKey(holder)}),
          counted as (
            select count(*)::int as n from license_seats where org_id = ${orgId} and product = ${product}),
          claimed as (
            insert into license_seats (org_id, product, account_id, number, claimed_at)
            select ${orgId}, ${product}, ${holder.kind === 'member' ? holder.accountId : null}::text,
                   ${holder.kind === 'number' ? holder.number : null}::text, ${at}::timestamptz
            where not exists (select 1 from held) and (select n from counted) < ${seats}::int
            on conflict do nothing
            returning 1)
          select exists (select 1 from held) as held, (select n from counted) as assigned,
                 exists (select 1 from claimed) as claimed`)
        if (row?.held) return { status: 'already-held' } as const
        const assigned = Number(row?.assigned ?? 0)
        if (row?.claimed) return { status: 'claimed', seats, assigned: assigned + 1 } as const
        return { status: 'exhausted', seats, assigned } as const
      })
    },

    async releaseSeat({ orgId, product }, holder) {
      const [row] = await session.rows<{ released: boolean; seats: number | null; assigned: number }>(sql`
        with released as (
          delete from license_seats
          where org_id = ${orgId} and product = ${product} and holder = ${holderKey(holder)}
          returning 1)
        select exists (select 1 from released) as released,
          (select seats from license_pools where org_id = ${orgId} and product = ${product}) as seats,
          (select count(*)::int from license_seats where org_id = ${orgId} and product = ${product}) as assigned`)
      if (!row?.released) return { status: 'not-held' }
      // The count was read in the statement's snapshot, which still holds the released seat.
      return { status: 'released', seats: Number(row.seats ?? 0), assigned: Number(row.assigned) - 1 }
    },

    async listSeats({ orgId, product }) {
      const rows = await session.rows<{
        account_id: string | null
        number: string | null
        claimed_at: Date
      }>(sql`
        select account_id, number, claimed_at from license_seats where org_id = ${orgId} and product = ${product}`)
      return rows.map(
        (row): Seat => ({
          orgId,
          product,
          holder:
            row.account_id !== null
              ? { kind: 'member', accountId: row.account_id }
              : { kind: 'number', number: row.number ?? '' },
          claimedAt: new Date(row.claimed_at),
        }),
      )
    },
  }
}
