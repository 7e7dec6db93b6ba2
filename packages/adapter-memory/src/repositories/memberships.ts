import type { Account, Membership, StoredGrant } from '@roster/core'
import type {
  InsertMembershipOutcome,
  MemberPageQuery,
  MemberRow,
  MemberRowGrant,
  MembershipsRepository,
} from '@roster/core/storage'
import { copy, definedFields, type TableAccess } from '../database.js'
import { MEMBERSHIP_OWNED_TABLES, T } from '../tables.js'
import { grantRowKey, membershipKey, type Unit } from './unit.js'
import { releaseMembershipHoldings } from './seats.js'
import { loadGrantNames, loadRowExtras } from './member-row-extras.js'

function namedGrant(tables: TableAccess, grant: StoredGrant): MemberRowGrant {
  return { ...copy(grant), ...loadGrantNames(tables, grant) }
}

function buildRow(
  tables: TableAccess,
  membership: Membership,
  grantsByAccount: Map<string, StoredGrant[]>,
  orgCountByAccount: Map<string, number>,
): MemberRow | null {
  const account = tables.read<Account>(T.accounts).get(membership.accountId)
  if (!account) return null
  const extras = loadRowExtras(tables, membership)
  return {
    membership: copy(membership),
    account: copy(account),
    grants: (grantsByAccount.get(membership.accountId) ?? []).map((grant) => namedGrant(tables, grant)),
    accountOrgCount: orgCountByAccount.get(membership.accountId) ?? 1,
    ...copy(extras),
  }
}

function indexGrants(tables: TableAccess, orgId: string): Map<string, StoredGrant[]> {
  const byAccount = new Map<string, StoredGrant[]>()
  for (const grant of tables.read<StoredGrant>(T.grants).values()) {
    if (grant.orgId !== orgId) continue
    const list = byAccount.get(grant.accountId) ?? []
    list.push(grant)
    byAccount.set(grant.accountId, list)
  }
  return byAccount
}

function countOrgs(tables: TableAccess, accountIds: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>()
  for (const m of tables.read<Membership>(T.memberships).values())
    if (accountIds.has(m.accountId)) counts.set(m.accountId, (counts.get(m.accountId) ?? 0) + 1)
  return counts
}

/** The role and resource filters of a page query, on one grant (both must match the same grant). */
function grantMatches(grant: StoredGrant, query: Pick<MemberPageQuery, 'roleId' | 'resource'>): boolean {
  if (query.roleId !== undefined && grant.roleId !== query.roleId) return false
  const { resource } = query
  if (resource === undefined) return true
  return grant.scopeKind === 'resource'
    ? grant.scopeValue === resource.id
    : grant.scopeKind === 'type' && grant.scopeValue === resource.type
}

/** Any part of "first last", email or username, lower-cased as the keys are (finding 10). */
function matchesSearch(account: Account, search: string): boolean {
  const needle = search.trim().toLowerCase()
  if (!needle) return true
  const fullName = `${account.firstName.toLowerCase()} ${account.lastName.toLowerCase()}`
  return [fullName, account.emailKey, account.usernameKey].some((field) => field.includes(needle))
}

function insertMembership(
  t: TableAccess,
  membership: Membership,
  grants: readonly StoredGrant[],
): InsertMembershipOutcome {
  const key = membershipKey(membership.orgId, membership.accountId)
  if (t.read(T.memberships).has(key)) return { status: 'exists' }
  t.write<Membership>(T.memberships).set(key, copy(membership))
  const grantTable = t.write<StoredGrant>(T.grants)
  for (const grant of grants) grantTable.set(grantRowKey(grant), copy(grant))
  return { status: 'inserted' }
}

