import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { requireSomewhere, resourceNotFound } from '../../internal/access-admin.js'
import { loadAccess } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const DeleteResourceInput = z.object({ orgId: Id, resourceId: Id })
export type DeleteResourceInput = z.input<typeof DeleteResourceInput>
export type DeleteResourceError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * Deletes a resource and every role assignment scoped to it, in one transaction; assignments at
 * "every resource of its type" stay. Needs `resources:manage` at that resource (org-wide, at its
 * type, or at it). Emits `resource.deleted`.
 *
 * @example
 * await roster.resources.delete(admin, { orgId, resourceId: towerA.id })
 */
export function deleteResource(
  ctx: RosterContext,
  actor: Actor,
  input: DeleteResourceInput,
): ResultAsync<{ resourceId: string }, DeleteResourceError> {
  return runUseCase(async () => {
    const parsed = parseInput(DeleteResourceInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, resourceId } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await loadAccess(w.tx, actor, orgId)
      if (access.isErr()) return err(access.error)
      // Without the permission anywhere, do not tell whether the resource exists (X3).
      const forbidden = requireSomewhere(access.value, 'resources:manage')
      if (forbidden) return err(forbidden)
      const [resource] = await w.tx.resources.findByIds(orgId, [resourceId])
      if (!resource) return err(resourceNotFound(resourceId))
      if (!access.value.can('resources:manage', resource)) {
        return err(
          rosterError('FORBIDDEN', {
            message: `You need the resources:manage permission at ${resource.name}.`,
            details: { permission: 'resources:manage' },
          }),
        )
      }
      await w.tx.resources.delete(orgId, resourceId)
      await w.audit({
        orgId,
        action: 'resource.deleted',
        targetType: 'resource',
        targetId: resourceId,
        changes: { type: { before: resource.type }, name: { before: resource.name } },
      })
      w.emit('resource.deleted', { orgId, resourceId, actor: w.actor })
      return ok({ resourceId })
    })
  })
}
