import type { OutboxMessage } from '@roster/core'
import type { OutboxRepository } from '@roster/core/storage'
import { type RawBuilder, sql } from 'kysely'
import { columns, OUTBOX_APPEND, OUTBOX_COLUMNS, toOutboxMessage } from '../rows.js'
import type { Session } from '../session.js'

const TOUCHES = { touches: ['outbox_messages'] } as const
const SELECT = columns('o', OUTBOX_COLUMNS)

type Row = Record<string, unknown>

export function outboxRepository(session: Session): OutboxRepository {
  return {
    enqueue: (message) => session.append('outbox_messages', OUTBOX_APPEND, message),

    async findById(id) {
      const [row] = await session.rows<Row>(
        sql`select ${SELECT} from outbox_messages o where o.id = ${id}`,
        TOUCHES,
      )
      return row ? toOutboxMessage(row) : null
    },

    async list({ orgId, status, limit, afterId }) {
      if (limit <= 0) return []
      const conditions: RawBuilder<unknown>[] = [sql`true`]
      if (orgId === null) conditions.push(sql`o.org_id is null`)
      else if (orgId !== undefined) conditions.push(sql`o.org_id = ${orgId}`)
      if (status !== undefined) conditions.push(sql`o.status = ${status}`)
      if (afterId !== undefined) conditions.push(sql`o.id > ${afterId}`)
      const rows = await session.rows<Row>(
        sql`select ${SELECT} from outbox_messages o where ${sql.join(conditions, sql` and `)}
            order by o.id limit ${Math.floor(limit)}`,
        TOUCHES,
      )
      return rows.map(toOutboxMessage)
    },

    async claimDue(now, limit, leaseUntil) {
      if (limit <= 0) return []
      // SKIP LOCKED: concurrent dispatchers each take different rows. A row another claimer
      // committed meanwhile is re-checked on its new version (next_attempt_at is in the future
      // now) and left out, so no message is handed out twice.
      const rows = await session.rows<Row>(
        sql`update outbox_messages o set attempts = o.attempts + 1, next_attempt_at = ${leaseUntil}
            from (select id from outbox_messages
                  where status = 'pending' and next_attempt_at <= ${now}
                  order by id
                  limit ${Math.floor(limit)}
                  for update skip locked) due
            where o.id = due.id
            returning ${sql.raw(OUTBOX_COLUMNS.map((name) => `o."${name}"`).join(', '))}`,
        TOUCHES,
      )
      return rows.map(toOutboxMessage).sort((a: OutboxMessage, b: OutboxMessage) => (a.id < b.id ? -1 : 1))
    },

    async markSent(id, at) {
      await session.rows(
        // The body goes with delivery: a link or a temporary password must not outlive it.
        sql`update outbox_messages
            set status = 'sent', sent_at = ${at}, last_error = null, "text" = '', html = '', data = '{}'::jsonb
            where id = ${id}`,
        TOUCHES,
      )
    },

    async markFailed(id, update) {
      await session.rows(
        sql`update outbox_messages
            set status = ${update.status}, attempts = ${update.attempts}, last_error = ${update.error},
                next_attempt_at = ${update.nextAttemptAt}
            where id = ${id}`,
        TOUCHES,
      )
    },
  }
}
