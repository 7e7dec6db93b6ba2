/**
 * Where a role assignment applies: the whole org, one resource, or every resource of a type
 * (including resources created later).
 */
export type GrantScope = 'org' | { resourceId: string } | { resourceType: string; all: true }

/** A role assignment as given in input (API.md `Grant`). */
export interface Grant {
  roleId: string
  scope: GrantScope
}

/** A stored role assignment of one member. */
export interface StoredGrant {
  orgId: string
  accountId: string
  roleId: string
  /** `org`, `resource` (scopeValue = resource id) or `type` (scopeValue = resource type). */
  scopeKind: 'org' | 'resource' | 'type'
  scopeValue: string
}

/**
 * O2: whether `grant` is the founder's org-wide `owner` grant, which nobody takes away (revoking it,
 * or a `roles.set` that leaves it out, is `FOUNDER_PROTECTED`).
 */
export function isFounderOwnerGrant(founderId: string, grant: StoredGrant): boolean {
  return grant.accountId === founderId && grant.roleId === 'owner' && grant.scopeKind === 'org'
}

export function toStoredGrant(orgId: string, accountId: string, grant: Grant): StoredGrant {
  const { scope } = grant
  if (scope === 'org') return { orgId, accountId, roleId: grant.roleId, scopeKind: 'org', scopeValue: '' }
  if ('resourceId' in scope)
    return { orgId, accountId, roleId: grant.roleId, scopeKind: 'resource', scopeValue: scope.resourceId }
  return { orgId, accountId, roleId: grant.roleId, scopeKind: 'type', scopeValue: scope.resourceType }
}

export function toGrant(stored: Pick<StoredGrant, 'roleId' | 'scopeKind' | 'scopeValue'>): Grant {
  if (stored.scopeKind === 'org') return { roleId: stored.roleId, scope: 'org' }
  if (stored.scopeKind === 'resource')
    return { roleId: stored.roleId, scope: { resourceId: stored.scopeValue } }
  return { roleId: stored.roleId, scope: { resourceType: stored.scopeValue, all: true } }
}

/** A stable string key for a grant (dedupe, compare). */
export function grantKey(grant: Pick<StoredGrant, 'roleId' | 'scopeKind' | 'scopeValue'>): string {
  return `${grant.roleId}|${grant.scopeKind}|${grant.scopeValue}`
}
