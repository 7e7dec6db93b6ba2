import type { Token } from '@roster/core'
import type { TokensRepository } from '@roster/core/storage'
import { copy } from '../database.js'
import { T } from '../tables.js'
import type { Unit } from './unit.js'

export function tokensRepository(unit: Unit): TokensRepository {
  return {
    insert: (token) =>
      unit.write((t) => {
        t.write<Token>(T.tokens).set(token.id, copy(token))
      }),
    findByHash: (hash) =>
      unit.read((t) => {
        for (const token of t.read<Token>(T.tokens).values()) if (token.hash === hash) return copy(token)
        return null
      }),
    consume: (id, now) =>
      unit.write((t) => {
        const token = t.read<Token>(T.tokens).get(id)
        if (!token || token.usedAt !== null) return false
        t.write<Token>(T.tokens).set(id, { ...token, usedAt: now })
        return true
      }),
    revokeFor: (accountId, kind, now) =>
      unit.write((t) => {
        const table = t.write<Token>(T.tokens)
        let revoked = 0
        for (const [id, token] of table) {
          if (token.accountId === accountId && token.kind === kind && token.usedAt === null) {
            table.set(id, { ...token, usedAt: now })
            revoked++
          }
        }
        return revoked
      }),
  }
}
