import type { GrantsRepository, StoredGrant } from '@roster/core'
import { copy } from '../database.js'
import { grantRowKey, T, type Unit } from './unit.js'

export function grantsRepository(unit: Unit): GrantsRepository {
  return {
    listFor: (orgId, accountId) =>
      unit.read((t) =>
        [...t.read<StoredGrant>(T.grants).values()]
          .filter((g) => g.orgId === orgId && g.accountId === accountId)
          .map(copy),
      ),
    add: (grants) =>
      unit.write((t) => {
        const table = t.write<StoredGrant>(T.grants)
        for (const grant of grants) {
          const key = grantRowKey(grant)
          if (!table.has(key)) table.set(key, copy(grant))
        }
      }),
    remove: (orgId, accountId, grants) =>
      unit.write((t) => {
        const table = t.write<StoredGrant>(T.grants)
        let removed = 0
        for (const grant of grants) if (table.delete(grantRowKey({ ...grant, orgId, accountId }))) removed++
        return removed
      }),
  }
}
