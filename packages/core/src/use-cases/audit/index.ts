import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type ListAuditInput, listAudit } from './list-audit.js'

/** `roster.audit`: the append-only log of changes (E1). */
export function auditApi(ctx: RosterContext) {
  return {
    /**
     * A page of an org's audit log, newest first (E1), for actors holding `audit:read`.
     * @see `listAudit` in `use-cases/audit/list-audit.ts` for the rules it implements and an example.
     */
    list: (actor: Actor, input: ListAuditInput) => listAudit(ctx, actor, input),
  }
}

export type AuditApi = ReturnType<typeof auditApi>
