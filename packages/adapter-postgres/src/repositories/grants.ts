import type { StoredGrant } from '@roster/core'
import type { GrantsRepository } from '@roster/core/storage'
import { type RawBuilder, sql } from 'kysely'
import type { Session } from '../session.js'

/**
 * CTEs and an INSERT that add grants given as five parallel arrays (one parameter per column, any
 * number of rows), skipping ones the member already has. The custom roles and resources the grants
 * name are key-share locked, so `roles.delete` / `resources.delete` (which lock the row, then look
 * for grants in a fresh snapshot) and a grant never both commit; a grant whose role or resource was
 * deleted while this statement waited for that lock is not written (R4).
 *
 * `condition` further gates the insert (e.g. "the membership went in").
 */
export function grantInsert(
  grants: readonly StoredGrant[],
  condition: RawBuilder<unknown> = sql`true`,
): { ctes: RawBuilder<unknown>; insert: RawBuilder<unknown> } {
  const ctes = sql`
    grant_rows as (
      select * from unnest(${grants.map((g) => g.orgId)}::text[], ${grants.map((g) => g.accountId)}::text[],
        ${grants.map((g) => g.roleId)}::text[], ${grants.map((g) => g.scopeKind)}::text[],
        ${grants.map((g) => g.scopeValue)}::text[]) as g(org_id, account_id, role_id, scope_kind, scope_value)),
    locked_roles as (
      select r.org_id, r.id from roles r
      where (r.org_id, r.id) in (select org_id, role_id from grant_rows)
      for key share),
    locked_resources as (
      select x.org_id, x.id from resources x
      where (x.org_id, x.id) in (select org_id, scope_value from grant_rows where scope_kind = 'resource')
      for key share)`
  const insert = sql`
    insert into grants (org_id, account_id, role_id, scope_kind, scope_value)
    select g.org_id, g.account_id, g.role_id, g.scope_kind, g.scope_value from grant_rows g
    where ${condition}
      -- Reading the counts takes every lock before any row is written.
      and (select count(*) from locked_roles) >= 0 and (select count(*) from locked_resources) >= 0
      and not exists (
        select 1 from roles r where r.org_id = g.org_id and r.id = g.role_id
          and not exists (select 1 from locked_roles l where l.org_id = r.org_id and l.id = r.id))
      and not exists (
        select 1 from resources x where g.scope_kind = 'resource' and x.org_id = g.org_id and x.id = g.scope_value
          and not exists (select 1 from locked_resources l where l.org_id = x.org_id and l.id = x.id))
    on conflict do nothing`
  return { ctes, insert }
}

export function grantsRepository(session: Session): GrantsRepository {
  async function listFor(orgId: string, accountId: string): Promise<StoredGrant[]> {
    const rows = await session.rows<{
      role_id: string
      scope_kind: StoredGrant['scopeKind']
      scope_value: string
    }>(sql`
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
  }

  return {
    listFor,

    async listForChange(orgId, accountId) {
      // Lock first, read next: the read is a fresh snapshot taken after the lock is granted, so it
      // sees what a concurrent replacement committed (one statement would read its own, older
      // snapshot). Removal locks the membership `for update`, so it waits for us and we for it.
      const member = await session.rows(sql`
        select 1 from memberships where org_id = ${orgId} and account_id = ${accountId}
        ${session.inTransaction ? sql`for no key update` : sql``}`)
      if (member.length === 0) return null
      return listFor(orgId, accountId)
    },

    async replace(orgId, accountId, grants) {
      const { ctes, insert } = grantInsert(grants)
      // The DELETE and the INSERT touch disjoint rows (the insert skips what is kept), so one
      // statement does both.
      await session.rows(sql`
        with dropped as (
          delete from grants
          where org_id = ${orgId} and account_id = ${accountId}
            and (role_id, scope_kind, scope_value) not in (
              select * from unnest(${grants.map((g) => g.roleId)}::text[], ${grants.map((g) => g.scopeKind)}::text[],
                                   ${grants.map((g) => g.scopeValue)}::text[]))
          returning 1),
        ${ctes}
        ${insert}`)
    },

    async add(grants) {
      if (grants.length === 0) return
      const { ctes, insert } = grantInsert(grants)
      await session.rows(sql`with ${ctes} ${insert}`)
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

    async holders(orgId, roleIds, limit) {
      if (roleIds.length === 0 || limit <= 0) return []
      const rows = await session.rows<{ account_id: string }>(sql`
        select distinct g.account_id from grants g
        join memberships m on m.org_id = g.org_id and m.account_id = g.account_id
        join accounts a on a.id = g.account_id
        where g.org_id = ${orgId} and g.scope_kind = 'org' and g.role_id = any(${[...roleIds]}::text[])
          and m.status = 'active' and a.status = 'active'
        order by g.account_id
        limit ${Math.floor(limit)}`)
      return rows.map((row) => row.account_id)
    },
  }
}
