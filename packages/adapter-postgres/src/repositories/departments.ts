import type { Department } from '@roster/core'
import type { DepartmentsRepository } from '@roster/core/storage'
import { sql } from 'kysely'
import { columnList } from '../rows.js'
import type { DepartmentsTable } from '../schema.js'
import type { Session } from '../session.js'

type Row = { org_id: string; id: string; name: string; name_key: string; created_at: Date; updated_at: Date }
const COLUMN_NAMES = ['org_id', 'id', 'name', 'name_key', 'created_at', 'updated_at'] as const
const COLUMNS = columnList<DepartmentsTable>(COLUMN_NAMES, 'd')
const RETURNING = columnList<DepartmentsTable>(COLUMN_NAMES)

const toDepartment = (row: Row): Department => ({
  id: row.id,
  orgId: row.org_id,
  name: row.name,
  nameKey: row.name_key,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
})

export function departmentsRepository(session: Session): DepartmentsRepository {
  return {
    async findById(orgId, id) {
      // Key-share locked inside a transaction: a member put in this department (D1) and the
      // department's deletion (D2) serialize.
      const [row] = await session.rows<Row>(sql`
        select ${COLUMNS} from departments d where d.org_id = ${orgId} and d.id = ${id} ${session.keyShareLock}`)
      return row ? toDepartment(row) : null
    },

    async list(orgId) {
      const rows = await session.rows<Row & { member_count: number }>(sql`
        select ${COLUMNS},
          (select count(*)::int from memberships m where m.org_id = d.org_id and m.department_id = d.id) as member_count
        from departments d where d.org_id = ${orgId}
        order by d.name_key`)
      return rows.map((row) => ({ department: toDepartment(row), memberCount: Number(row.member_count) }))
    },

    async insert(department) {
      const inserted = await session.rows(sql`
        insert into departments (org_id, id, name, name_key, created_at, updated_at)
        values (${department.orgId}, ${department.id}, ${department.name}, ${department.nameKey},
          ${department.createdAt}, ${department.updatedAt})
        on conflict (org_id, name_key) do nothing
        returning 1`)
      return inserted.length === 1 ? { status: 'inserted' } : { status: 'conflict', field: 'name' }
    },

    async rename(orgId, id, patch) {
      const result = await session.rowsOrViolation<Row>(sql`
        update departments set name = ${patch.name}, name_key = ${patch.nameKey}, updated_at = ${patch.updatedAt}
        where org_id = ${orgId} and id = ${id}
        returning ${RETURNING}`)
      if (result.violation) {
        if (result.violation.constraint !== 'departments_org_name_unique')
          throw new Error(`postgresStorage: unexpected unique violation ${result.violation.constraint}`)
        return { status: 'conflict', field: 'name' }
      }
      const [row] = result.rows
      return row ? { status: 'updated', department: toDepartment(row) } : { status: 'not-found' }
    },

    delete(orgId, id, { moveMembersTo, now }) {
      // Lock the department (and the target), then count and move its members in a fresh
      // snapshot: a membership committed into it by a transaction that held it is moved or makes
      // the delete `not-empty`; a later one finds the department gone (D2).
      return session.atomic(async (unit) => {
        const ids = moveMembersTo === undefined ? [id] : [id, moveMembersTo]
        const locked = await unit.rows<{ id: string }>(sql`
          select id from departments where org_id = ${orgId} and id = any(${ids}::text[]) order by id for update`)
        if (!locked.some((row) => row.id === id)) return { status: 'not-found' } as const
        if (
          moveMembersTo !== undefined &&
          (moveMembersTo === id || !locked.some((row) => row.id === moveMembersTo))
        )
          return { status: 'target-not-found' } as const
        const target = moveMembersTo ?? null
        const [row] = await unit.rows<{ members: number; moved: number; deleted: boolean }>(sql`
          with members as (
            select count(*)::int as n from memberships where org_id = ${orgId} and department_id = ${id}),
          moved as (
            update memberships set department_id = ${target}, updated_at = ${now}
            where org_id = ${orgId} and department_id = ${id} and ${target}::text is not null
            returning 1),
          deleted as (
            delete from departments
            where org_id = ${orgId} and id = ${id} and (${target}::text is not null or (select n from members) = 0)
            returning 1)
          select (select n from members) as members, (select count(*)::int from moved) as moved,
                 exists (select 1 from deleted) as deleted`)
        if (!row?.deleted) return { status: 'not-empty', members: row?.members ?? 0 } as const
        return { status: 'deleted', moved: row.moved } as const
      })
    },
  }
}
