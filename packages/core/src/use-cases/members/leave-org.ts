import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, isSystemActor, toAuditActor } from '../../domain/actor.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { orgNotFound } from '../../internal/authorize.js'
import { founderProtected } from '../../internal/members.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const LeaveOrgInput = z.object({ orgId: Id })
export type LeaveOrgInput = z.input<typeof LeaveOrgInput>
export type LeaveOrgError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'FOUNDER_PROTECTED' | 'STORAGE_FAILURE'
>

/**
 * The signed-in person leaves an org: their membership goes with its roles, seats and numbers.
 * Their account stays (it is theirs, and active). Works whatever the membership's status — a
 * disabled member may still leave. The founder cannot leave (O2): transfer foundership first.
 * Emits `member.left`.
 *
 * @example
 * await roster.members.leave({ accountId }, { orgId })
 */
export function leaveOrg(
  ctx: RosterContext,
  actor: Actor,
  input: LeaveOrgInput,
): ResultAsync<void, LeaveOrgError> {
  return runUseCase(async () => {
    const parsed = parseInput(LeaveOrgInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId } = parsed.value
    if (isSystemActor(actor)) {
      return err(rosterError('FORBIDDEN', { message: 'Only a person can leave; use members.remove.' }))
    }
    const { accountId } = actor
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const org = await w.tx.orgs.findById(orgId)
      const membership = org ? await w.tx.memberships.find(orgId, accountId) : null
      // X7: an org the person has no membership in answers like one that does not exist.
      if (!org || !membership) return err(orgNotFound(orgId))
      const account = await w.tx.accounts.findById(accountId)
      if (account?.status !== 'active') {
        return err(rosterError('FORBIDDEN', { message: 'Your account is not active.' }))
      }
      if (org.founderId === accountId) return err(founderProtected('leave'))
      await w.tx.memberships.delete(orgId, accountId)
      await w.audit({
        orgId,
        action: 'member.left',
        targetType: 'account',
        targetId: accountId,
        changes: { type: { before: membership.type }, status: { before: membership.status } },
      })
      w.emit('member.left', { orgId, accountId })
      return ok(undefined)
    })
  })
}
