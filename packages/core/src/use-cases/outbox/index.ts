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
    /**
     * Delivers due outbox messages (E3): claims up to `limit` of them (each handed to exactly one dispatcher,
     * however many run at once), sends them, and records the outcome.
     * @see `dispatchOutbox` in `use-cases/outbox/dispatch-outbox.ts` for the rules it implements and an example.
     */
    dispatch: (input?: DispatchOutboxInput) => dispatchOutbox(ctx, input),
    /**
     * A page of an org's outbox, oldest first (`audit:read`), so admins see dead letters and blocked messages
     * (E3, A11).
     * @see `listOutbox` in `use-cases/outbox/list-outbox.ts` for the rules it implements and an example.
     */
    list: (actor: Actor, input: ListOutboxInput) => listOutbox(ctx, actor, input),
    /**
     * Puts a `dead` or `blocked` message back in the queue with a fresh attempt count (`members:update`),
     * once the cause is fixed — the mail server is back, or the address was unblocked.
     * @see `requeueMessage` in `use-cases/outbox/requeue-message.ts` for the rules it implements and an example.
     */
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
