import type { Department, Membership } from '@roster/core'
import type { DepartmentsRepository } from '@roster/core/storage'
import { copy, type TableAccess } from '../database.js'
import { T } from '../tables.js'
import type { Unit } from './unit.js'

function nameTaken(tables: TableAccess, department: Pick<Department, 'id' | 'orgId' | 'nameKey'>): boolean {
  for (const other of tables.read<Department>(T.departments).values())
    if (
      other.orgId === department.orgId &&
      other.nameKey === department.nameKey &&
      other.id !== department.id
    )
      return true
  return false
}

function findInOrg(tables: TableAccess, orgId: string, id: string): Department | null {
  const department = tables.read<Department>(T.departments).get(id)
  return department && department.orgId === orgId ? department : null
}

export function departmentsRepository(unit: Unit): DepartmentsRepository {
  return {
    findById: (orgId, id) =>
      unit.read((t) => {
        const department = findInOrg(t, orgId, id)
        return department ? copy(department) : null
      }),
    list: (orgId) =>
      unit.read((t) => {
        const counts = new Map<string, number>()
        for (const m of t.read<Membership>(T.memberships).values())
          if (m.orgId === orgId && m.departmentId !== null)
            counts.set(m.departmentId, (counts.get(m.departmentId) ?? 0) + 1)
        return [...t.read<Department>(T.departments).values()]
          .filter((department) => department.orgId === orgId)
          .sort((a, b) => (a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : 0))
          .map((department) => ({
            department: copy(department),
            memberCount: counts.get(department.id) ?? 0,
          }))
      }),
    insert: (department) =>
      unit.write((t) => {
        if (nameTaken(t, department)) return { status: 'conflict', field: 'name' } as const
        t.write<Department>(T.departments).set(department.id, copy(department))
        return { status: 'inserted' } as const
      }),
    rename: (orgId, id, patch) =>
      unit.write((t) => {
        const current = findInOrg(t, orgId, id)
        if (!current) return { status: 'not-found' } as const
        const next: Department = {
          ...current,
          name: patch.name,
          nameKey: patch.nameKey,
          updatedAt: patch.updatedAt,
        }
        if (nameTaken(t, next)) return { status: 'conflict', field: 'name' } as const
        t.write<Department>(T.departments).set(id, copy(next))
        return { status: 'updated', department: copy(next) } as const
      }),
    delete: (orgId, id, { moveMembersTo, now }) =>
      unit.write((t) => {
        if (!findInOrg(t, orgId, id)) return { status: 'not-found' } as const
        if (moveMembersTo !== undefined && (moveMembersTo === id || !findInOrg(t, orgId, moveMembersTo)))
          return { status: 'target-not-found' } as const
        const inDepartment = [...t.read<Membership>(T.memberships).entries()].filter(
          ([, m]) => m.orgId === orgId && m.departmentId === id,
        )
        if (inDepartment.length > 0 && moveMembersTo === undefined)
          return { status: 'not-empty', members: inDepartment.length } as const
        if (inDepartment.length > 0) {
          const memberships = t.write<Membership>(T.memberships)
          for (const [key, m] of inDepartment)
            memberships.set(key, { ...m, departmentId: moveMembersTo ?? null, updatedAt: now })
        }
        t.write(T.departments).delete(id)
        return { status: 'deleted', moved: inDepartment.length } as const
      }),
  }
}
