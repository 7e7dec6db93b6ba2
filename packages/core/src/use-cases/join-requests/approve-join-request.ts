import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { type JoinRequestView, toJoinRequestView } from '../../domain/join-request.js'
import { GrantInput, Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { authorizeEntity } from '../../internal/authorize.js'
import { alreadyDecided, loadRequest, mailDecision, requestNotFound } from '../../internal/join-requests.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { type AddMemberError, addMemberInTransaction } from '../members/add-member.js'

export const ApproveJoinRequestInput = z.object({
  requestId: Id,
  /**
   * The request's org. Optional; given, every lookup names the org (what a database distributed by
   * org_id routes on); omitted, the org is first found by the id across orgs.
   */
  orgId: Id.optional(),
  /** `employee` (default) or `guest`. */
  type: z.enum(['employee', 'guest']).default('employee'),
  /** The new member's roles; `member` org-wide when omitted. Checked like any grant (R3). */
  grants: z.array(GrantInput).max(500, 'At most 500 grants').optional(),
})
export type ApproveJoinRequestInput = z.input<typeof ApproveJoinRequestInput>
export type ApproveJoinRequestError =
  | AddMemberError
  | RosterError<'NOT_FOUND' | 'ACCOUNT_NOT_FOUND' | 'REQUEST_ALREADY_DECIDED'>

/**
 * Approves a pending join request (`join-requests:decide`, J2): the requester becomes an active
 * member of the chosen type with the chosen grants (each checked at its scope, R3), and is mailed
 * `join-request-decided`. A request decided before (or concurrently) is `REQUEST_ALREADY_DECIDED`.
 * Emits `join-request.approved` and `member.added`.
 *
 * @example
 * await roster.joinRequests.approve(admin, {
 *   requestId, type: 'guest', grants: [{ roleId: caretaker.id, scope: { resourceId: towerA.id } }],
 * })
 */
export function approveJoinRequest(
  ctx: RosterContext,
  actor: Actor,
  input: ApproveJoinRequestInput,
): ResultAsync<JoinRequestView, ApproveJoinRequestError> {
  return runUseCase(async () => {
    const parsed = parseInput(ApproveJoinRequestInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { requestId, type, grants } = parsed.value
    return inTransaction<JoinRequestView, ApproveJoinRequestError>(ctx, toAuditActor(actor), async (w) => {
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
      if (request.status !== 'pending') return err(alreadyDecided(request))
      const decided = await w.tx.joinRequests.decide(request.orgId, requestId, {
        status: 'approved',
        decidedBy: access.value.accountId,
        reason: null,
        decidedAt: w.now,
      })
      if (decided.status === 'not-found') return err(alreadyDecided(request))
      if (decided.status === 'not-pending') return err(alreadyDecided(decided.request))
      // The same path as members.add, so every rule of adding someone holds (A2, A11, R3, D1).
      const added = await addMemberInTransaction(
        ctx,
        w,
        access.value,
        {
          email: account.email,
          firstName: account.firstName,
          lastName: account.lastName,
          type,
          grants,
          credential: { kind: 'activation-link' },
        },
        { status: account.status, passwordHash: null, mustChangePassword: false, password: null },
        { requested: true },
      )
      if (added.isErr()) return err(added.error)
      await w.audit({
        orgId: request.orgId,
        action: 'join-request.approved',
        targetType: 'join-request',
        targetId: requestId,
        changes: { status: { before: 'pending', after: 'approved' }, type: { after: type } },
      })
      await mailDecision(ctx, w, access.value.org, decided.request, account)
      w.emit('join-request.approved', {
        orgId: request.orgId,
        requestId,
        accountId: account.id,
        actor: w.actor,
      })
      return ok(toJoinRequestView(decided.request, account))
    })
  })
}
