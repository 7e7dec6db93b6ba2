import type { Membership } from '@roster/core'
import type { MemberPageQuery, MemberRow, MemberRowGrant, MembershipsRepository } from '@roster/core/storage'
import { type RawBuilder, sql } from 'kysely'
import { ACCOUNT_COLUMNS, columns, MEMBERSHIP_COLUMNS, returning, toAccount, toMembership } from '../rows.js'
import type { Session } from '../session.js'
import { grantInsert } from './grants.js'
import { insertInRounds } from './insert-many.js'

const SELECT = columns('m', MEMBERSHIP_COLUMNS)
const RETURNING = returning(MEMBERSHIP_COLUMNS)

type Row = Record<string, unknown>

/**
 * The members directory in one statement: membership, account, department, and per row
 * correlated aggregates for grants (with their custom role and resource names), seats, numbers,
 * the managing connection's fields and the account's org count. Postgres
 * evaluates the select-list subqueries only for rows that survive WHERE and LIMIT, each by an
 * index probe keyed by (org_id, account_id) — so a page of 100 costs 100 small probes per
 * aggregate, never a scan, and never a second round trip (no N+1).
 */
function directoryQuery(where: RawBuilder<unknown>, limit: number | null): RawBuilder<Row> {
  return sql<Row>`
    select ${columns('m', MEMBERSHIP_COLUMNS, 'm_')}, ${columns('a', ACCOUNT_COLUMNS, 'a_')},
      d.id as d_id, d.name as d_name,
      (select json_agg(json_build_array(g.role_id, g.scope_kind, g.scope_value, r.name, res.name)
                       order by g.role_id, g.scope_kind, g.scope_value)
         from grants g
         left join roles r on r.org_id = g.org_id and r.id = g.role_id
         left join resources res on g.scope_kind = 'resource' and res.org_id = g.org_id and res.id = g.scope_value
         where g.org_id = m.org_id and g.account_id = m.account_id) as grants,
      array(select s.product from license_seats s
             where s.org_id = m.org_id and s.account_id = m.account_id order by s.product) as licenses,
      array(select n.number from phone_numbers n
             where n.org_id = m.org_id and n.account_id = m.account_id order by n.number) as numbers,
      (select c.managed_fields from connections c where c.org_id = m.org_id and c.id = m.source) as managed_fields,
      (select count(*)::int from memberships o where o.account_id = m.account_id) as account_org_count
    from memberships m
    join accounts a on a.id = m.account_id
    left join departments d on d.org_id = m.org_id and d.id = m.department_id
    where ${where}
    order by m.id
    ${limit === null ? sql`` : sql`limit ${limit}`}`
}

/**
 * A CTE `department` that key-share locks the membership's department (none when null), so a
 * membership written into it and the department's deletion serialize (D2).
 */
function departmentLock(orgId: string, departmentId: string | null): RawBuilder<unknown> {
  return departmentId === null
    ? sql`department as (select 1 where false),`
    : sql`department as (
        select 1 from departments where org_id = ${orgId} and id = ${departmentId} for key share),`
}

/** The grants aggregate: `[roleId, scopeKind, scopeValue, roleName, scopeName]` tuples. */
function toRowGrants(value: unknown, orgId: string, accountId: string): MemberRowGrant[] {
  const tuples = (typeof value === 'string' ? JSON.parse(value) : value) as Array<
    [string, MemberRowGrant['scopeKind'], string, string | null, string | null]
  > | null
  return (tuples ?? []).map(([roleId, scopeKind, scopeValue, roleName, scopeName]) => ({
    orgId,
    accountId,
    roleId,
    scopeKind,
    scopeValue,
    roleName: roleName ?? null,
    scopeName: scopeName ?? null,
  }))
}

function toMemberRow(row: Row): MemberRow {
  const membership = toMembership(row, 'm_')
  return {
    membership,
    account: toAccount(row, 'a_'),
    department: row.d_id ? { id: row.d_id as string, name: row.d_name as string } : null,
    grants: toRowGrants(row.grants, membership.orgId, membership.accountId),
    licenses: [...((row.licenses as string[] | null) ?? [])],
    numbers: [...((row.numbers as string[] | null) ?? [])],
    managedFields: [...((row.managed_fields as string[] | null) ?? [])],
    accountOrgCount: Number(row.account_org_count),
  }
}

