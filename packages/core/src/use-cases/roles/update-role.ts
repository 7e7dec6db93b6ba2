import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { diffFields } from '../../domain/audit-event.js'
import type { Permission } from '../../domain/permission.js'
import { isBuiltInRoleId, nameKey, type RoleView, toRoleView } from '../../domain/role.js'
import { Id, PermissionName, RoleName } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import {
  builtInRoleRefused,
  checkPermissionsKnown,
  knownPermissions,
  nameTaken,
  roleNotFound,
} from '../../internal/access-admin.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import type { RolePatch } from '../../ports/storage.js'
import { checkHeldOrgWide, reservedName } from './define-role.js'

export const UpdateRoleInput = z.object({
  orgId: Id,
  roleId: Id,
  name: RoleName.optional(),
  /** The role's new permissions (replacing the old ones); never empty (R4). */
  permissions: z
    .array(PermissionName)
    .min(1, 'A role needs at least one permission')
    .max(200, 'Too many')
    .optional(),
})
export type UpdateRoleInput<P extends string = string> = Omit<
  z.input<typeof UpdateRoleInput>,
  'permissions'
> & {
  permissions?: readonly Permission<P>[]
}
export type UpdateRoleError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'ESCALATION' | 'STORAGE_FAILURE'
>

/**
 * Renames a custom role or replaces its permissions (`roles:manage`); the change applies at once
 * wherever the role is granted. Built-in roles cannot be changed (`FORBIDDEN`, R4) and no role can
 * be emptied (`VALIDATION`). Permissions the role gains must be held by the actor org-wide (R3:
 * `ESCALATION`). Emits `role.updated`.
 *
 * @example
 * await roster.roles.update(admin, { orgId, roleId, permissions: ['members:read'] })
 */
export function updateRole(
  ctx: RosterContext,
  actor: Actor,
  input: UpdateRoleInput,
): ResultAsync<RoleView, UpdateRoleError> {
  return runUseCase(async () => {
    const parsed = parseInput(UpdateRoleInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, roleId, name } = parsed.value
    const permissions = parsed.value.permissions && [...new Set(parsed.value.permissions)]
    if (parsed.value.permissions) {
      const unknown = checkPermissionsKnown(ctx, parsed.value.permissions)
      if (unknown) return err(unknown)
    }
    if (name !== undefined) {
      const reserved = reservedName(name)
      if (reserved) return err(reserved)
    }
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'roles:manage')
      if (access.isErr()) return err(access.error)
      if (isBuiltInRoleId(roleId)) return err(builtInRoleRefused(roleId, 'changed'))
      const [role] = await w.tx.roles.findByIds(orgId, [roleId])
      if (!role) return err(roleNotFound(roleId))
      if (permissions) {
        const gained = permissions.filter((permission) => !role.permissions.includes(permission))
        const escalation = checkHeldOrgWide(access.value, gained)
        if (escalation) return err(escalation)
      }
      const patch: RolePatch = {}
      if (name !== undefined) {
        patch.name = name
        patch.nameKey = nameKey(name)
      }
      if (permissions) patch.permissions = permissions
      const changes = diffFields(role, { name: patch.name, permissions: patch.permissions })
      if (Object.keys(changes).length === 0) return ok(toRoleView(role, knownPermissions(ctx)))
      const updated = await w.tx.roles.update(orgId, roleId, { ...patch, updatedAt: w.now })
      if (updated.status === 'not-found') return err(roleNotFound(roleId))
      if (updated.status === 'conflict') return err(nameTaken('role', name ?? role.name))
      await w.audit({ orgId, action: 'role.updated', targetType: 'role', targetId: roleId, changes })
      w.emit('role.updated', { orgId, roleId, fields: Object.keys(changes), actor: w.actor })
      return ok(toRoleView(updated.role, knownPermissions(ctx)))
    })
  })
}
