import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, isSystemActor } from '../../domain/actor.js'
import {
  type MailTemplate,
  OUTBOX_STATUSES,
  type OutboxMessage,
  type OutboxStatus,
} from '../../domain/mail-message.js'
import { Id, PageLimit } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { KeysetCursor, keysetPage, type Page } from '../../internal/page.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'

export const ListOutboxInput = z.object({
  /** The org whose mail to list; `null` (system actor only) lists mail of no org, such as self sign-ups. */
  orgId: Id.nullable(),
  /**
   * `dead` lists the dead letters; `blocked` the messages skipped for a blocked address; `sending`
   * the ones handed to the mailer whose outcome is not recorded (sent-unconfirmed once their lease passed).
   */
  status: z.enum(OUTBOX_STATUSES).optional(),
  /** `nextCursor` of the previous page. */
  cursor: KeysetCursor.optional(),
  /** 1..200, default 50. */
  limit: PageLimit,
})
export type ListOutboxInput = z.input<typeof ListOutboxInput>
export type ListOutboxError = RosterError<'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'STORAGE_FAILURE'>

/**
 * An outbox message as admins see it: where it goes, what it is and how delivery went. The body is
 * left out on purpose: it may hold a sign-in link or a temporary password.
 */
export interface OutboxMessageView {
  id: string
  orgId: string | null
  to: string
  template: MailTemplate
  language: string
  subject: string
  status: OutboxStatus
  attempts: number
  /** When the next attempt is due (pending), or when the last one happened (dead, blocked). */
  nextAttemptAt: string
  lastError: string | null
  createdAt: string
  sentAt: string | null
}

/** @internal */
export function toOutboxMessageView(message: OutboxMessage): OutboxMessageView {
  return {
    id: message.id,
    orgId: message.orgId,
    to: message.to,
    template: message.template,
    language: message.language,
    subject: message.subject,
    status: message.status,
    attempts: message.attempts,
    nextAttemptAt: message.nextAttemptAt.toISOString(),
    lastError: message.lastError,
    createdAt: message.createdAt.toISOString(),
    sentAt: message.sentAt?.toISOString() ?? null,
  }
}

/**
 * A page of an org's outbox, oldest first (`audit:read`), so admins see dead letters and blocked
 * messages (E3, A11). Keyset paging: pass `nextCursor` back as `cursor`.
 *
 * @example
 * const dead = await roster.outbox.list(admin, { orgId, status: 'dead' })
 */
export function listOutbox(
  ctx: RosterContext,
  actor: Actor,
  input: ListOutboxInput,
): ResultAsync<Page<OutboxMessageView>, ListOutboxError> {
  return runUseCase(async () => {
    const parsed = parseInput(ListOutboxInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, status, cursor, limit } = parsed.value
    if (orgId === null) {
      if (!isSystemActor(actor))
        return err(rosterError('FORBIDDEN', { message: 'Only the system actor can list mail of no org.' }))
    } else {
      const access = await authorize(ctx.storage, actor, orgId, 'audit:read')
      if (access.isErr()) return err(access.error)
    }
    const rows = await ctx.storage.outbox.list({ orgId, status, afterId: cursor, limit: limit + 1 })
    return ok(keysetPage(rows, limit, (row) => row.id, toOutboxMessageView))
  })
}
