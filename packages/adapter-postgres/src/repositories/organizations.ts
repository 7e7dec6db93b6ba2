import type { OrganizationsRepository, OrgPatch } from '@roster/core/storage'
import { sql } from 'kysely'
import { columns, MEMBERSHIP_COLUMNS, ORG_COLUMNS, returning, toMembership, toOrganization } from '../rows.js'
import type { Session } from '../session.js'

const SELECT = columns('o', ORG_COLUMNS)
const RETURNING = returning(ORG_COLUMNS)

const PATCH_COLUMNS: Record<keyof OrgPatch, string> = {
  name: 'name',
  slug: 'slug',
  email: 'email',
  founderId: 'founder_id',
  settings: 'settings',
  updatedAt: 'updated_at',
}

export function organizationsRepository(session: Session): OrganizationsRepository {
  const findOne = async (where: ReturnType<typeof sql>) => {
    const [row] = await session.rows<Record<string, unknown>>(
      sql`select ${SELECT} from organizations o where ${where}`,
    )
    return row ? toOrganization(row) : null
  }

  return {
    findById: (id) => findOne(sql`o.id = ${id}`),
    findBySlug: (slug) => findOne(sql`o.slug = ${slug}`),

    async insert(org) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const inserted = await session.rows(sql`
          insert into organizations (id, name, slug, email, founder_id, settings, created_at, updated_at)
          values (${org.id}, ${org.name}, ${org.slug}, ${org.email}, ${org.founderId},
            ${JSON.stringify(org.settings)}::jsonb, ${org.createdAt}, ${org.updatedAt})
          on conflict do nothing
          returning id`)
        if (inserted.length === 1) return { status: 'inserted' }
        const taken = await session.rows(sql`select 1 from organizations where slug = ${org.slug}`)
        if (taken.length > 0) return { status: 'conflict', field: 'slug' }
      }
      throw new Error(`postgresStorage: organization ${org.id} could not be inserted (id already used?)`)
    },

    async update(id, patch) {
      const assignments = []
      for (const [key, value] of Object.entries(patch) as [keyof OrgPatch, unknown][]) {
        const column = PATCH_COLUMNS[key]
        if (column === undefined || value === undefined) continue
        assignments.push(
          key === 'settings'
            ? sql`settings = ${JSON.stringify(value)}::jsonb`
            : sql`${sql.ref(column)} = ${value}`,
        )
      }
      if (assignments.length === 0) {
        const org = await findOne(sql`o.id = ${id}`)
        return org ? { status: 'updated', org } : { status: 'not-found' }
      }
      const statement = sql<Record<string, unknown>>`
        update organizations set ${sql.join(assignments, sql`, `)} where id = ${id} returning ${RETURNING}`
      if (patch.slug === undefined) {
        const [row] = await session.rows(statement)
        return row ? { status: 'updated', org: toOrganization(row) } : { status: 'not-found' }
      }
      const result = await session.rowsOrViolation(statement)
      if (result.violation) {
        if (result.violation.constraint !== 'organizations_slug_unique')
          throw new Error(`postgresStorage: unexpected unique violation ${result.violation.constraint}`)
        return { status: 'conflict', field: 'slug' }
      }
      const [row] = result.rows
      return row ? { status: 'updated', org: toOrganization(row) } : { status: 'not-found' }
    },

    async delete(id) {
      // Every tenant table references organizations(id) ON DELETE CASCADE. The audit log is not
      // a tenant table in that sense: it keeps the org's history.
      const rows = await session.rows(sql`delete from organizations where id = ${id} returning id`)
      return rows.length === 1
    },

    deleteIfEmpty(id, founderId) {
      // Lock the org first: this waits for every transaction that already wrote a row referencing
      // it (a membership's foreign-key check key-share locks the org). Then count in a fresh
      // snapshot, which sees what they committed. A later insert's foreign-key check waits for
      // this transaction and fails on the deleted org: a retryable conflict, and the retried
      // use-case answers ORG_NOT_FOUND (O3). Lookups take no lock, so two deletions queue on
      // this one instead of deadlocking on a lock upgrade.
      return session.atomic(async (unit) => {
        const locked = await unit.rows(sql`select 1 from organizations where id = ${id} for update`)
        if (locked.length === 0) return { status: 'not-found' } as const
        const [row] = await unit.rows<{ others: number; deleted: boolean }>(sql`
          with others as (
            select count(*)::int as n from memberships where org_id = ${id} and account_id <> ${founderId}),
          deleted as (
            delete from organizations where id = ${id} and (select n from others) = 0 returning 1)
          select (select n from others) as others, exists (select 1 from deleted) as deleted`)
        if (row?.deleted) return { status: 'deleted' } as const
        return { status: 'not-empty', otherMembers: Number(row?.others ?? 0) } as const
      })
    },

    async listForAccount(accountId) {
      const rows = await session.rows<Record<string, unknown>>(sql`
        select ${columns('o', ORG_COLUMNS, 'o_')}, ${columns('m', MEMBERSHIP_COLUMNS, 'm_')}
        from memberships m join organizations o on o.id = m.org_id
        where m.account_id = ${accountId}
        order by m.id`)
      return rows.map((row) => ({ org: toOrganization(row, 'o_'), membership: toMembership(row, 'm_') }))
    },
  }
}
