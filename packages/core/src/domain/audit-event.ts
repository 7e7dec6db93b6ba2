import type { AuditActor } from './actor.js'

/** One field's change. Secret fields are never recorded (E1): only their name. */
export interface FieldChange {
  before?: unknown
  after?: unknown
}

/** An append-only record of one change (E1). */
export interface AuditEvent {
  id: string
  orgId: string | null
  actor: AuditActor
  /** `area.verb`, e.g. `member.added`. */
  action: string
  targetType: string
  targetId: string
  /** Changed field names with before/after for non-secret fields. */
  changes: Record<string, FieldChange>
  at: Date
}

/** Fields whose values never reach the audit log, only their names. */
export const SECRET_FIELDS = new Set([
  'password',
  'passwordHash',
  'token',
  'hash',
  'currentPassword',
  'newPassword',
])

/** Builds a field-change map from a before/after pair, keeping only fields that changed and hiding secrets. */
export function diffFields<T extends object>(
  before: Partial<T>,
  after: Partial<T>,
): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {}
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    const next = after[key]
    if (next === undefined) continue
    const prev = before[key]
    if (JSON.stringify(prev) === JSON.stringify(next)) continue
    changes[key] = SECRET_FIELDS.has(key) ? {} : { before: prev ?? null, after: next ?? null }
  }
  return changes
}
