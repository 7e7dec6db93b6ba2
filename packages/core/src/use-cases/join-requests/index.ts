import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type ApproveJoinRequestInput, approveJoinRequest } from './approve-join-request.js'
import { type CancelJoinRequestInput, cancelJoinRequest } from './cancel-join-request.js'
import { type CreateJoinRequestInput, createJoinRequest } from './create-join-request.js'
import { type DenyJoinRequestInput, denyJoinRequest } from './deny-join-request.js'
import { type ListJoinRequestsInput, listJoinRequests } from './list-join-requests.js'
import { type ListMyJoinRequestsInput, listMyJoinRequests } from './list-my-join-requests.js'

/** `roster.joinRequests`: people asking to join an org, and the admins' decisions (J1, J2). */
export function joinRequestsApi(ctx: RosterContext) {
  return {
    /**
     * Asks to join an org (J1): the actor's active account, not a member there, with an optional message.
     * @see `createJoinRequest` in `use-cases/join-requests/create-join-request.ts` for the rules it implements and an example.
     */
    create: (actor: Actor, input: CreateJoinRequestInput) => createJoinRequest(ctx, actor, input),
    /**
     * A page of the org's join requests, oldest first, with who asked (`join-requests:decide`, J2).
     * @see `listJoinRequests` in `use-cases/join-requests/list-join-requests.ts` for the rules it implements and an example.
     */
    list: (actor: Actor, input: ListJoinRequestsInput) => listJoinRequests(ctx, actor, input),
    /**
     * The signed-in person's own join requests to every org, newest first, with the org's name and a
     * denial's reason (J2, requester side).
     * @see `listMyJoinRequests` in `use-cases/join-requests/list-my-join-requests.ts` for the rules it implements and an example.
     */
    listMine: (actor: Actor, input: ListMyJoinRequestsInput = {}) => listMyJoinRequests(ctx, actor, input),
    /**
     * Approves a pending join request (`join-requests:decide`, J2): the requester becomes an active member of
     * the chosen type with the chosen grants (each checked at its scope, R3), and is mailed
     * `join-request-decided`.
     * @see `approveJoinRequest` in `use-cases/join-requests/approve-join-request.ts` for the rules it implements and an example.
     */
    approve: (actor: Actor, input: ApproveJoinRequestInput) => approveJoinRequest(ctx, actor, input),
    /**
     * Denies a pending join request with an optional reason (`join-requests:decide`, J2); the requester is
     * mailed `join-request-decided`.
     * @see `denyJoinRequest` in `use-cases/join-requests/deny-join-request.ts` for the rules it implements and an example.
     */
    deny: (actor: Actor, input: DenyJoinRequestInput) => denyJoinRequest(ctx, actor, input),
    /**
     * Withdraws the actor's own pending join request (J2).
     * @see `cancelJoinRequest` in `use-cases/join-requests/cancel-join-request.ts` for the rules it implements and an example.
     */
    cancel: (actor: Actor, input: CancelJoinRequestInput) => cancelJoinRequest(ctx, actor, input),
  }
}

export type JoinRequestsApi = ReturnType<typeof joinRequestsApi>
