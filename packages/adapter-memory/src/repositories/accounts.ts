import type { Account, AccountConflictField, AccountsRepository } from '@roster/core'
import { copy, definedFields, type TableAccess } from '../database.js'
import { T, type Unit } from './unit.js'

function conflictOf(tables: TableAccess, candidate: Account): AccountConflictField | null {
  for (const other of tables.read<Account>(T.accounts).values()) {
    if (other.id === candidate.id) continue
    if (other.emailKey === candidate.emailKey) return 'email'
    if (other.usernameKey === candidate.usernameKey) return 'username'
    if (
      candidate.identityProvider !== null &&
      other.identityProvider === candidate.identityProvider &&
      other.externalSubject === candidate.externalSubject
    )
      return 'identity'
  }
  return null
}

function findOne(tables: TableAccess, match: (account: Account) => boolean): Account | null {
  for (const account of tables.read<Account>(T.accounts).values()) if (match(account)) return copy(account)
  return null
}

export function accountsRepository(unit: Unit): AccountsRepository {
  return {
    findById: (id) =>
      unit.read((t) => {
        const row = t.read<Account>(T.accounts).get(id)
        return row ? copy(row) : null
      }),
    findByIds: (ids) =>
      unit.read((t) => {
        const table = t.read<Account>(T.accounts)
        // Each account once, even when its id is asked for twice (as `WHERE id IN (...)` does).
        return [...new Set(ids)].flatMap((id) => {
          const row = table.get(id)
          return row ? [copy(row)] : []
        })
      }),
    findByEmail: (key) => unit.read((t) => findOne(t, (a) => a.emailKey === key)),
    findByUsername: (key) => unit.read((t) => findOne(t, (a) => a.usernameKey === key)),
    findByIdentity: (provider, subject) =>
      unit.read((t) => findOne(t, (a) => a.identityProvider === provider && a.externalSubject === subject)),
    insert: (account) =>
      unit.write((t) => {
        const field = conflictOf(t, account)
        if (field) return { status: 'conflict', field } as const
        t.write<Account>(T.accounts).set(account.id, copy(account))
        return { status: 'inserted' } as const
      }),
    update: (id, patch) =>
      unit.write((t) => {
        const current = t.read<Account>(T.accounts).get(id)
        if (!current) return { status: 'not-found' } as const
        const next: Account = { ...current, ...definedFields(patch), id }
        const field = conflictOf(t, next)
        if (field) return { status: 'conflict', field } as const
        t.write<Account>(T.accounts).set(id, next)
        return { status: 'updated', account: copy(next) } as const
      }),
    delete: (id) =>
      unit.write((t) => {
        const deleted = t.write<Account>(T.accounts).delete(id)
        if (deleted) {
          const tokens = t.write<{ accountId: string }>(T.tokens)
          for (const [key, token] of tokens) if (token.accountId === id) tokens.delete(key)
        }
        return deleted
      }),
    recordFailedSignIn: (id, { maxAttempts, lockedUntil }) =>
      unit.write((t) => {
        const current = t.read<Account>(T.accounts).get(id)
        if (!current) return { failedSignIns: 0, lockedUntil: null }
        const count = current.failedSignIns + 1
        const locked = count >= maxAttempts
        const next = {
          ...current,
          failedSignIns: locked ? 0 : count,
          lockedUntil: locked ? lockedUntil : current.lockedUntil,
        }
        t.write<Account>(T.accounts).set(id, next)
        return { failedSignIns: next.failedSignIns, lockedUntil: next.lockedUntil }
      }),
  }
}
