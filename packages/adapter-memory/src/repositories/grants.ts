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
    listForChange: (orgId, accountId) =>
      // Memory transactions hold the writer lock from start to end, so a concurrent replacement of
      // the same member's grants already waits for this one to commit.
      unit.read((t) => {
        if (!t.read(T.memberships).has(membershipKey(orgId, accountId))) return null
        return [...t.read<StoredGrant>(T.grants).values()]
          .filter((g) => g.orgId === orgId && g.accountId === accountId)
          .map(copy)
      }),
    replace: (orgId, accountId, grants) =>
      unit.write((t) => {
        requireMembership(t, orgId, accountId, 'a grant')
        const table = t.write<StoredGrant>(T.grants)
        const wanted = new Map(grants.map((g) => [grantRowKey({ ...g, orgId, accountId }), g]))
        for (const [key, grant] of table) {
          if (grant.orgId === orgId && grant.accountId === accountId && !wanted.has(key)) table.delete(key)
        }
        for (const [key, grant] of wanted)
          if (!table.has(key)) table.set(key, copy({ ...grant, orgId, accountId }))
      }),
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
