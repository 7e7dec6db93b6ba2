import type { RoleDefinition } from '@roster/core'
import type { AccessRepository } from '@roster/core/storage'
import { sql } from 'kysely'
import { columns, MEMBERSHIP_COLUMNS, ORG_COLUMNS, toGrants, toMembership, toOrganization } from '../rows.js'
import type { Session } from '../session.js'

export function accessRepository(session: Session): AccessRepository {
  return {
    async load(orgId, accountId) {
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
        from (select 1) as one
        left join organizations o on o.id = ${orgId}
        left join memberships m on m.org_id = ${orgId} and m.account_id = ${accountId}`)
      const membership = row?.m_id ? toMembership(row, 'm_') : null
      const roles = (row?.roles ?? []) as Array<{ id: string; name: string; permissions: string[] }>
      return {
        org: row?.o_id ? toOrganization(row, 'o_') : null,
        accountStatus: (row?.account_status as 'pending_activation' | 'active' | 'disabled' | null) ?? null,
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
    },
  }
}
