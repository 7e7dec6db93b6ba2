import type { Resource, StoredGrant } from '@roster/core'
import type { ResourcesRepository } from '@roster/core/storage'
import { copy } from '../database.js'
import { grantNamesLoaders } from './memberships.js'
import { TENANT_TABLES } from './organizations.js'
import { T, type Unit } from './unit.js'

/** Resources (buildings, sites…) by id. */
export const RESOURCES_TABLE = 'resources'
TENANT_TABLES.push(RESOURCES_TABLE)

// A directory row's grant at one resource carries the resource's name.
grantNamesLoaders.push((tables, grant) => {
  if (grant.scopeKind !== 'resource') return { scopeName: null }
  const resource = tables.read<Resource>(RESOURCES_TABLE).get(grant.scopeValue)
  return { scopeName: resource && resource.orgId === grant.orgId ? resource.name : null }
})

export function resourcesRepository(unit: Unit): ResourcesRepository {
  return {
    findByIds: (orgId, ids) =>
      unit.read((t) => {
        const table = t.read<Resource>(RESOURCES_TABLE)
        return [...new Set(ids)].flatMap((id) => {
          const resource = table.get(id)
          return resource && resource.orgId === orgId ? [copy(resource)] : []
        })
      }),
    list: (query) =>
      unit.read((t) =>
        [...t.read<Resource>(RESOURCES_TABLE).values()]
          .filter(
            (resource) =>
              resource.orgId === query.orgId &&
              (query.type === undefined || resource.type === query.type) &&
              (query.afterId === undefined || resource.id > query.afterId),
          )
          .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .slice(0, query.limit)
          .map(copy),
      ),
    insert: (resource) =>
      unit.write((t) => {
        t.write<Resource>(RESOURCES_TABLE).set(resource.id, copy(resource))
      }),
    delete: (orgId, id) =>
      unit.write((t) => {
        const current = t.read<Resource>(RESOURCES_TABLE).get(id)
        if (!current || current.orgId !== orgId) return false
        t.write(RESOURCES_TABLE).delete(id)
        const grants = t.write<StoredGrant>(T.grants)
        for (const [key, grant] of grants)
          if (grant.orgId === orgId && grant.scopeKind === 'resource' && grant.scopeValue === id)
            grants.delete(key)
        return true
      }),
  }
}
