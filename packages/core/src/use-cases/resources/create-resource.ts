import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { permissionsAtScope } from '../../domain/access.js'
import { type Resource, type ResourceView, toResourceView } from '../../domain/resource.js'
import { Id, ResourceName, ResourceType } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { loadAccess } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const CreateResourceInput = z.object({ orgId: Id, type: ResourceType, name: ResourceName })
export type CreateResourceInput = z.input<typeof CreateResourceInput>
export type CreateResourceError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * Creates a resource of the org that roles can be scoped to, e.g. a building (R1, R2). Needs
 * `resources:manage` org-wide or at every resource of that type. Grants at "every resource of the
 * type" apply to it at once. Emits `resource.created`.
 *
 * @example
 * const towerA = (await roster.resources.create(admin, { orgId, type: 'building', name: 'Tower A' }))._unsafeUnwrap()
 */
export function createResource(
  ctx: RosterContext,
  actor: Actor,
  input: CreateResourceInput,
): ResultAsync<ResourceView, CreateResourceError> {
  return runUseCase(async () => {
    const parsed = parseInput(CreateResourceInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, type, name } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await loadAccess(w.tx, actor, orgId)
      if (access.isErr()) return err(access.error)
      const { grants, customRoles, isSystem } = access.value
      const held = isSystem ? '*' : permissionsAtScope(grants, customRoles, { kind: 'type', type })
      if (held !== '*' && !held.has('resources:manage')) {
        return err(
          rosterError('FORBIDDEN', {
            message: `You need the resources:manage permission for every ${type}.`,
            details: { permission: 'resources:manage' },
          }),
        )
      }
      const resource: Resource = { id: ctx.ids(), orgId, type, name, createdAt: w.now }
      await w.tx.resources.insert(resource)
      await w.audit({
        orgId,
        action: 'resource.created',
        targetType: 'resource',
        targetId: resource.id,
        changes: { type: { after: type }, name: { after: name } },
      })
      w.emit('resource.created', { orgId, resourceId: resource.id, actor: w.actor })
      return ok(toResourceView(resource))
    })
  })
}
