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

/**
 * Where a grant or a check applies: the org as a whole, one resource (with its type, so grants at
 * "every resource of the type" count), or every resource of a type.
 */
export type AccessScope =
  | { kind: 'org' }
  | { kind: 'resource'; id: string; type: string }
  | { kind: 'type'; type: string }

/**
 * Does this grant give its permissions at `scope`? Org-wide grants apply everywhere; a grant at one
 * resource only there; a grant at every resource of a type at each of them and at the type itself.
 */
export function grantAppliesAt(
  grant: Pick<StoredGrant, 'scopeKind' | 'scopeValue'>,
  scope: AccessScope,
): boolean {
  if (grant.scopeKind === 'org') return true
  if (scope.kind === 'org') return false
  if (grant.scopeKind === 'resource') return scope.kind === 'resource' && grant.scopeValue === scope.id
  return grant.scopeValue === scope.type
}

/** The union of the permissions of every grant that applies at `scope` (R1); `'*'` for everything. */
export function permissionsAtScope(
  grants: readonly Pick<StoredGrant, 'roleId' | 'scopeKind' | 'scopeValue'>[],
  customRoles: readonly RoleDefinition[],
  scope: AccessScope,
): Set<string> | '*' {
  const held = new Set<string>()
  for (const grant of grants) {
    if (!grantAppliesAt(grant, scope)) continue
    const role = findRole(grant.roleId, customRoles)
    if (!role) continue
    if (role.permissions === '*') return '*'
    for (const permission of role.permissions) held.add(permission)
  }
  return held
}

/** Does any of the grants, at any scope, give `permission`? (What a widget may offer somewhere.) */
export function holdsAnywhere(
  grants: readonly Pick<StoredGrant, 'roleId'>[],
  customRoles: readonly RoleDefinition[],
  permission: string,
): boolean {
  return grants.some((grant) => {
    const role = findRole(grant.roleId, customRoles)
    return role !== undefined && (role.permissions === '*' || role.permissions.includes(permission))
  })
}

/** The permissions of `role` that `held` lacks (R3); empty when the role can be granted. */
export function missingPermissions(role: RoleDefinition, held: Set<string> | '*'): string[] | '*' {
  if (held === '*') return []
  if (role.permissions === '*') return '*'
  return role.permissions.filter((permission) => !held.has(permission))
}

/** The scope of a stored grant, given the type of its resource when it is resource-scoped. */
export function scopeOfGrant(
  grant: Pick<StoredGrant, 'scopeKind' | 'scopeValue'>,
  resourceType?: string,
): AccessScope {
  if (grant.scopeKind === 'org') return { kind: 'org' }
  if (grant.scopeKind === 'type') return { kind: 'type', type: grant.scopeValue }
  return { kind: 'resource', id: grant.scopeValue, type: resourceType ?? '' }
}
