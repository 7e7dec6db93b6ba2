import mitt, { type Emitter, type Handler } from 'mitt'
import type { AuditActor } from './domain/actor.js'

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
}

export type RosterEventType = keyof RosterEvents

/** A queued event, emitted after commit. */
export type PendingEvent = { [K in RosterEventType]: { type: K; payload: RosterEvents[K] } }[RosterEventType]

/** The host-facing side of the emitter: subscribe and unsubscribe. */
export interface RosterEventsApi {
  on<K extends RosterEventType>(type: K, handler: Handler<RosterEvents[K]>): void
  off<K extends RosterEventType>(type: K, handler?: Handler<RosterEvents[K]>): void
}

export type RosterEmitter = Emitter<RosterEvents>

export function createEmitter(): RosterEmitter {
  return mitt<RosterEvents>()
}
