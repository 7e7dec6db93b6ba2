import { ResultAsync } from 'neverthrow'
import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { settleDeliveries } from '../../internal/transaction.js'
import { type DispatchOutboxInput, dispatchOutbox } from './dispatch-outbox.js'
import { type ListOutboxInput, listOutbox } from './list-outbox.js'
import { type RequeueMessageInput, requeueMessage } from './requeue-message.js'

/** `roster.outbox`: delivering queued mail, and the admins' view of it (E3). */
export function outboxApi(ctx: RosterContext) {
  return {
    /** {@inheritDoc dispatchOutbox} */
    dispatch: (input?: DispatchOutboxInput) => dispatchOutbox(ctx, input),
    /** {@inheritDoc listOutbox} */
    list: (actor: Actor, input: ListOutboxInput) => listOutbox(ctx, actor, input),
    /** {@inheritDoc requeueMessage} */
    requeue: (actor: Actor, input: RequeueMessageInput) => requeueMessage(ctx, actor, input),
    /**
     * Waits for mail still being delivered in the background (the public link requests deliver
     * after answering, so their timing tells nobody whether an account exists). Call it before a
     * graceful shutdown, or in tests before reading the mailer.
     *
     * @example
     * await roster.activation.requestNewLink({ email })
     * await roster.outbox.drain()
     * expect(mailer.last(email)?.template).toBe('activation')
     */
    drain: () => ResultAsync.fromSafePromise<void, never>(settleDeliveries(ctx)),
  }
}

export type OutboxApi = ReturnType<typeof outboxApi>
