import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import type { Permission } from '../../domain/permission.js'
import { type CustomRole, isBuiltInRoleId, nameKey, type RoleView, toRoleView } from '../../domain/role.js'
import { Id, PermissionName, RoleName } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { checkPermissionsKnown, knownPermissions, nameTaken } from '../../internal/access-admin.js'
import { authorize, type OrgAccess } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const DefineRoleInput = z.object({
  orgId: Id,
  name: RoleName,
  /** At least one; each a built-in permission or one of the host's (`createRoster({ permissions })`). */
  permissions: z.array(PermissionName).min(1, 'A role needs at least one permission').max(200, 'Too many'),
})
/** `P`: the host app's permissions, so a typo in `permissions` is a compile error. */
export type DefineRoleInput<P extends string = string> = Omit<
  z.input<typeof DefineRoleInput>,
  'permissions'
> & {
  permissions: readonly Permission<P>[]
}
export type DefineRoleError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'ESCALATION' | 'STORAGE_FAILURE'
>

/** @internal A role name may not be one of the built-ins' ids or names (R4). */
export function reservedName(name: string): RosterError<'VALIDATION'> | null {
  const key = nameKey(name)
  if (!isBuiltInRoleId(key)) return null
  return rosterError('VALIDATION', {
    message: 'Invalid input: name. It is the name of a built-in role.',
    details: { issues: [{ path: 'name', message: 'Reserved for a built-in role' }] },
  })
}

/**
 * @internal R3 when defining or widening a role: the actor must hold, org-wide, every permission
 * it puts in the role — else it could grant itself more through a role it holds.
 */
export function checkHeldOrgWide(
  access: OrgAccess,
  permissions: readonly string[],
): RosterError<'ESCALATION'> | null {
  const missing = permissions.filter((permission) => !access.can(permission))
  if (missing.length === 0) return null
  return rosterError('ESCALATION', {
    message: `You cannot put permissions you do not hold into a role: ${missing.join(', ')}.`,
    details: { missing },
  })
}

/**
 * Defines a custom role of the org: a named set of permissions (`roles:manage`). Names are unique
 * per org ignoring case (`VALIDATION` at `name`) and cannot be a built-in role's. Every permission
 * must be a built-in one or the host's own, and held by the actor org-wide (R3: `ESCALATION`).
 * Emits `role.defined`.
 *
 * @example
 * const manager = await roster.roles.define(admin, {
 *   orgId, name: 'Building manager', permissions: ['members:read', 'buildings:open'],
 * })
 */
export function defineRole(
  ctx: RosterContext,
  actor: Actor,
  input: DefineRoleInput,
): ResultAsync<RoleView, DefineRoleError> {
  return runUseCase(async () => {
    const parsed = parseInput(DefineRoleInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, name } = parsed.value
    const permissions = [...new Set(parsed.value.permissions)]
    const unknown = checkPermissionsKnown(ctx, parsed.value.permissions)
    if (unknown) return err(unknown)
    const reserved = reservedName(name)
    if (reserved) return err(reserved)
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'roles:manage')
      if (access.isErr()) return err(access.error)
      const escalation = checkHeldOrgWide(access.value, permissions)
      if (escalation) return err(escalation)
      const role: CustomRole = {
        id: ctx.ids(),
        orgId,
        name,
        nameKey: nameKey(name),
        permissions,
        createdAt: w.now,
        updatedAt: w.now,
      }
      const inserted = await w.tx.roles.insert(role)
      if (inserted.status === 'conflict') return err(nameTaken('role', name))
      await w.audit({
        orgId,
        action: 'role.defined',
        targetType: 'role',
        targetId: role.id,
        changes: { name: { after: name }, permissions: { after: permissions } },
      })
      w.emit('role.defined', { orgId, roleId: role.id, actor: w.actor })
      return ok(toRoleView(role, knownPermissions(ctx)))
    })
  })
}