/** The WHERE clause of a directory page: keyset on membership id, then the filters. */
function pageFilter(query: MemberPageQuery): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [sql`m.org_id = ${query.orgId}`]
  if (query.afterId !== undefined) conditions.push(sql`m.id > ${query.afterId}`)
  if (query.status !== undefined) conditions.push(sql`m.status = ${query.status}`)
  if (query.type !== undefined) conditions.push(sql`m.type = ${query.type}`)
  if (query.departmentId !== undefined) conditions.push(sql`m.department_id = ${query.departmentId}`)
  if (query.roleId !== undefined || query.resource !== undefined) {
    // One grant must match both the role and the place when both are given.
    const grantConditions: RawBuilder<unknown>[] = []
    if (query.roleId !== undefined) grantConditions.push(sql`g.role_id = ${query.roleId}`)
    if (query.resource !== undefined) {
      grantConditions.push(sql`((g.scope_kind = 'resource' and g.scope_value = ${query.resource.id})
        or (g.scope_kind = 'type' and g.scope_value = ${query.resource.type}))`)
    }
    conditions.push(sql`exists (select 1 from grants g
      where g.org_id = m.org_id and g.account_id = m.account_id and ${sql.join(grantConditions, sql` and `)})`)
  }
  const needle = query.search?.trim().toLowerCase() ?? ''
  if (needle !== '') {
    // Any part of the name or email (finding 10: "acme.test", the middle of a hyphenated name). The
    // keys are lower-cased by Roster (Unicode), so LIKE on them is case-insensitive the same way as
    // the memory adapter; `full_name_key` ("first last") covers first and last name. `%`, `_` and
    // `\` in the needle are escaped: they are ordinary characters, never wildcards.
    const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    const contains = (column: string) => sql`${sql.ref(`a.${column}`)} like ${pattern}`
    conditions.push(
      sql`(${sql.join(['full_name_key', 'email_key', 'username_key'].map(contains), sql` or `)})`,
    )
  }
  if (query.licensed !== undefined) {
    // L7: a guest counts as licensed; an employee when it holds a seat of every required product.
    const required = [...(query.requiredProducts ?? [])]
    const licensed = sql`(m.type <> 'employee' or not exists (
      select 1 from unnest(${required}::text[]) as p(product)
      where not exists (select 1 from license_seats s
        where s.org_id = m.org_id and s.account_id = m.account_id and s.product = p.product)))`
    conditions.push(query.licensed ? licensed : sql`not ${licensed}`)
  }
  return sql.join(conditions, sql` and `)
}

