import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
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
  }
}

export type OutboxApi = ReturnType<typeof outboxApi>
