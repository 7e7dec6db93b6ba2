import { err, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import type { MemberView } from '../../domain/member-view.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { founderProtected, loadMemberView, memberNotFound } from '../../internal/members.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const DisableMemberInput = z.object({ orgId: Id, accountId: Id })
export type DisableMemberInput = z.input<typeof DisableMemberInput>
export type DisableMemberError = RosterError<
  | 'VALIDATION'
  | 'FORBIDDEN'
  | 'ORG_NOT_FOUND'
  | 'NOT_FOUND'
  | 'FOUNDER_PROTECTED'
  | 'INVALID_STATE'
  | 'STORAGE_FAILURE'
>

/**
 * Disables an active membership (A12, `members:update`): the person can no longer act in this
 * org, but keeps their roles, seats and numbers so `enable` restores everything. Their account and
 * other orgs are untouched. The founder cannot be disabled (O2, `FOUNDER_PROTECTED`), nor can
 * anyone disable themself (`FORBIDDEN`); an invited membership is removed instead
 * (`INVALID_STATE`). Emits `member.disabled`.
 *
 * @example
 * await roster.members.disable(admin, { orgId, accountId })
 */
export function disableMember(
  ctx: RosterContext,
  actor: Actor,
  input: DisableMemberInput,
): ResultAsync<MemberView, DisableMemberError> {
  return runUseCase(async () => {
    const parsed = parseInput(DisableMemberInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, accountId } = parsed.value
    return inTransaction<MemberView, DisableMemberError>(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'members:update')
      if (access.isErr()) return err(access.error)
      const membership = await w.tx.memberships.find(orgId, accountId)
      if (!membership) return err(memberNotFound(orgId, accountId))
      if (accountId === access.value.org.founderId) return err(founderProtected('be disabled'))
      if (accountId === access.value.accountId) {
        return err(rosterError('FORBIDDEN', { message: 'You cannot disable yourself.' }))
      }
      if (membership.status !== 'active') {
        return err(
          rosterError('INVALID_STATE', {
            message:
              membership.status === 'disabled'
                ? 'This member is already disabled.'
                : 'This person has not joined yet; remove them instead.',
            details: { membershipStatus: membership.status },
          }),
        )
      }
      await w.tx.memberships.update(orgId, accountId, { status: 'disabled', updatedAt: w.now })
      await w.audit({
        orgId,
        action: 'member.disabled',
        targetType: 'account',
        targetId: accountId,
        changes: { status: { before: 'active', after: 'disabled' } },
      })
      w.emit('member.disabled', { orgId, accountId, actor: w.actor })
      return loadMemberView(ctx, w.tx, access.value, accountId)
    })
  })
}
