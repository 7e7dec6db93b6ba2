import type { RosterContext } from '../context.js'
import { findRole, holdsAnywhere } from '../domain/access.js'
import type { Grant } from '../domain/grant.js'
import { type MemberView, toMemberView, type ViewNames } from '../domain/member-view.js'
import { toRoleDefinition } from '../domain/role.js'
import type { MemberRow, StorageRepositories } from '../ports/storage.js'
import type { OrgAccess } from './authorize.js'
import { managedFieldsBySource } from './managed-fields.js'

/**
 * Permissions whose use-cases act at a scope (R1): holding one at any resource is enough for the
 * directory to offer the action; the use-case then checks the scope of each change.
 */
const SCOPED_PERMISSIONS: ReadonlySet<string> = new Set(['roles:assign'])

/**
 * @internal Names for the grants in a set of rows: built-in and custom role names, resource names.
 * Batched reads only — the custom roles and the resources the rows mention that the actor's own
 * access does not already hold, and the connections managing synced rows (no N+1).
 */
export async function viewNames(
  _ctx: RosterContext,
  repos: StorageRepositories,
  access: OrgAccess,
  rows: readonly MemberRow[],
): Promise<ViewNames> {
  const orgId = access.org.id
  const grants = rows.flatMap((row) => row.grants)
  const roleIds = [...new Set(grants.map((g) => g.roleId))].filter((id) => !findRole(id, access.customRoles))
  const roles = [
    ...access.customRoles,
    ...(roleIds.length > 0 ? (await repos.roles.findByIds(orgId, roleIds)).map(toRoleDefinition) : []),
  ]
  const resourceIds = [...new Set(grants.filter((g) => g.scopeKind === 'resource').map((g) => g.scopeValue))]
  const resources = new Map(
    (resourceIds.length > 0 ? await repos.resources.findByIds(orgId, resourceIds) : []).map((r) => [
      r.id,
      r.name,
    ]),
  )
  // S3: the fields each directory connection among the rows' sources manages (one read, none for local rows).
  const managed = await managedFieldsBySource(
    repos,
    orgId,
    rows.map((row) => row.membership.source),
  )
  return {
    role: (roleId) => findRole(roleId, roles)?.name ?? roleId,
    scope: (grant: Grant) =>
      grant.scope === 'org'
        ? 'Organization'
        : 'resourceId' in grant.scope
          ? (resources.get(grant.scope.resourceId) ?? grant.scope.resourceId)
          : `Every ${grant.scope.resourceType}`,
    managedFields: (source) => [...(managed.get(source) ?? [])],
  }
}

/** @internal Projects directory rows to views for the authorized actor. */
export async function memberViews(
  ctx: RosterContext,
  repos: StorageRepositories,
  access: OrgAccess,
  rows: readonly MemberRow[],
): Promise<MemberView[]> {
  const names = await viewNames(ctx, repos, access, rows)
  const viewer = {
    accountId: access.accountId,
    can: (permission: string) =>
      access.can(permission) ||
      (SCOPED_PERMISSIONS.has(permission) && holdsAnywhere(access.grants, access.customRoles, permission)),
  }
  return rows.map((row) => toMemberView(row, access.org, viewer, names))
}
