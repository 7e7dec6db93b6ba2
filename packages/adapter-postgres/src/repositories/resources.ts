import type { Resource } from '@roster/core'
import type { ResourcesRepository } from '@roster/core/storage'
import { type RawBuilder, sql } from 'kysely'
import { columnList } from '../rows.js'
import type { ResourcesTable } from '../schema.js'
import type { Session } from '../session.js'

type Row = { org_id: string; id: string; type: string; name: string; created_at: Date }
const COLUMNS = columnList<ResourcesTable>(['org_id', 'id', 'type', 'name', 'created_at'])

const toResource = (row: Row): Resource => ({
  id: row.id,
  orgId: row.org_id,
  type: row.type,
  name: row.name,
  createdAt: new Date(row.created_at),
})

export function resourcesRepository(session: Session): ResourcesRepository {
  return {
    async findByIds(orgId, ids) {
      if (ids.length === 0) return []
      // Key-share locked inside a transaction, so a grant scoped to it and its deletion serialize.
      const rows = await session.rows<Row>(sql`
        select ${COLUMNS} from resources where org_id = ${orgId} and id = any(${[...new Set(ids)]}::text[])
        ${session.keyShareLock}`)
      return rows.map(toResource)
    },

    async list(query) {
      if (query.limit <= 0) return []
      const conditions: RawBuilder<unknown>[] = [sql`org_id = ${query.orgId}`]
      if (query.type !== undefined) conditions.push(sql`type = ${query.type}`)
      if (query.afterId !== undefined) conditions.push(sql`id > ${query.afterId}`)
      const rows = await session.rows<Row>(sql`
        select ${COLUMNS} from resources where ${sql.join(conditions, sql` and `)}
        order by id limit ${Math.floor(query.limit)}`)
      return rows.map(toResource)
    },

    async insert(resource) {
      await session.rows(sql`
        insert into resources (org_id, id, type, name, created_at)
        values (${resource.orgId}, ${resource.id}, ${resource.type}, ${resource.name}, ${resource.createdAt})`)
    },

    delete(orgId, id) {
      // Lock the resource first; the grants at it are then deleted in a fresh snapshot that sees
      // every grant committed by a transaction that held it. Later grants find it gone.
      return session.atomic(async (unit) => {
        const locked = await unit.rows(
          sql`select 1 from resources where org_id = ${orgId} and id = ${id} for update`,
        )
        if (locked.length === 0) return false
        const rows = await unit.rows(sql`
          with grants_at as (
            delete from grants where org_id = ${orgId} and scope_kind = 'resource' and scope_value = ${id})
          delete from resources where org_id = ${orgId} and id = ${id}
          returning 1`)
        return rows.length === 1
      })
    },
  }
}
