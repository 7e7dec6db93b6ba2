import { err, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import type { MemberView } from '../../domain/member-view.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { loadAccess } from '../../internal/authorize.js'
import { findOwnInvitation, loadMemberView } from '../../internal/members.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const AcceptInvitationInput = z.object({ orgId: Id })
export type AcceptInvitationInput = z.input<typeof AcceptInvitationInput>
export type AcceptInvitationError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'INVALID_STATE' | 'STORAGE_FAILURE'
>

/**
 * The signed-in person accepts an invitation (A2b): their `invited` membership becomes `active`.
 * Only for the person's own invitation, with an active account; anything else is `INVALID_STATE`.
 * Emits `member.invitation-accepted` and `member.activated`.
 *
 * @example
 * const me = await roster.members.acceptInvitation({ accountId }, { orgId })
 */
export function acceptInvitation(
  ctx: RosterContext,
  actor: Actor,
  input: AcceptInvitationInput,
): ResultAsync<MemberView, AcceptInvitationError> {
  return runUseCase(async () => {
    const parsed = parseInput(AcceptInvitationInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId } = parsed.value
    return inTransaction<MemberView, AcceptInvitationError>(ctx, toAuditActor(actor), async (w) => {
      const invitation = await findOwnInvitation(w.tx, actor, orgId)
      if (invitation.isErr()) return err(invitation.error)
      const { accountId } = invitation.value.membership
      await w.tx.memberships.update(orgId, accountId, { status: 'active', updatedAt: w.now })
      await w.audit({
        orgId,
        action: 'member.invitation-accepted',
        targetType: 'account',
        targetId: accountId,
        changes: { status: { before: 'invited', after: 'active' } },
      })
      w.emit('member.invitation-accepted', { orgId, accountId })
      w.emit('member.activated', { orgId, accountId })
      // Now an active member, the person sees their own profile as the directory shows it to them.
      const access = await loadAccess(w.tx, actor, orgId)
      if (access.isErr()) return err(access.error)
      return loadMemberView(ctx, w.tx, access.value, accountId)
    })
  })
}
