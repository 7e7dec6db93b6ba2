import type { Membership, Organization } from '@roster/core'
import type { OrganizationsRepository } from '@roster/core/storage'
import { copy, definedFields, type TableAccess } from '../database.js'
import { T, TENANT_TABLES } from '../tables.js'
import type { Unit } from './unit.js'

function slugTaken(tables: TableAccess, slug: string, exceptId: string): boolean {
  for (const org of tables.read<Organization>(T.orgs).values())
    if (org.slug === slug && org.id !== exceptId) return true
  return false
}

function deleteOrg(t: TableAccess, id: string): boolean {
  if (!t.write(T.orgs).delete(id)) return false
  for (const name of TENANT_TABLES) {
    const table = t.write<{ orgId: string }>(name)
    for (const [key, row] of table) if (row.orgId === id) table.delete(key)
  }
  return true
}

export function organizationsRepository(unit: Unit): OrganizationsRepository {
  return {
    findById: (id) =>
      unit.read((t) => {
        const org = t.read<Organization>(T.orgs).get(id)
        return org ? copy(org) : null
      }),
    findBySlug: (slug) =>
      unit.read((t) => {
        for (const org of t.read<Organization>(T.orgs).values()) if (org.slug === slug) return copy(org)
        return null
      }),
    insert: (org) =>
      unit.write((t) => {
        if (slugTaken(t, org.slug, org.id)) return { status: 'conflict', field: 'slug' } as const
        t.write<Organization>(T.orgs).set(org.id, copy(org))
        return { status: 'inserted' } as const
      }),
    update: (id, patch) =>
      unit.write((t) => {
        const current = t.read<Organization>(T.orgs).get(id)
        if (!current) return { status: 'not-found' } as const
        const next: Organization = { ...current, ...definedFields(patch), id }
        if (slugTaken(t, next.slug, id)) return { status: 'conflict', field: 'slug' } as const
        t.write<Organization>(T.orgs).set(id, next)
        return { status: 'updated', org: copy(next) } as const
      }),
    delete: (id) => unit.write((t) => deleteOrg(t, id)),
    // Serializable like every memory write: no membership can be inserted between the count and
    // the deletion.
    deleteIfEmpty: (id, founderId) =>
      unit.write((t) => {
        if (!t.read(T.orgs).has(id)) return { status: 'not-found' } as const
        let otherMembers = 0
        for (const membership of t.read<Membership>(T.memberships).values())
          if (membership.orgId === id && membership.accountId !== founderId) otherMembers++
        if (otherMembers > 0) return { status: 'not-empty', otherMembers } as const
        deleteOrg(t, id)
        return { status: 'deleted' } as const
      }),
    listForAccount: (accountId) =>
      unit.read((t) => {
        const orgs = t.read<Organization>(T.orgs)
        return [...t.read<Membership>(T.memberships).values()]
          .filter((m) => m.accountId === accountId)
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .flatMap((membership) => {
            const org = orgs.get(membership.orgId)
            return org ? [{ org: copy(org), membership: copy(membership) }] : []
          })
      }),
  }
}
