import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type ListAuditInput, listAudit } from './list-audit.js'

/** `roster.audit`: the append-only log of changes (E1). */
export function auditApi(ctx: RosterContext) {
  return {
    /** {@inheritDoc listAudit} */
    list: (actor: Actor, input: ListAuditInput) => listAudit(ctx, actor, input),
  }
}

export type AuditApi = ReturnType<typeof auditApi>
