// What the parts of a sync run share: the claimed run, the batch being applied, and the two kinds
// of answer a person's reconciliation gives — an outcome to count, or a reason to stop the run.
import type { RosterContext } from '../../context.js'
import type { AuditActor } from '../../domain/actor.js'
import type { Connection, SyncFailureReason } from '../../domain/connection.js'
import type { Organization } from '../../domain/organization.js'
import type { RosterErrorCode } from '../../errors.js'
import type { LinkScope } from '../../ports/storage.js'
import type { WriteScope } from '../transaction.js'
import type { CountedOutcome } from './counts.js'

/** @internal One claimed run: the connection as claimed, its run number and its batch size. */
export interface SyncRun {
  ctx: RosterContext
  actor: AuditActor
  claimed: Connection
  run: number
  scope: LinkScope
  batchSize: number
}

/** @internal What a batch shares: the connection as of this batch, its host org and the run. */
export interface BatchContext {
  ctx: RosterContext
  w: WriteScope
  connection: Connection
  org: Organization
  run: number
  scope: LinkScope
}

/** @internal Why a run stops before the end; the batch it happened in is rolled back. */
export interface SyncStop {
  reason: SyncFailureReason
  message: string
}

export function syncStop(reason: SyncFailureReason, message: string): SyncStop {
  return { reason, message }
}

/**
 * @internal What happened to one person. `seen`: the link still needs its `lastSeenRun` set (the
 * batch's bulk `markSeen`). `stop`: the batch must be undone and the run stopped (another writer
 * broke the rules the batch relies on); never a per-person error, since earlier writes of the
 * same person may already be in the transaction.
 */
export type PersonOutcome =
  | { kind: Exclude<CountedOutcome, 'unchanged'>; seen?: false }
  | { kind: 'unchanged'; seen: boolean }
  | { kind: 'error'; code: RosterErrorCode; message: string; seen: boolean }
  | { kind: 'stop'; stop: SyncStop }

export function personError(code: RosterErrorCode, message: string, seen: boolean): PersonOutcome {
  return { kind: 'error', code, message, seen }
}

export function stopBatch(
  reason: SyncFailureReason,
  message: string,
): Extract<PersonOutcome, { kind: 'stop' }> {
  return { kind: 'stop', stop: syncStop(reason, message) }
}

/** A thrown value in words. */
export function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause)
}
