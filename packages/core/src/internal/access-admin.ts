import type { RosterContext } from '../context.js'
import { BUILT_IN_PERMISSIONS } from '../domain/permission.js'
import { holdsAnywhere } from '../domain/access.js'
import { type RosterError, rosterError } from '../errors.js'
import type { OrgAccess } from './authorize.js'

/** @internal Every permission a role may hold in this deployment: the built-ins and the host's own. */
export function knownPermissions(ctx: RosterContext): string[] {
  return [...BUILT_IN_PERMISSIONS, ...ctx.permissions]
}

/** @internal `VALIDATION` naming each permission in `permissions` the deployment does not know. */
export function checkPermissionsKnown(
  ctx: RosterContext,
  permissions: readonly string[],
  path = 'permissions',
): RosterError<'VALIDATION'> | null {
  const known = new Set(knownPermissions(ctx))
  const issues = permissions.flatMap((permission, index) =>
    known.has(permission) ? [] : [{ path: `${path}.${index}`, message: `Unknown permission ${permission}` }],
  )
  if (issues.length === 0) return null
  return rosterError('VALIDATION', {
    message: `Invalid input: ${issues.map((issue) => issue.path).join(', ')}.`,
    details: { issues },
  })
}

/** @internal `VALIDATION` at `name` for a name another row of the org already uses (ignoring case). */
export function nameTaken(what: string, name: string): RosterError<'VALIDATION'> {
  return rosterError('VALIDATION', {
    message: `Invalid input: name. Another ${what} is already called ${name}.`,
    details: {
      issues: [{ path: 'name', message: `Another ${what} already has this name` }],
      conflict: 'name',
    },
  })
}

/** @internal `FORBIDDEN` unless the actor holds `permission` at some scope (before anything is looked up). */
export function requireSomewhere(access: OrgAccess, permission: string): RosterError<'FORBIDDEN'> | null {
  if (access.isSystem || holdsAnywhere(access.grants, access.customRoles, permission)) return null
  return rosterError('FORBIDDEN', {
    message: `You need the ${permission} permission.`,
    details: { permission },
  })
}

/** @internal `FORBIDDEN` for a change to one of the built-in roles (R4). */
export function builtInRoleRefused(roleId: string, what: string): RosterError<'FORBIDDEN'> {
  return rosterError('FORBIDDEN', {
    message: `The built-in role ${roleId} cannot be ${what}.`,
    details: { reason: 'built-in-role', roleId },
  })
}

/** @internal `NOT_FOUND` for a role the org does not have. */
export function roleNotFound(roleId: string): RosterError<'NOT_FOUND'> {
  return rosterError('NOT_FOUND', {
    message: `Role ${roleId} does not exist in this organization.`,
    details: { entity: 'role', id: roleId },
  })
}

/** @internal `NOT_FOUND` for a resource the org does not have. */
export function resourceNotFound(resourceId: string): RosterError<'NOT_FOUND'> {
  return rosterError('NOT_FOUND', {
    message: `Resource ${resourceId} does not exist in this organization.`,
    details: { entity: 'resource', id: resourceId },
  })
}
