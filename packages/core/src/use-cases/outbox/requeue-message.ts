import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, isSystemActor, toAuditActor } from '../../domain/actor.js'
import { emailKey } from '../../domain/account.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { type OutboxMessageView, toOutboxMessageView } from './list-outbox.js'

export const RequeueMessageInput = z.object({
  /** The message's org; `null` (system actor only) for mail of no org. */
  orgId: Id.nullable(),
  messageId: Id,
})
export type RequeueMessageInput = z.input<typeof RequeueMessageInput>
export type RequeueMessageError = RosterError<
  | 'VALIDATION'
  | 'FORBIDDEN'
  | 'ORG_NOT_FOUND'
  | 'NOT_FOUND'
  | 'INVALID_STATE'
  | 'EMAIL_BLOCKED'
  | 'STORAGE_FAILURE'
>

/**
 * Puts a `dead` or `blocked` message back in the queue with a fresh attempt count (`members:update`),
 * once the cause is fixed — the mail server is back, or the address was unblocked. The next
 * `outbox.dispatch()` delivers it. A message left `sending` past its lease (sent-unconfirmed: the
 * mailer may or may not have it) can be requeued too, once you checked it did not arrive; Roster
 * never resends it on its own (at most once). Still blocked → `EMAIL_BLOCKED`; pending, sent or
 * still within its lease → `INVALID_STATE`.
 * Emits `mail.requeued`.
 *
 * @example
 * await roster.outbox.requeue(admin, { orgId, messageId })
 */
export function requeueMessage(
  ctx: RosterContext,
  actor: Actor,
  input: RequeueMessageInput,
): ResultAsync<OutboxMessageView, RequeueMessageError> {
  return runUseCase(async () => {
    const parsed = parseInput(RequeueMessageInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, messageId } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      if (orgId === null) {
        if (!isSystemActor(actor))
          return err(
            rosterError('FORBIDDEN', { message: 'Only the system actor can requeue mail of no org.' }),
          )
      } else {
        const access = await authorize(w.tx, actor, orgId, 'members:update')
        if (access.isErr()) return err(access.error)
      }
      const message = await w.tx.outbox.findById(messageId)
      // Another org's message is reported as missing, not as forbidden (X3).
      if (!message || message.orgId !== orgId)
        return err(rosterError('NOT_FOUND', { details: { entity: 'outbox-message', messageId } }))
      // A `sending` message whose lease has passed is sent-unconfirmed (the process died, or its
      // outcome could not be recorded): the admin who checked it did not arrive may send it again.
      const unconfirmed = message.status === 'sending' && message.nextAttemptAt <= w.now
      if (message.status !== 'dead' && message.status !== 'blocked' && !unconfirmed) {
        return err(
          rosterError('INVALID_STATE', {
            message: `Only dead, blocked or unconfirmed messages can be requeued; this one is ${message.status}.`,
          }),
        )
      }
      if (await w.tx.blocklist.isBlocked(emailKey(message.to)))
        return err(rosterError('EMAIL_BLOCKED', { details: { email: message.to } }))
      await w.tx.outbox.markFailed(message.id, {
        error: message.lastError ?? 'requeued',
        attempts: 0,
        nextAttemptAt: w.now,
        status: 'pending',
        claim: null,
      })
      await w.audit({
        orgId,
        action: 'mail.requeued',
        targetType: 'outbox-message',
        targetId: message.id,
        changes: {
          status: { before: message.status, after: 'pending' },
          attempts: { before: message.attempts, after: 0 },
        },
      })
      w.emit('mail.requeued', { messageId: message.id, orgId, actor: w.actor })
      return ok(toOutboxMessageView({ ...message, status: 'pending', attempts: 0, nextAttemptAt: w.now }))
    })
  })
}
