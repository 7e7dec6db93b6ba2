import { StorageConflictError } from '@roster/core'
import type { TableAccess } from '../database.js'
import { T } from '../tables.js'

/**
 * How a repository reaches the tables: inside a transaction both go to the transaction's
 * tables; outside, reads see the last commit and each write is its own unit of work.
 */
export interface Unit {
  read<T>(fn: (tables: TableAccess) => T): Promise<T>
  write<T>(fn: (tables: TableAccess) => T): Promise<T>
}

/** Composite keys. */
export const membershipKey = (orgId: string, accountId: string) => `${orgId}\u0000${accountId}`
export const grantRowKey = (g: {
  orgId: string
  accountId: string
  roleId: string
  scopeKind: string
  scopeValue: string
}) => `${g.orgId}\u0000${g.accountId}\u0000${g.roleId}\u0000${g.scopeKind}\u0000${g.scopeValue}`

/**
 * What Postgres's foreign keys refuse, refused the same way (a retryable `StorageConflictError`):
 * a seat, a number or a grant for an (org, account) that has no membership. Transactions here are
 * serializable, so only a caller that skipped its lookup gets this; on Postgres a concurrent
 * removal can cause it too, and the core's retry then answers from a fresh read.
 */
export function requireMembership(t: TableAccess, orgId: string, accountId: string, what: string): void {
  if (t.read(T.memberships).has(membershipKey(orgId, accountId))) return
  throw new StorageConflictError(
    'constraint',
    `memoryStorage: ${what} for ${accountId}, who has no membership in ${orgId}`,
  )
}