export function membershipsRepository(unit: Unit): MembershipsRepository {
  return {
    find: (orgId, accountId) =>
      unit.read((t) => {
        const row = t.read<Membership>(T.memberships).get(membershipKey(orgId, accountId))
        return row ? copy(row) : null
      }),
    insert: (membership, grants) => unit.write((t) => insertMembership(t, membership, grants)),
    insertMany: (entries) =>
      unit.write((t) => entries.map(({ membership, grants }) => insertMembership(t, membership, grants))),
    update: (orgId, accountId, patch) =>
      unit.write((t) => {
        const key = membershipKey(orgId, accountId)
        const current = t.read<Membership>(T.memberships).get(key)
        if (!current) return null
        const next = { ...current, ...definedFields(patch) }
        t.write<Membership>(T.memberships).set(key, next)
        return copy(next)
      }),
    delete: (orgId, accountId) =>
      unit.write((t) => {
        if (!t.write(T.memberships).delete(membershipKey(orgId, accountId))) return false
        for (const release of MEMBERSHIP_RELEASES) release(t, orgId, accountId)
        for (const name of MEMBERSHIP_OWNED_TABLES) {
          const table = t.write<{ orgId: string; accountId: string | null }>(name)
          for (const [key, row] of table)
            if (row.orgId === orgId && row.accountId === accountId) table.delete(key)
        }
        return true
      }),
    countInOrg: (orgId) =>
      unit.read((t) => {
        let count = 0
        for (const m of t.read<Membership>(T.memberships).values()) if (m.orgId === orgId) count++
        return count
      }),
    listForAccount: (accountId) =>
      unit.read((t) =>
        [...t.read<Membership>(T.memberships).values()]
          .filter((m) => m.accountId === accountId)
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .map(copy),
      ),
    activateInvited: (accountId, now) =>
      unit.write((t) => {
        const table = t.write<Membership>(T.memberships)
        const orgIds: string[] = []
        for (const [key, m] of table) {
          if (m.accountId === accountId && m.status === 'invited') {
            table.set(key, { ...m, status: 'active', updatedAt: now })
            orgIds.push(m.orgId)
          }
        }
        return orgIds
      }),
    row: (orgId, accountId) =>
      unit.read((t) => {
        const membership = t.read<Membership>(T.memberships).get(membershipKey(orgId, accountId))
        if (!membership) return null
        return buildRow(t, membership, indexGrants(t, orgId), countOrgs(t, new Set([accountId])))
      }),
    page: (query: MemberPageQuery) =>
      unit.read((t) => {
        const accounts = t.read<Account>(T.accounts)
        const grants = indexGrants(t, query.orgId)
        const candidates = [...t.read<Membership>(T.memberships).values()]
          .filter((m) => m.orgId === query.orgId && (query.afterId === undefined || m.id > query.afterId))
          .filter((m) => query.status === undefined || m.status === query.status)
          .filter((m) => query.type === undefined || m.type === query.type)
          .filter((m) => query.departmentId === undefined || m.departmentId === query.departmentId)
          .filter(
            (m) =>
              (query.roleId === undefined && query.resource === undefined) ||
              (grants.get(m.accountId) ?? []).some((g) => grantMatches(g, query)),
          )
          .filter((m) => {
            if (query.search === undefined) return true
            const account = accounts.get(m.accountId)
            return account !== undefined && matchesSearch(account, query.search)
          })
          .sort((a, b) => (a.id < b.id ? -1 : 1))
        const rows: MemberRow[] = []
        const counts = countOrgs(t, new Set(candidates.map((m) => m.accountId)))
        for (const membership of candidates) {
          if (rows.length >= query.limit) break
          const row = buildRow(t, membership, grants, counts)
          if (!row) continue
          if (query.licensed !== undefined) {
            const required = query.requiredProducts ?? []
            const licensed =
              row.membership.type !== 'employee' || required.every((p) => row.licenses.includes(p))
            if (licensed !== query.licensed) continue
          }
          rows.push(row)
        }
        return rows
      }),
  }
}

/**
 * Cascades of a membership's removal that do more than delete its rows; run before
 * `MEMBERSHIP_OWNED_TABLES` (tables.ts) (A13: numbers go back to the pool and free their seats).
 */
export const MEMBERSHIP_RELEASES: Array<(tables: TableAccess, orgId: string, accountId: string) => void> = [
  releaseMembershipHoldings,
]
