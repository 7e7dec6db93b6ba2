import mitt, { type Emitter, type Handler, type WildcardHandler } from 'mitt'
import type { AuditActor } from './domain/actor.js'
import type { SyncFailureReason, SyncProgress } from './domain/connection.js'

/**
 * The typed domain events, emitted only after the change commits (E2), never for failures.
 * Each carries the org (when there is one), the actor and the ids it is about.
 */
export type RosterEvents = {
  'account.signed-up': { accountId: string }
  'account.updated': { accountId: string; fields: string[]; actor: AuditActor }
  'account.email-changed': { accountId: string; actor: AuditActor }
  'account.disabled': { accountId: string; actor: AuditActor }
  'account.enabled': { accountId: string; actor: AuditActor }
  'account.deleted': { accountId: string }
  'account.activated': { accountId: string }
  'account.password-changed': { accountId: string }
  'account.locked': { accountId: string; until: string }
  'account.email-change-requested': { accountId: string; actor: AuditActor }
  'account.identity-linked': { accountId: string; provider: string; actor: AuditActor }
  'account.password-reset-requested': { accountId: string }
  'org.created': { orgId: string; actor: AuditActor }
  'org.updated': { orgId: string; fields: string[]; actor: AuditActor }
  'org.deleted': { orgId: string; actor: AuditActor }
  'org.foundership-transferred': {
    orgId: string
    fromAccountId: string
    toAccountId: string
    actor: AuditActor
  }
  'member.added': { orgId: string; accountId: string; actor: AuditActor }
  'member.updated': { orgId: string; accountId: string; fields: string[]; actor: AuditActor }
  'member.activated': { orgId: string; accountId: string }
  'member.disabled': { orgId: string; accountId: string; actor: AuditActor }
  'member.enabled': { orgId: string; accountId: string; actor: AuditActor }
  'member.removed': { orgId: string; accountId: string; actor: AuditActor }
  'member.left': { orgId: string; accountId: string }
  'member.invitation-accepted': { orgId: string; accountId: string }
  'member.invitation-declined': { orgId: string; accountId: string }
  'activation.resent': { orgId: string | null; accountId: string }
  // Join requests (J1, J2)
  'join-request.created': { orgId: string; requestId: string; accountId: string }
  'join-request.approved': { orgId: string; requestId: string; accountId: string; actor: AuditActor }
  'join-request.denied': { orgId: string; requestId: string; accountId: string; actor: AuditActor }
  'join-request.cancelled': { orgId: string; requestId: string; accountId: string }
  // Roles and resources (R1–R5)
  'role.defined': { orgId: string; roleId: string; actor: AuditActor }
  'role.updated': { orgId: string; roleId: string; fields: string[]; actor: AuditActor }
  'role.deleted': { orgId: string; roleId: string; actor: AuditActor }
  'role.assigned': { orgId: string; accountId: string; roleIds: string[]; actor: AuditActor }
  'role.revoked': { orgId: string; accountId: string; roleId: string; actor: AuditActor }
  'resource.created': { orgId: string; resourceId: string; actor: AuditActor }
  'resource.deleted': { orgId: string; resourceId: string; actor: AuditActor }
  // Departments (D1, D2)
  'department.created': { orgId: string; departmentId: string; actor: AuditActor }
  'department.renamed': { orgId: string; departmentId: string; actor: AuditActor }
  'department.deleted': { orgId: string; departmentId: string; actor: AuditActor }
  // Licenses (L1–L6)
  'license.pool-created': { orgId: string; product: string; seats: number; actor: AuditActor }
  'license.seats-changed': { orgId: string; product: string; seats: number; actor: AuditActor }
  'license.assigned': { orgId: string; product: string; accountId: string; actor: AuditActor }
  'license.unassigned': { orgId: string; product: string; accountId: string; actor: AuditActor }
  // Phone numbers (N1–N4)
  'number.imported': { orgId: string; numbers: string[]; actor: AuditActor }
  'number.assigned': { orgId: string; number: string; accountId: string; actor: AuditActor }
  'number.unassigned': { orgId: string; number: string; accountId: string; actor: AuditActor }
  'number.removed': { orgId: string; number: string; actor: AuditActor }
  // Directory connections and sync (S1–S5)
  /** An org connected an external directory (`orgId`: the host org). */
  'connection.created': { orgId: string; connectionId: string; actor: AuditActor }
  /** A guest org asked to connect to a host org (`orgId`: the host org, which approves). */
  'connection.requested': { orgId: string; connectionId: string; actor: AuditActor }
  'connection.approved': { orgId: string; connectionId: string; actor: AuditActor }
  'connection.removed': { orgId: string; connectionId: string; actor: AuditActor }
  /** After each batch of a run commits (S4): for a progress bar. `processed` counts people of this phase. */
  'sync.progress': SyncProgress
  /** A run stopped before the end (the source failed, the connection went away); the next run completes it. */
  'sync.interrupted': {
    orgId: string
    connectionId: string
    /** Why, in words (the report's `failure`). */
    reason: string
    /** Why, as a code (the report's `failureReason`). */
    failureReason: SyncFailureReason
  }
  'sync.completed': {
    orgId: string
    connectionId: string
    added: number
    updated: number
    disabled: number
    removed: number
    unchanged: number
    errors: number
  }
  // Mail (A11, E3)
  /** An address went on the blocklist after a bounce or a complaint (A11). */
  'mail.blocked': { email: string; kind: 'bounce' | 'complaint' }
  /** An admin or the system removed an address from the blocklist (A11). */
  'mail.unblocked': { email: string; actor: AuditActor }
  /** A message failed its last attempt and is now dead (E3): alert someone. */
  'mail.dead-lettered': {
    messageId: string
    orgId: string | null
    to: string
    template: string
    attempts: number
    error: string
  }
  /**
   * Delivery bookkeeping failed after the change that queued the mail had committed (storage was
   * unreachable while reading the blocklist, recording the attempt, or recording its outcome).
   * The use-case still answered ok. `outcome: 'retry'`: the message was not sent and the outbox
   * retries it once its lease passes. `outcome: 'unconfirmed'`: the mailer may have it, so it stays
   * `sending` and is never resent automatically (at most once) — check, then `outbox.requeue` it.
   */
  'mail.delivery-failed': {
    messageId: string
    orgId: string | null
    template: string
    stage: 'blocklist' | 'claim' | 'record'
    outcome: 'retry' | 'unconfirmed'
    error: string
  }
  /** An admin put a dead or blocked message back in the queue. */
  'mail.requeued': { messageId: string; orgId: string | null; actor: AuditActor }
  // Storage
  /**
   * A use-case's transaction failed on a concurrent change (a serialization failure, a deadlock, a
   * constraint a race broke) and runs again from the start after `delayMs` (`transactionRetry`).
   * Emitted before the retry, whatever its outcome: count these to watch contention.
   */
  'storage.retried': { attempt: number; reason: string; delayMs: number }
}

