import type { TableAccess } from '../database.js'

/**
 * How a repository reaches the tables: inside a transaction both go to the transaction's
 * tables; outside, reads see the last commit and each write is its own unit of work.
 */
export interface Unit {
  read<T>(fn: (tables: TableAccess) => T): Promise<T>
  write<T>(fn: (tables: TableAccess) => T): Promise<T>
}

/** Table names, in one place. */
export const T = {
  accounts: 'accounts',
  orgs: 'orgs',
  memberships: 'memberships',
  grants: 'grants',
  tokens: 'tokens',
  audit: 'audit',
  outbox: 'outbox',
  blocklist: 'blocklist',
  rateLimits: 'rate_limits',
} as const

/** Composite keys. */
export const membershipKey = (orgId: string, accountId: string) => `${orgId}\u0000${accountId}`
export const grantRowKey = (g: {
  orgId: string
  accountId: string
  roleId: string
  scopeKind: string
  scopeValue: string
}) => `${g.orgId}\u0000${g.accountId}\u0000${g.roleId}\u0000${g.scopeKind}\u0000${g.scopeValue}`
