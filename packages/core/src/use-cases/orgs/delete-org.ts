import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const DeleteOrgInput = z.object({ orgId: Id })
export type DeleteOrgInput = z.input<typeof DeleteOrgInput>
export type DeleteOrgError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'ORG_NOT_EMPTY' | 'STORAGE_FAILURE'
>

/**
 * Deletes an organization (O3). Only its founder may (or the system actor), and only once every
 * other member is gone (`ORG_NOT_EMPTY`). Storage deletes every row keyed by the org with it
 * (memberships, grants, pools, numbers, departments, resources, connections); accounts stay, and
 * the audit trail keeps the org's id. Emits `org.deleted`.
 *
 * @example
 * const result = await roster.orgs.delete(founder, { orgId })
 * if (result.isErr() && result.error.code === 'ORG_NOT_EMPTY') alert('Remove the other members first')
 */
export function deleteOrg(
  ctx: RosterContext,
  actor: Actor,
  input: DeleteOrgInput,
): ResultAsync<void, DeleteOrgError> {
  return runUseCase(async () => {
    const parsed = parseInput(DeleteOrgInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'org:delete')
      if (access.isErr()) return err(access.error)
      const { org } = access.value
      // An owner grant held by someone else is not enough: O3 reserves deletion to the founder.
      if (!access.value.isSystem && access.value.accountId !== org.founderId) {
        return err(rosterError('FORBIDDEN', { message: 'Only the founder can delete the organization.' }))
      }
      // The count and the deletion are one storage call: a member added concurrently makes it
      // ORG_NOT_EMPTY, never deleted with the org (O3).
      const deleted = await w.tx.orgs.deleteIfEmpty(orgId, org.founderId)
      if (deleted.status === 'not-found') return err(rosterError('ORG_NOT_FOUND', { details: { orgId } }))
      if (deleted.status === 'not-empty') {
        return err(rosterError('ORG_NOT_EMPTY', { details: { orgId, otherMembers: deleted.otherMembers } }))
      }
      await w.audit({
        orgId,
        action: 'org.deleted',
        targetType: 'org',
        targetId: orgId,
        changes: { name: { before: org.name }, slug: { before: org.slug } },
      })
      w.emit('org.deleted', { orgId, actor: w.actor })
      return ok(undefined)
    })
  })
}
