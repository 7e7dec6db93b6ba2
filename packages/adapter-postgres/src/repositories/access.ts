import type { RoleDefinition } from '@roster/core'
import type { AccessRepository, AccessSnapshotAlso } from '@roster/core/storage'
import { sql } from 'kysely'
import {
  ACCOUNT_COLUMNS,
  columns,
  MEMBERSHIP_COLUMNS,
  ORG_COLUMNS,
  toAccount,
  toGrants,
  toMembership,
  toOrganization,
} from '../rows.js'
import type { Session } from '../session.js'

type AccountStatus = 'pending_activation' | 'active' | 'disabled'

export function accessRepository(session: Session): AccessRepository {
  return {
    async load(orgId, accountId, also) {
      const member = also?.member
      const emailKey = also?.emailKey
      // A lock only means something inside a transaction; outside one it would end with the statement.
      const lock = member?.lock === true && session.inTransaction
      // The use-case's next reads, answered by the same statement (issue 15): the target membership
      // (locked for update when asked: FOR UPDATE inside a lateral subquery locks only that row, and
      // hands back its latest committed version), its account's status, and the email's blocklist
      // entry and account. Each adds its columns only when asked, so the plain access check keeps
      // its short text.
      const memberColumns = member
        ? sql`, ${columns('t', MEMBERSHIP_COLUMNS, 't_')},
            (select ta.status from accounts ta where ta.id = ${member.accountId}) as t_account_status`
        : sql``
      const memberJoin = member
        ? sql`
        left join lateral (
          select * from memberships tm where tm.org_id = ${orgId} and tm.account_id = ${member.accountId}
          ${lock ? sql`for update` : sql``}) t on true`
        : sql``
      const emailColumns =
        emailKey !== undefined
          ? sql`, ${columns('e', ACCOUNT_COLUMNS, 'e_')},
            exists (select 1 from blocklist b where b.email_key = ${emailKey}) as email_blocked`
          : sql``
      const emailJoin =
        emailKey !== undefined ? sql` left join accounts e on e.email_key = ${emailKey}` : sql``
      // One statement, so one snapshot: the org, the actor's account status, membership, grants
      // and the custom roles those grants name are consistent with each other.
      const [row] = await session.rows<Record<string, unknown>>(sql`
        select ${columns('o', ORG_COLUMNS, 'o_')}, ${columns('m', MEMBERSHIP_COLUMNS, 'm_')},
          (select a.status from accounts a where a.id = ${accountId}) as account_status,
          (select json_agg(json_build_array(g.role_id, g.scope_kind, g.scope_value)
                           order by g.role_id, g.scope_kind, g.scope_value)
             from grants g where g.org_id = m.org_id and g.account_id = m.account_id) as grants,
          (select json_agg(json_build_object('id', r.id, 'name', r.name, 'permissions', r.permissions)
                           order by r.id)
             from roles r
             where r.org_id = m.org_id
               and r.id in (select g.role_id from grants g
                            where g.org_id = m.org_id and g.account_id = m.account_id)) as roles
          ${memberColumns}${emailColumns}
        from (select 1) as one
        left join organizations o on o.id = ${orgId}
        left join memberships m on m.org_id = ${orgId} and m.account_id = ${accountId}${memberJoin}${emailJoin}`)
      const membership = row?.m_id ? toMembership(row, 'm_') : null
      const roles = (row?.roles ?? []) as Array<{ id: string; name: string; permissions: string[] }>
      const snapshot = {
        org: row?.o_id ? toOrganization(row, 'o_') : null,
        accountStatus: (row?.account_status as AccountStatus | null) ?? null,
        membership,
        grants: membership ? toGrants(row?.grants, membership.orgId, membership.accountId) : [],
        customRoles: roles.map(
          (role): RoleDefinition => ({
            id: role.id,
            name: role.name,
            permissions: [...role.permissions],
            builtIn: false,
          }),
        ),
      }
      if (!member && emailKey === undefined) return snapshot
      const answers: AccessSnapshotAlso = {}
      if (member) {
        answers.member = row?.t_id ? toMembership(row, 't_') : null
        answers.memberAccountStatus = (row?.t_account_status as AccountStatus | null) ?? null
        if (lock && answers.member) session.lockedMemberships.add(`${orgId}\u0000${member.accountId}`)
      }
      if (emailKey !== undefined) {
        answers.emailBlocked = row?.email_blocked === true
        answers.accountByEmail = row?.e_id ? toAccount(row, 'e_') : null
      }
      return { ...snapshot, also: answers }
    },
  }
}
