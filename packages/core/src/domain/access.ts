import type { StoredGrant } from './grant.js'
import { BUILT_IN_ROLES, isBuiltInRoleId, type RoleDefinition } from './role.js'

/** A resource an action is checked against (R1). */
export interface ResourceRef {
  id: string
  type: string
}

/** Does this grant apply when acting on `resource` (or org-wide when `resource` is undefined)? */
export function grantApplies(
  grant: Pick<StoredGrant, 'scopeKind' | 'scopeValue'>,
  resource?: ResourceRef,
): boolean {
  if (grant.scopeKind === 'org') return true
  if (!resource) return false
  if (grant.scopeKind === 'resource') return grant.scopeValue === resource.id
  return grant.scopeValue === resource.type
}

/** Looks a role up among the built-ins and the org's custom roles. */
export function findRole(roleId: string, customRoles: readonly RoleDefinition[]): RoleDefinition | undefined {
  if (isBuiltInRoleId(roleId)) return BUILT_IN_ROLES[roleId]
  return customRoles.find((role) => role.id === roleId)
}

/**
 * The permissions a set of grants gives at a scope: the union over every applicable grant (R1 —
 * permissions of several roles add up). `'*'` when any applicable role holds everything.
 */
export function permissionsAt(
  grants: readonly Pick<StoredGrant, 'roleId' | 'scopeKind' | 'scopeValue'>[],
  customRoles: readonly RoleDefinition[],
  resource?: ResourceRef,
): Set<string> | '*' {
  const held = new Set<string>()
  for (const grant of grants) {
    if (!grantApplies(grant, resource)) continue
    const role = findRole(grant.roleId, customRoles)
    if (!role) continue
    if (role.permissions === '*') return '*'
    for (const permission of role.permissions) held.add(permission)
  }
  return held
}

export function holds(permissions: Set<string> | '*', permission: string): boolean {
  return permissions === '*' || permissions.has(permission)
}
