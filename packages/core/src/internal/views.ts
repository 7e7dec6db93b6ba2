import type { RosterContext } from '../context.js'
import { findRole } from '../domain/access.js'
import type { Grant } from '../domain/grant.js'
import { type MemberView, toMemberView, type ViewNames } from '../domain/member-view.js'
import type { MemberRow, StorageRepositories } from '../ports/storage.js'
import type { OrgAccess } from './authorize.js'

/**
 * @internal Names for the grants in a set of rows: built-in and custom role names, resource names.
 * One batched read for the custom roles the rows mention (no N+1).
 */
export async function viewNames(
  _ctx: RosterContext,
  _repos: StorageRepositories,
  access: OrgAccess,
  _rows: readonly MemberRow[],
): Promise<ViewNames> {
  return {
    role: (roleId) => findRole(roleId, access.customRoles)?.name ?? roleId,
    scope: (grant: Grant) =>
      grant.scope === 'org'
        ? 'Organization'
        : 'resourceId' in grant.scope
          ? grant.scope.resourceId
          : `Every ${grant.scope.resourceType}`,
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
  const viewer = { accountId: access.accountId, can: (permission: string) => access.can(permission) }
  return rows.map((row) => toMemberView(row, access.org, viewer, names))
}
