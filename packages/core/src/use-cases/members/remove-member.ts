import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { type MemberRemoval, removeMembership } from '../../internal/member-removal.js'
import { founderProtected, memberNotFound } from '../../internal/members.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const RemoveMemberInput = z.object({ orgId: Id, accountId: Id })
export type RemoveMemberInput = z.input<typeof RemoveMemberInput>
export type RemoveMemberError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'FOUNDER_PROTECTED' | 'STORAGE_FAILURE'
>

/** What `members.remove` did: `accountDeleted` when the account went too (A13). */
export type RemoveMemberOutput = MemberRemoval

/**
 * Removes a member (A13, `members:delete`): the membership goes with its role assignments, seats
 * and numbers (storage frees them in the same transaction). An account left with no membership
 * that was never activated is deleted as well — its personal data goes; the audit trail keeps only
 * its id (A5: a pending person can be deleted outright). The founder cannot be removed (O2); to
 * leave an org yourself, use `members.leave`. Emits `member.removed` (and `account.deleted`).
 *
 * @example
 * const { accountDeleted } = (await roster.members.remove(admin, { orgId, accountId }))._unsafeUnwrap()
 */
export function removeMember(
  ctx: RosterContext,
  actor: Actor,
  input: RemoveMemberInput,
): ResultAsync<RemoveMemberOutput, RemoveMemberError> {
  return runUseCase(async () => {
    const parsed = parseInput(RemoveMemberInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, accountId } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      // The target's membership comes with the access check, locked as the delete would lock it
      // (so the delete sends no locking statement of its own), with its account's status (A13):
      // two statements less (issue 15).
      const access = await authorize(w.tx, actor, orgId, 'members:delete', undefined, {
        member: { accountId, lock: true },
      })
      if (access.isErr()) return err(access.error)
      const membership = access.value.also.member
      if (!membership) return err(memberNotFound(orgId, accountId))
      if (accountId === access.value.org.founderId) return err(founderProtected('be removed'))
      if (accountId === access.value.accountId) {
        return err(rosterError('FORBIDDEN', { message: 'To leave the organization, use members.leave.' }))
      }
      return ok(await removeMembership(w, membership, access.value.also.memberAccountStatus))
    })
  })
}
