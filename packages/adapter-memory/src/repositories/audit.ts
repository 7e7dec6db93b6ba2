import type { AuditEvent } from '@roster/core'
import type { AuditRepository } from '@roster/core/storage'
import { copy } from '../database.js'
import { T } from '../tables.js'
import type { Unit } from './unit.js'

export function auditRepository(unit: Unit): AuditRepository {
  return {
    append: (event) =>
      unit.write((t) => {
        t.write<AuditEvent>(T.audit).set(event.id, copy(event))
      }),
    list: (query) =>
      unit.read((t) =>
        [...t.read<AuditEvent>(T.audit).values()]
          .filter(
            (e) =>
              e.orgId === query.orgId &&
              (query.action === undefined || e.action === query.action) &&
              (query.actorId === undefined || (e.actor.kind === 'account' && e.actor.id === query.actorId)) &&
              (query.actorReason === undefined ||
                (e.actor.kind === 'system' && e.actor.reason === query.actorReason)) &&
              (query.targetId === undefined || e.targetId === query.targetId) &&
              (query.since === undefined || e.at >= query.since) &&
              (query.until === undefined || e.at < query.until) &&
              (query.beforeId === undefined || e.id < query.beforeId),
          )
          .sort((a, b) => (a.id < b.id ? 1 : -1))
          .slice(0, query.limit)
          .map(copy),
      ),
  }
}
