import type { AuditRepository } from '@roster/core/storage'
import { type RawBuilder, sql } from 'kysely'
import { AUDIT_APPEND, AUDIT_COLUMNS, columns, NO_ORG, toAuditEvent } from '../rows.js'
import type { Session } from '../session.js'

export function auditRepository(session: Session): AuditRepository {
  return {
    append: (event) => session.append('audit_events', AUDIT_APPEND, event),

    async list(query) {
      // Newest first by id within one org: a backward scan of (org_id, id), or of
      // (org_id, target_id|actor_id|action, id) when that filter is given.
      const conditions: RawBuilder<unknown>[] = [sql`e.org_id = ${query.orgId ?? NO_ORG}`]
      if (query.action !== undefined) conditions.push(sql`e.action = ${query.action}`)
      if (query.actorId !== undefined)
        conditions.push(sql`e.actor_kind = 'account' and e.actor_id = ${query.actorId}`)
      if (query.actorReason !== undefined)
        conditions.push(sql`e.actor_kind = 'system' and e.actor_reason = ${query.actorReason}`)
      if (query.targetId !== undefined) conditions.push(sql`e.target_id = ${query.targetId}`)
      if (query.since !== undefined) conditions.push(sql`e.at >= ${query.since}`)
      if (query.until !== undefined) conditions.push(sql`e.at < ${query.until}`)
      if (query.beforeId !== undefined) conditions.push(sql`e.id < ${query.beforeId}`)
      if (query.limit <= 0) return []
      const rows = await session.rows<Record<string, unknown>>(
        sql`select ${columns('e', AUDIT_COLUMNS)} from audit_events e
            where ${sql.join(conditions, sql` and `)}
            order by e.id desc
            limit ${Math.floor(query.limit)}`,
        { touches: ['audit_events'] },
      )
      return rows.map(toAuditEvent)
    },
  }
}
