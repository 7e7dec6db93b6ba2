import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { findOwnInvitation } from '../../internal/members.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const DeclineInvitationInput = z.object({ orgId: Id })
export type DeclineInvitationInput = z.input<typeof DeclineInvitationInput>
export type DeclineInvitationError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'INVALID_STATE' | 'STORAGE_FAILURE'
>

/**
 * The signed-in person declines an invitation (A2b): the `invited` membership is removed with its
 * roles. Only for the person's own invitation, with an active account; anything else is
 * `INVALID_STATE`. Emits `member.invitation-declined`.
 *
 * @example
 * await roster.members.declineInvitation({ accountId }, { orgId })
 */
export function declineInvitation(
  ctx: RosterContext,
  actor: Actor,
  input: DeclineInvitationInput,
): ResultAsync<void, DeclineInvitationError> {
  return runUseCase(async () => {
    const parsed = parseInput(DeclineInvitationInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const invitation = await findOwnInvitation(w.tx, actor, orgId)
      if (invitation.isErr()) return err(invitation.error)
      const { accountId } = invitation.value.membership
      await w.tx.memberships.delete(orgId, accountId)
      await w.audit({
        orgId,
        action: 'member.invitation-declined',
        targetType: 'account',
        targetId: accountId,
        changes: { status: { before: 'invited' } },
      })
      w.emit('member.invitation-declined', { orgId, accountId })
      return ok(undefined)
    })
  })
}
