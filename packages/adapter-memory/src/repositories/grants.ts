import type { Account, Membership, StoredGrant } from '@roster/core'
import type { GrantsRepository } from '@roster/core/storage'
import { copy } from '../database.js'
import { T } from '../tables.js'
import { grantRowKey, membershipKey, requireMembership, type Unit } from './unit.js'

export function grantsRepository(unit: Unit): GrantsRepository {
  return {
    listFor: (orgId, accountId) =>
      unit.read((t) =>
        [...t.read<StoredGrant>(T.grants).values()]
          .filter((g) => g.orgId === orgId && g.accountId === accountId)
          .map(copy),
      ),
    add: (grants) =>
      unit.write((t) => {
        const table = t.write<StoredGrant>(T.grants)
        for (const grant of grants) requireMembership(t, grant.orgId, grant.accountId, 'a grant')
        for (const grant of grants) {
          const key = grantRowKey(grant)
          if (!table.has(key)) table.set(key, copy(grant))
        }
      }),
    remove: (orgId, accountId, grants) =>
      unit.write((t) => {
        const table = t.write<StoredGrant>(T.grants)
        let removed = 0
        for (const grant of grants) if (table.delete(grantRowKey({ ...grant, orgId, accountId }))) removed++
        return removed
      }),
    holders: (orgId, roleIds, limit) =>
      unit.read((t) => {
        const wanted = new Set(roleIds)
        const memberships = t.read<Membership>(T.memberships)
        const accounts = t.read<Account>(T.accounts)
        const ids = new Set<string>()
        for (const grant of t.read<StoredGrant>(T.grants).values()) {
          if (grant.orgId !== orgId || grant.scopeKind !== 'org' || !wanted.has(grant.roleId)) continue
          if (memberships.get(membershipKey(orgId, grant.accountId))?.status !== 'active') continue
          if (accounts.get(grant.accountId)?.status !== 'active') continue
          ids.add(grant.accountId)
        }
        return [...ids].sort().slice(0, limit)
      }),
  }
}
