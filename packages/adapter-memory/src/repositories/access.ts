import type { Account, Membership, Organization, StoredGrant } from '@roster/core'
import type { AccessRepository, AccessSnapshotAlso } from '@roster/core/storage'
import { copy } from '../database.js'
import { ACCOUNT_INDEX_TABLES, T } from '../tables.js'
import { findVia } from './accounts.js'
import { membershipKey, type Unit } from './unit.js'
import { customRolesOf } from './roles-lookup.js'

export function accessRepository(unit: Unit): AccessRepository {
  return {
    load: (orgId, accountId, also) =>
      unit.read((t) => {
        const org = t.read<Organization>(T.orgs).get(orgId) ?? null
        const account = t.read<Account>(T.accounts).get(accountId) ?? null
        const membership = t.read<Membership>(T.memberships).get(membershipKey(orgId, accountId)) ?? null
        const grants = membership
          ? [...t.read<StoredGrant>(T.grants).values()].filter(
              (g) => g.orgId === orgId && g.accountId === accountId,
            )
          : []
        const snapshot = {
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
        if (!also || (also.member === undefined && also.emailKey === undefined)) return snapshot
        // The same unit of reads, so the answers are as consistent with the access as on Postgres.
        // A lock asks nothing more here: memory transactions already run one at a time.
        const answers: AccessSnapshotAlso = {}
        if (also.member) {
          const member = t.read<Membership>(T.memberships).get(membershipKey(orgId, also.member.accountId))
          answers.member = member ? copy(member) : null
          answers.memberAccountStatus = t.read<Account>(T.accounts).get(also.member.accountId)?.status ?? null
        }
        if (also.emailKey !== undefined) {
          answers.emailBlocked = t.read(T.blocklist).has(also.emailKey)
          answers.accountByEmail = findVia(t, ACCOUNT_INDEX_TABLES.byEmail, also.emailKey)
        }
        return { ...snapshot, also: answers }
      }),
  }
}
