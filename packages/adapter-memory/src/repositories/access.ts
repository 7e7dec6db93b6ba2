import type { Account, Membership, Organization, StoredGrant } from '@roster/core'
import type { AccessRepository } from '@roster/core/storage'
import { copy } from '../database.js'
import { T } from '../tables.js'
import { membershipKey, type Unit } from './unit.js'
import { customRolesOf } from './roles-lookup.js'

export function accessRepository(unit: Unit): AccessRepository {
  return {
    load: (orgId, accountId) =>
      unit.read((t) => {
        const org = t.read<Organization>(T.orgs).get(orgId) ?? null
        const account = t.read<Account>(T.accounts).get(accountId) ?? null
        const membership = t.read<Membership>(T.memberships).get(membershipKey(orgId, accountId)) ?? null
        const grants = membership
          ? [...t.read<StoredGrant>(T.grants).values()].filter(
              (g) => g.orgId === orgId && g.accountId === accountId,
            )
          : []
        return {
          org: org && copy(org),
          accountStatus: account?.status ?? null,
          membership: membership && copy(membership),
          grants: grants.map(copy),
          customRoles: customRolesOf(
            t,
            orgId,
            grants.map((g) => g.roleId),
          ),
        }
      }),
  }
}
