import type { BlocklistEntry, BlocklistRepository } from '@roster/core/storage'
import { sql } from 'kysely'
import type { Session } from '../session.js'

type Row = { email_key: string; kind: BlocklistEntry['kind']; created_at: Date }

const toEntry = (row: Row): BlocklistEntry => ({
  emailKey: row.email_key,
  kind: row.kind,
  createdAt: new Date(row.created_at),
})

export function blocklistRepository(session: Session): BlocklistRepository {
  return {
    async isBlocked(emailKey) {
      const rows = await session.rows(sql`select 1 from blocklist where email_key = ${emailKey}`)
      return rows.length > 0
    },

    async blockedAmong(emailKeys) {
      if (emailKeys.length === 0) return []
      const rows = await session.rows<{ email_key: string }>(
        sql`select email_key from blocklist where email_key = any(${[...new Set(emailKeys)]}::text[])`,
      )
      return rows.map((row) => row.email_key)
    },

    async add(entry) {
      await session.rows(sql`
        insert into blocklist (email_key, kind, created_at) values (${entry.emailKey}, ${entry.kind}, ${entry.createdAt})
        on conflict (email_key) do update set kind = excluded.kind, created_at = excluded.created_at`)
    },

    async remove(emailKey) {
      const rows = await session.rows(sql`delete from blocklist where email_key = ${emailKey} returning 1`)
      return rows.length === 1
    },

    async list({ afterKey, limit }) {
      if (limit <= 0) return []
      const rows = await session.rows<Row>(sql`
        select email_key, kind, created_at from blocklist
        ${afterKey === undefined ? sql`` : sql`where email_key > ${afterKey}`}
        order by email_key limit ${Math.floor(limit)}`)
      return rows.map(toEntry)
    },
  }
}
