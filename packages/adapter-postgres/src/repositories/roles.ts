import type { CustomRole } from '@roster/core'
import type { RolePatch, RolesRepository } from '@roster/core/storage'
import { sql } from 'kysely'
import { columnList } from '../rows.js'
import type { RolesTable } from '../schema.js'
import type { Session } from '../session.js'

type Row = {
  org_id: string
  id: string
  name: string
  name_key: string
  permissions: string[]
  created_at: Date
  updated_at: Date
}

const COLUMNS = columnList<RolesTable>([
  'org_id',
  'id',
  'name',
  'name_key',
  'permissions',
  'created_at',
  'updated_at',
])

const toRole = (row: Row): CustomRole => ({
  id: row.id,
  orgId: row.org_id,
  name: row.name,
  nameKey: row.name_key,
  permissions: [...row.permissions],
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
})

const PATCH_COLUMNS: Record<keyof RolePatch, string> = {
  name: 'name',
  nameKey: 'name_key',
  permissions: 'permissions',
  updatedAt: 'updated_at',
}

export function rolesRepository(session: Session): RolesRepository {
  return {
    async list(orgId) {
      const rows = await session.rows<Row>(
        sql`select ${COLUMNS} from roles where org_id = ${orgId} order by id`,
      )
      return rows.map(toRole)
    },

    async findByIds(orgId, ids) {
      if (ids.length === 0) return []
      // Inside a transaction the rows are key-share locked: a concurrent roles.delete waits for
      // this transaction, then counts its grants (R4: a delete and a grant never both commit).
      const rows = await session.rows<Row>(sql`
        select ${COLUMNS} from roles where org_id = ${orgId} and id = any(${[...new Set(ids)]}::text[])
        ${session.keyShareLock}`)
      return rows.map(toRole)
    },

    async insert(role) {
      const inserted = await session.rows(sql`
        insert into roles (org_id, id, name, name_key, permissions, created_at, updated_at)
        values (${role.orgId}, ${role.id}, ${role.name}, ${role.nameKey}, ${[...role.permissions]}::text[],
          ${role.createdAt}, ${role.updatedAt})
        on conflict (org_id, name_key) do nothing
        returning 1`)
      return inserted.length === 1 ? { status: 'inserted' } : { status: 'conflict', field: 'name' }
    },

    async update(orgId, id, patch) {
      const assignments = Object.entries(patch)
        .filter(([key, value]) => PATCH_COLUMNS[key as keyof RolePatch] !== undefined && value !== undefined)
        .map(([key, value]) =>
          key === 'permissions'
            ? sql`permissions = ${[...(value as string[])]}::text[]`
            : sql`${sql.ref(PATCH_COLUMNS[key as keyof RolePatch])} = ${value}`,
        )
      if (assignments.length === 0) {
        const [row] = await session.rows<Row>(
          sql`select ${COLUMNS} from roles where org_id = ${orgId} and id = ${id}`,
        )
        return row ? { status: 'updated', role: toRole(row) } : { status: 'not-found' }
      }
      const result = await session.rowsOrViolation<Row>(sql`
        update roles set ${sql.join(assignments, sql`, `)}
        where org_id = ${orgId} and id = ${id}
        returning ${COLUMNS}`)
      if (result.violation) {
        if (result.violation.constraint !== 'roles_org_name_unique')
          throw new Error(`postgresStorage: unexpected unique violation ${result.violation.constraint}`)
        return { status: 'conflict', field: 'name' }
      }
      const [row] = result.rows
      return row ? { status: 'updated', role: toRole(row) } : { status: 'not-found' }
    },

    delete(orgId, id) {
      // Lock the role, then count its grants in a fresh snapshot: a grant committed by a
      // transaction that held the role (key share) is counted; one that comes later finds the
      // role gone (R4).
      return session.atomic(async (unit) => {
        const locked = await unit.rows(
          sql`select 1 from roles where org_id = ${orgId} and id = ${id} for update`,
        )
        if (locked.length === 0) return { status: 'not-found' } as const
        const [row] = await unit.rows<{ grants: number; deleted: boolean }>(sql`
          with uses as (select count(*)::int as n from grants where org_id = ${orgId} and role_id = ${id}),
          deleted as (
            delete from roles where org_id = ${orgId} and id = ${id} and (select n from uses) = 0 returning 1)
          select (select n from uses) as grants, exists (select 1 from deleted) as deleted`)
        if (row?.deleted) return { status: 'deleted' } as const
        return { status: 'in-use', grants: row?.grants ?? 0 } as const
      })
    },
  }
}
