import { err, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import type { MemberView } from '../../domain/member-view.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { loadMemberView, memberNotFound } from '../../internal/members.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const EnableMemberInput = z.object({ orgId: Id, accountId: Id })
export type EnableMemberInput = z.input<typeof EnableMemberInput>
export type EnableMemberError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'INVALID_STATE' | 'STORAGE_FAILURE'
>

/**
 * Re-enables a disabled membership (A12, `members:update`): the person acts in the org again with
 * the roles, seats and numbers they had. Not disabled → `INVALID_STATE`. Emits `member.enabled`.
 *
 * @example
 * await roster.members.enable(admin, { orgId, accountId })
 */
export function enableMember(
  ctx: RosterContext,
  actor: Actor,
  input: EnableMemberInput,
): ResultAsync<MemberView, EnableMemberError> {
  return runUseCase(async () => {
    const parsed = parseInput(EnableMemberInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, accountId } = parsed.value
    return inTransaction<MemberView, EnableMemberError>(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'members:update')
      if (access.isErr()) return err(access.error)
      const membership = await w.tx.memberships.find(orgId, accountId)
      if (!membership) return err(memberNotFound(orgId, accountId))
      if (membership.status !== 'disabled') {
        return err(
          rosterError('INVALID_STATE', {
            message: 'This member is not disabled.',
            details: { membershipStatus: membership.status },
          }),
        )
      }
      await w.tx.memberships.update(orgId, accountId, { status: 'active', updatedAt: w.now })
      await w.audit({
        orgId,
        action: 'member.enabled',
        targetType: 'account',
        targetId: accountId,
        changes: { status: { before: 'disabled', after: 'active' } },
      })
      w.emit('member.enabled', { orgId, accountId, actor: w.actor })
      return loadMemberView(ctx, w.tx, access.value, accountId)
    })
  })
}