export function membershipsRepository(session: Session): MembershipsRepository {
  const find = async (orgId: string, accountId: string): Promise<Membership | null> => {
    const [row] = await session.rows<Row>(
      sql`select ${SELECT} from memberships m where m.org_id = ${orgId} and m.account_id = ${accountId}`,
    )
    return row ? toMembership(row) : null
  }

  return {
    find,

    async insert(membership, grants) {
      // One statement: the membership (ON CONFLICT on the (org_id, account_id) index, so a
      // concurrent insert of the same pair waits, then yields) and its grants, only if it went in.
      // Its department, when it has one, is key-share locked so a concurrent departments.delete
      // either sees this member or is seen as gone (D2).
      const grantsPart = grants.length > 0 ? grantInsert(grants, sql`exists (select 1 from inserted)`) : null
      const rows = await session.rows(sql`
        with ${departmentLock(membership.orgId, membership.departmentId)}
        inserted as (
          insert into memberships (org_id, id, account_id, type, status, department_id, title, source,
            created_at, updated_at)
          select ${membership.orgId}, ${membership.id}, ${membership.accountId}, ${membership.type},
            ${membership.status}, ${membership.departmentId}::text, ${membership.title}::text, ${membership.source},
            ${membership.createdAt}::timestamptz, ${membership.updatedAt}::timestamptz
          where (select count(*) from department) >= 0
          on conflict (org_id, account_id) do nothing
          returning 1)
        ${grantsPart ? sql`, ${grantsPart.ctes}, inserted_grants as (${grantsPart.insert})` : sql``}
        select count(*)::int as inserted from inserted`)
      return (rows[0] as { inserted: number } | undefined)?.inserted === 1
        ? { status: 'inserted' }
        : { status: 'exists' }
    },

    async insertMany(entries) {
      if (entries.length === 0) return []
      // One statement per round (one round unless a pair repeats): the memberships from parallel
      // arrays, ON CONFLICT on the (org_id, account_id) index like `insert`, their departments
      // key-share locked, and the grants of the ones that went in.
      return insertInRounds(
        entries,
        ({ membership }) => [`${membership.orgId}\u0000${membership.accountId}`],
        async (round) => {
          const list = round.map((entry) => entry.membership)
          const column = <T>(value: (membership: Membership) => T) => list.map(value)
          const grants = round.flatMap((entry) => entry.grants)
          const grantsPart =
            grants.length > 0
              ? grantInsert(
                  grants,
                  sql`exists (select 1 from inserted i where i.org_id = g.org_id and i.account_id = g.account_id)`,
                )
              : null
          const rows = await session.rows<{ org_id: string; account_id: string }>(sql`
            with membership_rows as (
              select * from unnest(${column((m) => m.orgId)}::text[], ${column((m) => m.id)}::text[],
                ${column((m) => m.accountId)}::text[], ${column((m) => m.type)}::text[],
                ${column((m) => m.status)}::text[], ${column((m) => m.departmentId)}::text[],
                ${column((m) => m.title)}::text[], ${column((m) => m.source)}::text[],
                ${column((m) => m.createdAt)}::timestamptz[], ${column((m) => m.updatedAt)}::timestamptz[])
                as r(org_id, id, account_id, type, status, department_id, title, source, created_at, updated_at)),
            department as (
              select 1 from departments d
              where (d.org_id, d.id) in (select org_id, department_id from membership_rows where department_id is not null)
              for key share),
            inserted as (
              insert into memberships (org_id, id, account_id, type, status, department_id, title, source,
                created_at, updated_at)
              select * from membership_rows where (select count(*) from department) >= 0
              on conflict (org_id, account_id) do nothing
              returning org_id, account_id)
            ${grantsPart ? sql`, ${grantsPart.ctes}, inserted_grants as (${grantsPart.insert})` : sql``}
            select org_id, account_id from inserted`)
          const went = new Set(rows.map((row) => `${row.org_id}\u0000${row.account_id}`))
          return list.map((m) =>
            went.has(`${m.orgId}\u0000${m.accountId}`)
              ? { status: 'inserted' as const }
              : { status: 'exists' as const },
          )
        },
        'a membership',
      )
    },

    async update(orgId, accountId, patch) {
      const names: Record<string, string> = {
        type: 'type',
        status: 'status',
        departmentId: 'department_id',
        title: 'title',
        source: 'source',
        updatedAt: 'updated_at',
      }
      const assignments = Object.entries(patch)
        .filter(([key, value]) => names[key] !== undefined && value !== undefined)
        .map(([key, value]) => sql`${sql.ref(names[key]!)} = ${value}`)
      if (assignments.length === 0) return find(orgId, accountId)
      const [row] = await session.rows<Row>(sql`
        with ${departmentLock(orgId, patch.departmentId ?? null)}
        updated as (
          update memberships set ${sql.join(assignments, sql`, `)}
          where org_id = ${orgId} and account_id = ${accountId} and (select count(*) from department) >= 0
          returning ${RETURNING})
        select * from updated`)
      return row ? toMembership(row) : null
    },

    delete(orgId, accountId) {
      // Lock the membership first — waiting for every transaction that wrote a seat, a number or
      // a grant for it (their foreign-key checks key-share lock it) — then free in a fresh
      // snapshot, which sees what they committed: a one-statement delete would free only what its
      // own snapshot saw. A write after the lock waits, then fails its foreign key (a retryable
      // conflict: the retried use-case answers NOT_FOUND). Grants and seats also go by cascade.
      // Its numbers return to the pool with the seats those numbers held (A13, L4), and its
      // directory links go (S2).
      return session.atomic(async (unit) => {
        // Locked already in this transaction (access.load's `member.lock`): the statements after
        // that lock run in snapshots that see what the waited-for transactions committed.
        if (!unit.lockedMemberships.has(`${orgId}\u0000${accountId}`)) {
          const locked = await unit.rows(sql`
          select 1 from memberships where org_id = ${orgId} and account_id = ${accountId} for update`)
          if (locked.length === 0) return false
        }
        const rows = await unit.rows(sql`
        with freed_numbers as (
          update phone_numbers set account_id = null, assigned_at = null
          where org_id = ${orgId} and account_id = ${accountId}
          returning number),
        number_seats as (
          delete from license_seats s using freed_numbers f where s.org_id = ${orgId} and s.number = f.number),
        member_seats as (
          delete from license_seats where org_id = ${orgId} and account_id = ${accountId}),
        links as (
          delete from connection_links where org_id = ${orgId} and account_id = ${accountId})
        delete from memberships where org_id = ${orgId} and account_id = ${accountId}
        returning 1`)
        unit.lockedMemberships.delete(`${orgId}\u0000${accountId}`)
        return rows.length === 1
      })
    },

    async countInOrg(orgId) {
      const [row] = await session.rows<{ count: number }>(
        sql`select count(*)::int as count from memberships where org_id = ${orgId}`,
      )
      return row?.count ?? 0
    },

    async listForAccount(accountId) {
      const rows = await session.rows<Row>(
        sql`select ${SELECT} from memberships m where m.account_id = ${accountId} order by m.id`,
      )
      return rows.map((row) => toMembership(row))
    },

    async activateInvited(accountId, now) {
      const rows = await session.rows<{ id: string; org_id: string }>(sql`
        update memberships set status = 'active', updated_at = ${now}
        where account_id = ${accountId} and status = 'invited'
        returning id, org_id`)
      return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((row) => row.org_id)
    },

    async row(orgId, accountId) {
      const [row] = await session.rows(
        directoryQuery(sql`m.org_id = ${orgId} and m.account_id = ${accountId}`, null),
      )
      return row ? toMemberRow(row) : null
    },

    async page(query) {
      if (query.limit <= 0) return []
      // A search's best plan depends on its text (rare: filter few rows; common: walk the org in id
      // order), so it is planned for its values every time, never prepared.
      const searching = (query.search?.trim() ?? '') !== ''
      const rows = await session.rows(directoryQuery(pageFilter(query), Math.floor(query.limit)), {
        prepare: !searching,
      })
      return rows.map(toMemberRow)
    },
  }
}