export type RosterEventType = keyof RosterEvents

/** A queued event, emitted after commit. */
export type PendingEvent = { [K in RosterEventType]: { type: K; payload: RosterEvents[K] } }[RosterEventType]

/** A handler of every event: gets the type and the payload. */
export type RosterWildcardHandler = WildcardHandler<RosterEvents>

/**
 * The host-facing side of the emitter: subscribe and unsubscribe. Handlers run after the change
 * committed; one that throws (or an async one that rejects) is isolated: the use-case still
 * succeeds and the other handlers still run. Handle your own errors in handlers.
 *
 * @example
 * roster.events.on('member.added', ({ orgId, accountId }) => analytics.track('member added', { orgId, accountId }))
 * roster.events.on('*', (type, payload) => queue.publish(type, payload))
 */
export interface RosterEventsApi {
  on<K extends RosterEventType>(type: K, handler: Handler<RosterEvents[K]>): void
  on(type: '*', handler: RosterWildcardHandler): void
  off<K extends RosterEventType>(type: K, handler?: Handler<RosterEvents[K]>): void
  off(type: '*', handler?: RosterWildcardHandler): void
}

export type RosterEmitter = Emitter<RosterEvents>

export function createEmitter(): RosterEmitter {
  return mitt<RosterEvents>()
}

/** @internal Wraps host handlers so a throw or a rejection stays inside the handler. */
export function createEventsApi(emitter: RosterEmitter): RosterEventsApi {
  // biome-ignore lint/suspicious/noExplicitAny: handlers of every event type share this map
  const wrapped = new Map<string, Map<(...args: any[]) => unknown, (...args: any[]) => void>>()
  return {
    // biome-ignore lint/suspicious/noExplicitAny: the overloads above type the public side
    on(type: RosterEventType | '*', handler: (...args: any[]) => unknown) {
      const safe = (...args: unknown[]) => {
        try {
          const out = handler(...args)
          if (out && typeof (out as Promise<unknown>).catch === 'function')
            (out as Promise<unknown>).catch(() => {
              // An async handler's rejection must not become an unhandled rejection of the host.
            })
        } catch {
          // A host handler that throws must not fail the use-case or the other handlers.
        }
      }
      const byHandler = wrapped.get(type) ?? new Map()
      wrapped.set(type, byHandler)
      // Subscribing the same handler twice keeps one subscription, as mitt's off would remove one.
      if (byHandler.has(handler)) return
      byHandler.set(handler, safe)
      emitter.on(type as never, safe as never)
    },
    // biome-ignore lint/suspicious/noExplicitAny: the overloads above type the public side
    off(type: RosterEventType | '*', handler?: (...args: any[]) => unknown) {
      const byHandler = wrapped.get(type)
      if (!byHandler) return
      if (handler === undefined) {
        for (const safe of byHandler.values()) emitter.off(type as never, safe as never)
        wrapped.delete(type)
        return
      }
      const safe = byHandler.get(handler)
      if (!safe) return
      emitter.off(type as never, safe as never)
      byHandler.delete(handler)
    },
  } as RosterEventsApi
}
