import type { CustomRole, StoredGrant } from '@roster/core'
import type { RolesRepository } from '@roster/core/storage'
import { copy, type TableAccess } from '../database.js'
import { T } from '../tables.js'
import type { Unit } from './unit.js'

function nameTaken(tables: TableAccess, role: Pick<CustomRole, 'id' | 'orgId' | 'nameKey'>): boolean {
  for (const other of tables.read<CustomRole>(T.roles).values())
    if (other.orgId === role.orgId && other.nameKey === role.nameKey && other.id !== role.id) return true
  return false
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

export function rolesRepository(unit: Unit): RolesRepository {
  return {
    list: (orgId) =>
      unit.read((t) =>
        [...t.read<CustomRole>(T.roles).values()]
          .filter((role) => role.orgId === orgId)
          .sort(byId)
          .map(copy),
      ),
    findByIds: (orgId, ids) =>
      unit.read((t) => {
        const table = t.read<CustomRole>(T.roles)
        return [...new Set(ids)].flatMap((id) => {
          const role = table.get(id)
          return role && role.orgId === orgId ? [copy(role)] : []
        })
      }),
    insert: (role) =>
      unit.write((t) => {
        if (nameTaken(t, role)) return { status: 'conflict', field: 'name' } as const
        t.write<CustomRole>(T.roles).set(role.id, copy(role))
        return { status: 'inserted' } as const
      }),
    update: (orgId, id, patch) =>
      unit.write((t) => {
        const current = t.read<CustomRole>(T.roles).get(id)
        if (!current || current.orgId !== orgId) return { status: 'not-found' } as const
        const set = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined))
        const next: CustomRole = { ...current, ...copy(set), id, orgId }
        if (nameTaken(t, next)) return { status: 'conflict', field: 'name' } as const
        t.write<CustomRole>(T.roles).set(id, next)
        return { status: 'updated', role: copy(next) } as const
      }),
    delete: (orgId, id) =>
      unit.write((t) => {
        const current = t.read<CustomRole>(T.roles).get(id)
        if (!current || current.orgId !== orgId) return { status: 'not-found' } as const
        let grants = 0
        for (const grant of t.read<StoredGrant>(T.grants).values())
          if (grant.orgId === orgId && grant.roleId === id) grants++
        if (grants > 0) return { status: 'in-use', grants } as const
        t.write(T.roles).delete(id)
        return { status: 'deleted' } as const
      }),
  }
}
