import type { RosterContext } from '../context.js'
import { findRole, holdsAnywhere } from '../domain/access.js'
import type { Grant } from '../domain/grant.js'
import { type MemberView, toMemberView, type ViewNames } from '../domain/member-view.js'
import type { MemberRow, StorageRepositories } from '../ports/storage.js'
import type { OrgAccess } from './authorize.js'

/**
 * Permissions whose use-cases act at a scope (R1): holding one at any resource is enough for the
 * directory to offer the action; the use-case then checks the scope of each change.
 */
const SCOPED_PERMISSIONS: ReadonlySet<string> = new Set(['roles:assign'])

/**
 * @internal Names for the grants in a set of rows: built-in role names from code, custom role and
 * resource names and managed fields (S3) as the rows carry them (the directory query reads them with
 * the rows), so building a page's views reads nothing more.
 */
export function viewNames(access: OrgAccess, rows: readonly MemberRow[]): ViewNames {
  const roleNames = new Map<string, string>()
  const resourceNames = new Map<string, string>()
  const managed = new Map<string, string[]>()
  for (const row of rows) {
    for (const grant of row.grants) {
      if (grant.roleName !== null) roleNames.set(grant.roleId, grant.roleName)
      if (grant.scopeKind === 'resource' && grant.scopeName !== null)
        resourceNames.set(grant.scopeValue, grant.scopeName)
    }
    managed.set(row.membership.source, row.managedFields)
  }
  return {
    role: (roleId) => findRole(roleId, access.customRoles)?.name ?? roleNames.get(roleId) ?? roleId,
    scope: (grant: Grant) =>
      grant.scope === 'org'
        ? 'Organization'
        : 'resourceId' in grant.scope
          ? (resourceNames.get(grant.scope.resourceId) ?? grant.scope.resourceId)
          : `Every ${grant.scope.resourceType}`,
    managedFields: (source) => [...(managed.get(source) ?? [])],
  }
}

/** @internal Projects directory rows to views for the authorized actor. */
export async function memberViews(
  _ctx: RosterContext,
  _repos: StorageRepositories,
  access: OrgAccess,
  rows: readonly MemberRow[],
): Promise<MemberView[]> {
  const names = viewNames(access, rows)
  const viewer = {
    accountId: access.accountId,
    can: (permission: string) =>
      access.can(permission) ||
      (SCOPED_PERMISSIONS.has(permission) && holdsAnywhere(access.grants, access.customRoles, permission)),
  }
  return rows.map((row) => toMemberView(row, access.org, viewer, names))
}
