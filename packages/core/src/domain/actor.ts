const SYSTEM = Symbol.for('@roster/system-actor')

/** A person acting through the host app: the signed-in account. */
export interface PersonActor {
  accountId: string
}

/** The host app itself (jobs, bootstrap); passes every permission check and is audited as the system. */
export interface SystemActor {
  readonly [SYSTEM]: true
  readonly reason: string
}

/** Who runs a use-case. */
export type Actor = PersonActor | SystemActor

/**
 * The actor for the host's own jobs and bootstrap. It passes every permission check and is
 * recorded in the audit log as the system, with the reason.
 *
 * @example
 * const org = await roster.orgs.create(systemActor('seed'), { name: 'Acme', founderId: fay.id })
 */
export function systemActor(reason: string): SystemActor {
  return Object.freeze({ [SYSTEM]: true as const, reason })
}

export function isSystemActor(actor: Actor): actor is SystemActor {
  return typeof actor === 'object' && actor !== null && (actor as Partial<SystemActor>)[SYSTEM] === true
}

/** How an actor is written in audit events. */
export type AuditActor = { kind: 'account'; id: string } | { kind: 'system'; reason: string }

export function toAuditActor(actor: Actor): AuditActor {
  return isSystemActor(actor)
    ? { kind: 'system', reason: actor.reason }
    : { kind: 'account', id: actor.accountId }
}
