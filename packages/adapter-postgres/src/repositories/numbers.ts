import type { PhoneNumber } from '@roster/core'
import type { NumbersRepository } from '@roster/core/storage'
import { type RawBuilder, sql } from 'kysely'
import { columnList } from '../rows.js'
import type { PhoneNumbersTable } from '../schema.js'
import type { Session } from '../session.js'

type Row = {
  org_id: string
  number: string
  account_id: string | null
  imported_at: Date
  assigned_at: Date | null
}
const COLUMNS = columnList<PhoneNumbersTable>([
  'org_id',
  'number',
  'account_id',
  'imported_at',
  'assigned_at',
])

const toNumber = (row: Row): PhoneNumber => ({
  orgId: row.org_id,
  number: row.number,
  accountId: row.account_id,
  importedAt: new Date(row.imported_at),
  assignedAt: row.assigned_at === null ? null : new Date(row.assigned_at),
})

export function numbersRepository(session: Session): NumbersRepository {
  const find = async (orgId: string, number: string) => {
    const [row] = await session.rows<Row>(
      sql`select ${COLUMNS} from phone_numbers where org_id = ${orgId} and number = ${number}`,
    )
    return row ? toNumber(row) : null
  }

  return {
    find,

    async insertMany(numbers) {
      if (numbers.length === 0) return { inserted: [], existing: [] }
      // ON CONFLICT DO NOTHING skips a number already stored, one earlier in this call, and one a
      // concurrent import inserted (it waits for that transaction and yields if it commits).
      const rows = await session.rows<{ org_id: string; number: string }>(sql`
        insert into phone_numbers (org_id, number, account_id, imported_at, assigned_at)
        select * from unnest(${numbers.map((n) => n.orgId)}::text[], ${numbers.map((n) => n.number)}::text[],
          ${numbers.map((n) => n.accountId)}::text[], ${numbers.map((n) => n.importedAt)}::timestamptz[],
          ${numbers.map((n) => n.assignedAt)}::timestamptz[])
        on conflict (org_id, number) do nothing
        returning org_id, number`)
      const fresh = new Set(rows.map((row) => `${row.org_id}\u0000${row.number}`))
      const inserted: string[] = []
      const existing: string[] = []
      for (const row of numbers) {
        const key = `${row.orgId}\u0000${row.number}`
        // The first occurrence of a number in the input is the one that went in.
        if (fresh.delete(key)) inserted.push(row.number)
        else existing.push(row.number)
      }
      return { inserted, existing }
    },

    async page(query) {
      if (query.limit <= 0) return []
      const conditions: RawBuilder<unknown>[] = [sql`org_id = ${query.orgId}`]
      if (query.status === 'available') conditions.push(sql`account_id is null`)
      if (query.status === 'assigned') conditions.push(sql`account_id is not null`)
      if (query.accountId !== undefined) conditions.push(sql`account_id = ${query.accountId}`)
      if (query.afterNumber !== undefined) conditions.push(sql`number > ${query.afterNumber}`)
      const rows = await session.rows<Row>(sql`
        select ${COLUMNS} from phone_numbers where ${sql.join(conditions, sql` and `)}
        order by number limit ${Math.floor(query.limit)}`)
      return rows.map(toNumber)
    },

    async assign(orgId, number, accountId, at) {
      // N3: a conditional UPDATE; concurrent assigners queue on the row and re-check
      // `account_id is null` on the version the winner left.
      for (;;) {
        const assigned = await session.rows(sql`
          update phone_numbers set account_id = ${accountId}, assigned_at = ${at}
          where org_id = ${orgId} and number = ${number} and account_id is null
          returning 1`)
        if (assigned.length === 1) return { status: 'assigned' }
        const current = await find(orgId, number)
        if (!current) return { status: 'not-found' }
        if (current.accountId === accountId) return { status: 'already-held' }
        if (current.accountId !== null) return { status: 'unavailable', accountId: current.accountId }
        // Released between the two statements: try again.
      }
    },

    async unassign(orgId, number) {
      // One statement: the number goes back to the pool and every seat it held is released (N4).
      const [row] = await session.rows<{ holder: string | null; found: boolean }>(sql`
        with released as (
          update phone_numbers n set account_id = null, assigned_at = null
          from (select account_id from phone_numbers
                where org_id = ${orgId} and number = ${number} for update) previous
          where n.org_id = ${orgId} and n.number = ${number} and previous.account_id is not null
          returning previous.account_id),
        seats as (
          delete from license_seats
          where org_id = ${orgId} and number = ${number} and exists (select 1 from released))
        select (select account_id from released) as holder,
               exists (select 1 from phone_numbers where org_id = ${orgId} and number = ${number}) as found`)
      if (row?.holder) return { status: 'unassigned', accountId: row.holder }
      return row?.found ? { status: 'not-assigned' } : { status: 'not-found' }
    },

    async remove(orgId, number) {
      const [row] = await session.rows<Row>(sql`
        with removed as (
          delete from phone_numbers where org_id = ${orgId} and number = ${number} returning ${COLUMNS}),
        seats as (
          delete from license_seats
          where org_id = ${orgId} and number = ${number} and exists (select 1 from removed))
        select * from removed`)
      return row ? toNumber(row) : null
    },
  }
}
