import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import { policedText } from '../../domain/text-policy.js'
import type { RosterContext } from '../../context.js'
import { type Actor, isSystemActor, toAuditActor } from '../../domain/actor.js'
import { type JoinRequest, type JoinRequestView, toJoinRequestView } from '../../domain/join-request.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { mailDeciders } from '../../internal/join-requests.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const CreateJoinRequestInput = z.object({
  orgId: Id,
  /** An optional note to the org's admins. */
  message: policedText('multiline', { min: 0, max: 1000 }).optional(),
})
export type CreateJoinRequestInput = z.input<typeof CreateJoinRequestInput>
export type CreateJoinRequestError = RosterError<
  | 'VALIDATION'
  | 'FORBIDDEN'
  | 'ORG_NOT_FOUND'
  | 'INVALID_STATE'
  | 'ALREADY_MEMBER'
  | 'JOIN_REQUESTS_CLOSED'
  | 'STORAGE_FAILURE'
>

/**
 * Asks to join an org (J1): the actor's active account, not a member there, with an optional
 * message. Refused with `JOIN_REQUESTS_CLOSED` when the org's `settings.joinRequests` is off,
 * `ALREADY_MEMBER` for a member (any status), `INVALID_STATE` for an account that is not active
 * or already has a pending request there (`details.requestId`) — one pending request per (account,
 * org), also under concurrent calls. The org's deciders (`join-requests:decide`) are mailed
 * `join-request-received`. Emits `join-request.created`.
 *
 * @example
 * const request = await roster.joinRequests.create({ accountId }, { orgId, message: 'I run the Tower A site.' })
 */
export function createJoinRequest(
  ctx: RosterContext,
  actor: Actor,
  input: CreateJoinRequestInput,
): ResultAsync<JoinRequestView, CreateJoinRequestError> {
  return runUseCase(async () => {
    const parsed = parseInput(CreateJoinRequestInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId } = parsed.value
    const message = parsed.value.message || null
    if (isSystemActor(actor)) {
      return err(rosterError('FORBIDDEN', { message: 'Only a person can ask to join an organization.' }))
    }
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const org = await w.tx.orgs.findById(orgId)
      if (!org) return err(rosterError('ORG_NOT_FOUND', { details: { orgId } }))
      const account = await w.tx.accounts.findById(actor.accountId)
      if (account?.status !== 'active') {
        return err(rosterError('INVALID_STATE', { message: 'Activate your account first.' }))
      }
      if (!org.settings.joinRequests) {
        return err(rosterError('JOIN_REQUESTS_CLOSED', { details: { orgId } }))
      }
      if (await w.tx.memberships.find(orgId, account.id)) {
        return err(rosterError('ALREADY_MEMBER', { details: { accountId: account.id, orgId } }))
      }
      const request: JoinRequest = {
        id: ctx.ids(),
        orgId,
        accountId: account.id,
        status: 'pending',
        message,
        reason: null,
        decidedBy: null,
        decidedAt: null,
        createdAt: w.now,
      }
      const inserted = await w.tx.joinRequests.insert(request)
      if (inserted.status === 'exists') {
        return err(
          rosterError('INVALID_STATE', {
            message: 'You already asked to join this organization; wait for the answer or cancel it.',
            details: { requestId: inserted.pending.id },
          }),
        )
      }
      await w.audit({
        orgId,
        action: 'join-request.created',
        targetType: 'join-request',
        targetId: request.id,
        changes: { status: { after: 'pending' }, ...(message ? { message: { after: message } } : {}) },
      })
      await mailDeciders(ctx, w, org, request, account)
      w.emit('join-request.created', { orgId, requestId: request.id, accountId: account.id })
      return ok(toJoinRequestView(request, account))
    })
  })
}
