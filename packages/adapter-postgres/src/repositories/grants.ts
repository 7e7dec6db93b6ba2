import type { GrantsRepository, StoredGrant } from '@roster/core'
import { sql } from 'kysely'
import type { Session } from '../session.js'

/** Grants as five parallel arrays, for `unnest` (one parameter per column, any number of rows). */
export function grantArrays(grants: readonly StoredGrant[]) {
  return {
    orgIds: grants.map((g) => g.orgId),
    accountIds: grants.map((g) => g.accountId),
    roleIds: grants.map((g) => g.roleId),
    kinds: grants.map((g) => g.scopeKind),
    values: grants.map((g) => g.scopeValue),
  }
}

export function grantsRepository(session: Session): GrantsRepository {
  return {
    async listFor(orgId, accountId) {
      const rows = await session.rows<{ role_id: string; scope_kind: StoredGrant['scopeKind']; scope_value: string }>(sql`
        select role_id, scope_kind, scope_value from grants
        where org_id = ${orgId} and account_id = ${accountId}
        order by role_id, scope_kind, scope_value`)
      return rows.map((row) => ({
        orgId,
        accountId,
        roleId: row.role_id,
        scopeKind: row.scope_kind,
        scopeValue: row.scope_value,
      }))
    },

    async add(grants) {
      if (grants.length === 0) return
      const a = grantArrays(grants)
      await session.rows(sql`
        insert into grants (org_id, account_id, role_id, scope_kind, scope_value)
        select * from unnest(${a.orgIds}::text[], ${a.accountIds}::text[], ${a.roleIds}::text[],
                             ${a.kinds}::text[], ${a.values}::text[])
        on conflict do nothing`)
    },

    async remove(orgId, accountId, grants) {
      if (grants.length === 0) return 0
      const rows = await session.rows(sql`
        delete from grants
        where org_id = ${orgId} and account_id = ${accountId}
          and (role_id, scope_kind, scope_value) in (
            select * from unnest(${grants.map((g) => g.roleId)}::text[], ${grants.map((g) => g.scopeKind)}::text[],
                                 ${grants.map((g) => g.scopeValue)}::text[]))
        returning 1`)
      return rows.length
    },
  }
}
