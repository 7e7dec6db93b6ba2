import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import { policedText } from '../../domain/text-policy.js'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { type JoinRequestView, toJoinRequestView } from '../../domain/join-request.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { authorizeEntity } from '../../internal/authorize.js'
import { alreadyDecided, loadRequest, mailDecision, requestNotFound } from '../../internal/join-requests.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const DenyJoinRequestInput = z.object({
  requestId: Id,
  /**
   * The request's org. Optional; given, every lookup names the org (what a database distributed by
   * org_id routes on); omitted, the org is first found by the id across orgs.
   */
  orgId: Id.optional(),
  /** Mailed to the requester. */
  reason: policedText('multiline', { min: 0, max: 1000 }).optional(),
})
export type DenyJoinRequestInput = z.input<typeof DenyJoinRequestInput>
export type DenyJoinRequestError = RosterError<
  | 'VALIDATION'
  | 'FORBIDDEN'
  | 'ORG_NOT_FOUND'
  | 'NOT_FOUND'
  | 'ACCOUNT_NOT_FOUND'
  | 'REQUEST_ALREADY_DECIDED'
  | 'STORAGE_FAILURE'
>

/**
 * Denies a pending join request with an optional reason (`join-requests:decide`, J2); the requester
 * is mailed `join-request-decided`. A request decided before (or concurrently) is
 * `REQUEST_ALREADY_DECIDED`. Emits `join-request.denied`.
 *
 * @example
 * await roster.joinRequests.deny(admin, { requestId, reason: 'Please ask your site manager first.' })
 */
export function denyJoinRequest(
  ctx: RosterContext,
  actor: Actor,
  input: DenyJoinRequestInput,
): ResultAsync<JoinRequestView, DenyJoinRequestError> {
  return runUseCase(async () => {
    const parsed = parseInput(DenyJoinRequestInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { requestId } = parsed.value
    const reason = parsed.value.reason || null
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const loaded = await loadRequest(w.tx, requestId, parsed.value.orgId)
      if (loaded.isErr()) return err(loaded.error)
      const { request, account } = loaded.value
      const access = await authorizeEntity(
        w.tx,
        actor,
        request.orgId,
        'join-requests:decide',
        requestNotFound(requestId),
      )
      if (access.isErr()) return err(access.error)
      const decided = await w.tx.joinRequests.decide(request.orgId, requestId, {
        status: 'denied',
        decidedBy: access.value.accountId,
        reason,
        decidedAt: w.now,
      })
      if (decided.status === 'not-found') return err(alreadyDecided(request))
      if (decided.status === 'not-pending') return err(alreadyDecided(decided.request))
      await w.audit({
        orgId: request.orgId,
        action: 'join-request.denied',
        targetType: 'join-request',
        targetId: requestId,
        changes: {
          status: { before: 'pending', after: 'denied' },
          ...(reason ? { reason: { after: reason } } : {}),
        },
      })
      await mailDecision(ctx, w, access.value.org, decided.request, account)
      w.emit('join-request.denied', {
        orgId: request.orgId,
        requestId,
        accountId: account.id,
        actor: w.actor,
      })
      return ok(toJoinRequestView(decided.request, account))
    })
  })
}
