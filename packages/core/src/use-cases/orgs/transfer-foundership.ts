import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { type OrgView, toOrgView } from '../../domain/organization.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { loadAccess } from '../../internal/authorize.js'
import { memberNotFound } from '../../internal/members.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const TransferFoundershipInput = z.object({ orgId: Id, toAccountId: Id })
export type TransferFoundershipInput = z.input<typeof TransferFoundershipInput>
export type TransferFoundershipError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'INVALID_STATE' | 'STORAGE_FAILURE'
>

/**
 * Hands foundership to another member (O2). Only the founder may (or the system actor). The new
 * founder must be an active employee member with an active account; they get `owner` org-wide.
 * The old founder keeps their grants (revoke them afterwards if wanted — they are no longer
 * protected). Emits `org.foundership-transferred`.
 *
 * @example
 * await roster.orgs.transferFoundership(founder, { orgId, toAccountId: successor.accountId })
 */
export function transferFoundership(
  ctx: RosterContext,
  actor: Actor,
  input: TransferFoundershipInput,
): ResultAsync<OrgView, TransferFoundershipError> {
  return runUseCase(async () => {
    const parsed = parseInput(TransferFoundershipInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, toAccountId } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await loadAccess(w.tx, actor, orgId)
      if (access.isErr()) return err(access.error)
      const { org } = access.value
      // Not a permission: owners and admins hold every permission, yet O2 reserves this to the founder.
      if (!access.value.isSystem && access.value.accountId !== org.founderId) {
        return err(rosterError('FORBIDDEN', { message: 'Only the founder can transfer foundership.' }))
      }
      if (toAccountId === org.founderId) {
        return err(rosterError('INVALID_STATE', { message: 'This person is already the founder.' }))
      }
      const membership = await w.tx.memberships.find(orgId, toAccountId)
      if (!membership) return err(memberNotFound(orgId, toAccountId))
      const account = await w.tx.accounts.findById(toAccountId)
      if (
        membership.type !== 'employee' ||
        membership.status !== 'active' ||
        !account ||
        account.status !== 'active'
      ) {
        return err(
          rosterError('INVALID_STATE', {
            message: 'Foundership can only go to an active employee member with an active account.',
            details: {
              membershipType: membership.type,
              membershipStatus: membership.status,
              accountStatus: account?.status ?? null,
            },
          }),
        )
      }
      const updated = await w.tx.orgs.update(orgId, { founderId: toAccountId, updatedAt: w.now })
      if (updated.status !== 'updated') return err(rosterError('ORG_NOT_FOUND', { details: { orgId } }))
      await w.tx.grants.add([
        { orgId, accountId: toAccountId, roleId: 'owner', scopeKind: 'org', scopeValue: '' },
      ])
      await w.audit({
        orgId,
        action: 'org.foundership-transferred',
        targetType: 'org',
        targetId: orgId,
        changes: { founderId: { before: org.founderId, after: toAccountId } },
      })
      w.emit('org.foundership-transferred', {
        orgId,
        fromAccountId: org.founderId,
        toAccountId,
        actor: w.actor,
      })
      return ok(toOrgView(updated.org))
    })
  })
}
