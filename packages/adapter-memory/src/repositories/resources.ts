import type { Resource, StoredGrant } from '@roster/core'
import type { ResourcesRepository } from '@roster/core/storage'
import { copy } from '../database.js'
import { T } from '../tables.js'
import type { Unit } from './unit.js'

export function resourcesRepository(unit: Unit): ResourcesRepository {
  return {
    findByIds: (orgId, ids) =>
      unit.read((t) => {
        const table = t.read<Resource>(T.resources)
        return [...new Set(ids)].flatMap((id) => {
          const resource = table.get(id)
          return resource && resource.orgId === orgId ? [copy(resource)] : []
        })
      }),
    list: (query) =>
      unit.read((t) =>
        [...t.read<Resource>(T.resources).values()]
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
        t.write<Resource>(T.resources).set(resource.id, copy(resource))
      }),
    delete: (orgId, id) =>
      unit.write((t) => {
        const current = t.read<Resource>(T.resources).get(id)
        if (!current || current.orgId !== orgId) return false
        t.write(T.resources).delete(id)
        const grants = t.write<StoredGrant>(T.grants)
        for (const [key, grant] of grants)
          if (grant.orgId === orgId && grant.scopeKind === 'resource' && grant.scopeValue === id)
            grants.delete(key)
        return true
      }),
  }
}
