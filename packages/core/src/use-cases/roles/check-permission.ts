import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import type { Permission } from '../../domain/permission.js'
import { Id, PermissionName } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { knownPermissions, resourceNotFound } from '../../internal/access-admin.js'
import { loadAccess } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'

export const CheckPermissionInput = z.object({
  orgId: Id,
  permission: PermissionName,
  /** The id of the resource to check at; omitted: org-wide. */
  resource: Id.optional(),
})
export type CheckPermissionInput<P extends string = string> = Omit<
  z.input<typeof CheckPermissionInput>,
  'permission'
> & { permission: Permission<P> }
export type CheckPermissionError = RosterError<
  'VALIDATION' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * Does the actor hold `permission` in the org — org-wide, or at `resource` when given (R1)? The
 * answer is the union of every grant that applies there: org-wide grants, grants at that resource
 * and grants at every resource of its type. An invited or disabled member gets `false`; an actor
 * with no membership `ORG_NOT_FOUND`, like an org that does not exist (X7); the system actor
 * `true`. Unknown permissions are `VALIDATION`; an unknown resource `NOT_FOUND`.
 *
 * @example
 * const mayOpen = await roster.roles.can(actor, { orgId, permission: 'buildings:open', resource: towerA.id })
 * if (mayOpen.isOk() && mayOpen.value) showOpenDoorButton()
 */
export function checkPermission(
  ctx: RosterContext,
  actor: Actor,
  input: CheckPermissionInput,
): ResultAsync<boolean, CheckPermissionError> {
  return runUseCase(async () => {
    const parsed = parseInput(CheckPermissionInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, permission, resource: resourceId } = parsed.value
    if (!knownPermissions(ctx).includes(permission)) {
      return err(
        rosterError('VALIDATION', {
          message: 'Invalid input: permission.',
          details: { issues: [{ path: 'permission', message: `Unknown permission ${permission}` }] },
        }),
      )
    }
    const access = await loadAccess(ctx.storage, actor, orgId)
    if (access.isErr()) {
      if (access.error.code === 'ORG_NOT_FOUND')
        return err(rosterError('ORG_NOT_FOUND', { details: { orgId } }))
      return ok(false)
    }
    if (resourceId === undefined) return ok(access.value.can(permission))
    const [resource] = await ctx.storage.resources.findByIds(orgId, [resourceId])
    if (!resource) return err(resourceNotFound(resourceId))
    return ok(access.value.can(permission, resource))
  })
}
