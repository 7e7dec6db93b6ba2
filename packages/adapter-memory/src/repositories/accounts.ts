import type { Account } from '@roster/core'
import type { AccountConflictField, AccountsRepository, InsertAccountOutcome } from '@roster/core/storage'
import { copy, definedFields, type TableAccess } from '../database.js'
import { StorageConflictError, type Membership } from '@roster/core'
import { ACCOUNT_INDEX_TABLES, T } from '../tables.js'
import type { Unit } from './unit.js'

/*
 * Unique lookups go through index tables (key → account id), kept in step by every write here, so
 * a lookup or a uniqueness check costs one Map read instead of a scan — a directory sync of tens of
 * thousands of people stays linear. They live in the same copy-on-write tables, so they roll back
 * with everything else.
 */
const { byEmail: BY_EMAIL, byUsername: BY_USERNAME, byIdentity: BY_IDENTITY } = ACCOUNT_INDEX_TABLES

const identityKey = (account: Pick<Account, 'identityProvider' | 'externalSubject'>) =>
  account.identityProvider !== null && account.externalSubject !== null
    ? `${account.identityProvider}\u0000${account.externalSubject}`
    : null

function conflictOf(tables: TableAccess, candidate: Account): AccountConflictField | null {
  const taken = (table: string, key: string | null) => {
    if (key === null) return false
    const owner = tables.read<string>(table).get(key)
    return owner !== undefined && owner !== candidate.id
  }
  if (taken(BY_EMAIL, candidate.emailKey)) return 'email'
  if (taken(BY_USERNAME, candidate.usernameKey)) return 'username'
  if (taken(BY_IDENTITY, identityKey(candidate))) return 'identity'
  return null
}

function unindex(tables: TableAccess, account: Account): void {
  tables.write<string>(BY_EMAIL).delete(account.emailKey)
  tables.write<string>(BY_USERNAME).delete(account.usernameKey)
  const identity = identityKey(account)
  if (identity !== null) tables.write<string>(BY_IDENTITY).delete(identity)
}

function index(tables: TableAccess, account: Account): void {
  tables.write<string>(BY_EMAIL).set(account.emailKey, account.id)
  tables.write<string>(BY_USERNAME).set(account.usernameKey, account.id)
  const identity = identityKey(account)
  if (identity !== null) tables.write<string>(BY_IDENTITY).set(identity, account.id)
}

export function findVia(tables: TableAccess, table: string, key: string): Account | null {
  const id = tables.read<string>(table).get(key)
  const account = id === undefined ? undefined : tables.read<Account>(T.accounts).get(id)
  return account ? copy(account) : null
}

function insertOne(tables: TableAccess, account: Account): InsertAccountOutcome {
  const field = conflictOf(tables, account)
  if (field) return { status: 'conflict', field }
  tables.write<Account>(T.accounts).set(account.id, copy(account))
  index(tables, account)
  return { status: 'inserted' }
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
    findByEmail: (key) => unit.read((t) => findVia(t, BY_EMAIL, key)),
    findByUsername: (key) => unit.read((t) => findVia(t, BY_USERNAME, key)),
    findByIdentity: (provider, subject) =>
      unit.read((t) =>
        findVia(t, BY_IDENTITY, identityKey({ identityProvider: provider, externalSubject: subject })!),
      ),
    insert: (account) => unit.write((t) => insertOne(t, account)),
    findByEmails: (keys) =>
      unit.read((t) =>
        [...new Set(keys)].flatMap((key) => {
          const account = findVia(t, BY_EMAIL, key)
          return account ? [account] : []
        }),
      ),
    // One unit of work: each account sees the ones before it, as one `insert` after another.
    insertMany: (accounts) => unit.write((t) => accounts.map((account) => insertOne(t, account))),
    update: (id, patch) =>
      unit.write((t) => {
        const current = t.read<Account>(T.accounts).get(id)
        if (!current) return { status: 'not-found' } as const
        const next: Account = { ...current, ...definedFields(patch), id }
        const field = conflictOf(t, next)
        if (field) return { status: 'conflict', field } as const
        t.write<Account>(T.accounts).set(id, next)
        unindex(t, current)
        index(t, next)
        return { status: 'updated', account: copy(next) } as const
      }),
    delete: (id) =>
      unit.write((t) => {
        // As Postgres's foreign key: an account goes only once it has no membership.
        for (const membership of t.read<Membership>(T.memberships).values()) {
          if (membership.accountId === id)
            throw new StorageConflictError(
              'constraint',
              `memoryStorage: account ${id} still has a membership`,
            )
        }
        const current = t.read<Account>(T.accounts).get(id)
        const deleted = t.write<Account>(T.accounts).delete(id)
        if (current) unindex(t, current)
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
