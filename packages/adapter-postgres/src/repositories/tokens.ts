import type { TokensRepository } from '@roster/core/storage'
import { sql } from 'kysely'
import { columns, TOKEN_APPEND, TOKEN_COLUMNS, toToken } from '../rows.js'
import type { Session } from '../session.js'

const TOUCHES = { touches: ['tokens'] } as const

export function tokensRepository(session: Session): TokensRepository {
  return {
    insert: (token) => session.append('tokens', TOKEN_APPEND, token),

    async findByHash(hash) {
      const [row] = await session.rows<Record<string, unknown>>(
        sql`select ${columns('t', TOKEN_COLUMNS)} from tokens t where t.hash = ${hash}`,
        TOUCHES,
      )
      return row ? toToken(row) : null
    },

    async consume(id, now) {
      // X1: a conditional UPDATE. Concurrent callers queue on the row lock; after the first
      // commits, the others re-check `used_at is null` on the new row version and match nothing.
      const rows = await session.rows(
        sql`update tokens set used_at = ${now} where id = ${id} and used_at is null returning id`,
        TOUCHES,
      )
      return rows.length === 1
    },

    async revokeFor(accountId, kind, now) {
      const rows = await session.rows(
        sql`update tokens set used_at = ${now}
            where account_id = ${accountId} and kind = ${kind} and used_at is null
            returning id`,
        TOUCHES,
      )
      return rows.length
    },
  }
}
