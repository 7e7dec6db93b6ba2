import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, isSystemActor, toAuditActor } from '../../domain/actor.js'
import { type JoinRequestView, toJoinRequestView } from '../../domain/join-request.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { loadAccess } from '../../internal/authorize.js'
import { alreadyDecided, loadRequest, requestNotFound } from '../../internal/join-requests.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const CancelJoinRequestInput = z.object({
  requestId: Id,
  /**
   * The request's org. Optional; given, every lookup names the org (what a database distributed by
   * org_id routes on); omitted, the org is first found by the id across orgs.
   */
  orgId: Id.optional(),
})
export type CancelJoinRequestInput = z.input<typeof CancelJoinRequestInput>
export type CancelJoinRequestError = RosterError<
  | 'VALIDATION'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'ACCOUNT_NOT_FOUND'
  | 'REQUEST_ALREADY_DECIDED'
  | 'STORAGE_FAILURE'
>

/**
 * Withdraws the actor's own pending join request (J2). Only the requester may (`FORBIDDEN`); once
 * decided it is `REQUEST_ALREADY_DECIDED`. Emits `join-request.cancelled`.
 *
 * @example
 * await roster.joinRequests.cancel({ accountId }, { requestId })
 */
export function cancelJoinRequest(
  ctx: RosterContext,
  actor: Actor,
  input: CancelJoinRequestInput,
): ResultAsync<JoinRequestView, CancelJoinRequestError> {
  return runUseCase(async () => {
    const parsed = parseInput(CancelJoinRequestInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { requestId } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const loaded = await loadRequest(w.tx, requestId, parsed.value.orgId)
      if (loaded.isErr()) return err(loaded.error)
      const { request, account } = loaded.value
      if (!isSystemActor(actor) && actor.accountId !== request.accountId) {
        // X7: to someone outside the request's org, another person's request does not exist.
        const access = await loadAccess(w.tx, actor, request.orgId)
        if (access.isErr()) return err(requestNotFound(requestId))
      }
      if (isSystemActor(actor) || actor.accountId !== request.accountId) {
        return err(
          rosterError('FORBIDDEN', { message: 'Only the person who asked can cancel a join request.' }),
        )
      }
      const decided = await w.tx.joinRequests.decide(request.orgId, requestId, {
        status: 'cancelled',
        decidedBy: actor.accountId,
        reason: null,
        decidedAt: w.now,
      })
      if (decided.status === 'not-found') return err(alreadyDecided(request))
      if (decided.status === 'not-pending') return err(alreadyDecided(decided.request))
      await w.audit({
        orgId: request.orgId,
        action: 'join-request.cancelled',
        targetType: 'join-request',
        targetId: requestId,
        changes: { status: { before: 'pending', after: 'cancelled' } },
      })
      w.emit('join-request.cancelled', { orgId: request.orgId, requestId, accountId: account.id })
      return ok(toJoinRequestView(decided.request, account))
    })
  })
}
