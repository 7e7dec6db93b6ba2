import type { OutboxMessage } from '@roster/core'
import type { OutboxRepository } from '@roster/core/storage'
import { type RawBuilder, sql } from 'kysely'
import { columns, OUTBOX_APPEND, OUTBOX_COLUMNS, toOutboxMessage } from '../rows.js'
import type { Session } from '../session.js'
import { partitionPredicate } from './partition.js'

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

    async claimDue(now, limit, leaseUntil, claim, partition) {
      if (limit <= 0) return []
      // SKIP LOCKED: concurrent dispatchers each take different rows. A row another claimer
      // committed meanwhile is re-checked on its new version (next_attempt_at is in the future
      // now) and left out, so no message is handed out twice.
      const rows = await session.rows<Row>(
        sql`update outbox_messages o
            set attempts = o.attempts + 1, next_attempt_at = ${leaseUntil}, claim = ${claim}
            from (select id from outbox_messages
                  where status = 'pending' and next_attempt_at <= ${now}
                    ${partition === undefined ? sql`` : sql`and ${partitionPredicate(partition)}`}
                  order by id
                  limit ${Math.floor(limit)}
                  for update skip locked) due
            where o.id = due.id
            returning ${sql.raw(OUTBOX_COLUMNS.map((name) => `o."${name}"`).join(', '))}`,
        TOUCHES,
      )
      return rows.map(toOutboxMessage).sort((a: OutboxMessage, b: OutboxMessage) => (a.id < b.id ? -1 : 1))
    },

    async markSending(id, claim) {
      // One conditional UPDATE: the check of the claim and the move to 'sending' are atomic, so of
      // a lapsed claimer and the one that claimed after it, only the latter can send.
      const rows = await session.rows(
        sql`update outbox_messages set status = 'sending'
            where id = ${id} and status = 'pending' and claim = ${claim}
            returning id`,
        TOUCHES,
      )
      return rows.length > 0
    },

    async markSent(id, at, claim) {
      const rows = await session.rows(
        // The body goes with delivery: a link or a temporary password must not outlive it.
        sql`update outbox_messages
            set status = 'sent', sent_at = ${at}, last_error = null, claim = null,
                "text" = '', html = '', data = '{}'::jsonb
            where id = ${id} and status = 'sending' and claim = ${claim}
            returning id`,
        TOUCHES,
      )
      return rows.length > 0
    },

    async markFailed(id, update) {
      const held =
        update.claim === null ? sql`true` : sql`claim = ${update.claim} and status in ('pending', 'sending')`
      const rows = await session.rows(
        sql`update outbox_messages
            set status = ${update.status}, attempts = ${update.attempts}, last_error = ${update.error},
                next_attempt_at = ${update.nextAttemptAt}, claim = null
            where id = ${id} and ${held}
            returning id`,
        TOUCHES,
      )
      return rows.length > 0
    },
  }
}
