import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type ApproveJoinRequestInput, approveJoinRequest } from './approve-join-request.js'
import { type CancelJoinRequestInput, cancelJoinRequest } from './cancel-join-request.js'
import { type CreateJoinRequestInput, createJoinRequest } from './create-join-request.js'
import { type DenyJoinRequestInput, denyJoinRequest } from './deny-join-request.js'
import { type ListJoinRequestsInput, listJoinRequests } from './list-join-requests.js'

/** `roster.joinRequests`: people asking to join an org, and the admins' decisions (J1, J2). */
export function joinRequestsApi(ctx: RosterContext) {
  return {
    /** {@inheritDoc createJoinRequest} */
    create: (actor: Actor, input: CreateJoinRequestInput) => createJoinRequest(ctx, actor, input),
    /** {@inheritDoc listJoinRequests} */
    list: (actor: Actor, input: ListJoinRequestsInput) => listJoinRequests(ctx, actor, input),
    /** {@inheritDoc approveJoinRequest} */
    approve: (actor: Actor, input: ApproveJoinRequestInput) => approveJoinRequest(ctx, actor, input),
    /** {@inheritDoc denyJoinRequest} */
    deny: (actor: Actor, input: DenyJoinRequestInput) => denyJoinRequest(ctx, actor, input),
    /** {@inheritDoc cancelJoinRequest} */
    cancel: (actor: Actor, input: CancelJoinRequestInput) => cancelJoinRequest(ctx, actor, input),
  }
}

export type JoinRequestsApi = ReturnType<typeof joinRequestsApi>
