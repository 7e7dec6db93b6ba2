import type { AuditEvent } from '../../domain/audit-event.js'

/** A keyset query over the audit log, newest first. */
export interface AuditQuery {
  orgId: string | null
  action?: string
  /** Events by this account (`actor.kind === 'account'`); system events never match. */
  actorId?: string
  /** Events by the system with this reason (`actor.kind === 'system'`): a SCIM connection's activity (SC8). */
  actorReason?: string
  targetId?: string
  /** Events at or after this time (inclusive). */
  since?: Date
  /** Events strictly before this time (exclusive). */
  until?: Date
  /** Return events whose id is strictly lower. */
  beforeId?: string
  limit: number
}

export interface AuditRepository {
  /** Appends one event. MUST be written in the caller's transaction. */
  append(event: AuditEvent): Promise<void>
  /** Events matching the query, newest (highest id) first. */
  list(query: AuditQuery): Promise<AuditEvent[]>
}
