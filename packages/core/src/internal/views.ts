import type { RosterContext } from '../context.js'
import { findRole, holdsAnywhere } from '../domain/access.js'
import type { Grant } from '../domain/grant.js'
import { type MemberView, toMemberView, type ViewNames } from '../domain/member-view.js'
import type { MemberRow, StorageRepositories } from '../ports/storage.js'
import { accountCreatedIn, mayOutrank } from './account-authority.js'
import type { OrgAccess } from './authorize.js'

/**
 * Permissions whose use-cases act at a scope (R1): holding one at any resource is enough for the
 * directory to offer the action; the use-case then checks the scope of each change.
 */
const SCOPED_PERMISSIONS: ReadonlySet<string> = new Set(['roles:assign'])

/** The `allowedActions` that act on the person's account rather than the membership (AA1). */
const ACCOUNT_ACTIONS: ReadonlySet<string> = new Set(['editAccount', 'resendActivation'])

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
  repos: StorageRepositories,
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
  const withheld = await invitedOnlyAccounts(repos, access, rows)
  return rows.map((row) => {
    const view = toMemberView(row, access.org, viewer, names)
    if (withheld.has(row.account.id)) return withholdPersonalFields(view)
    // AA3: no account action on someone who may hold permissions the viewer lacks.
    if (row.account.id !== access.accountId && mayOutrank(access, row.grants))
      return { ...view, allowedActions: view.allowedActions.filter((action) => !ACCOUNT_ACTIONS.has(action)) }
    return view
  })
}

/**
 * @internal AA7: the rows whose personal fields this org may not see — the person is only
 * invited here (has not accepted) and the account is not this org's creation, so its names, phone
 * and username were set by the person or by another org. An invited row of an active account was
 * never created here (an account the org creates joins it as it activates, A8); an invited row of
 * a pending account that also belongs elsewhere is checked against the audit trail (rare).
 * The person themself and the system actor see everything.
 */
async function invitedOnlyAccounts(
  repos: StorageRepositories,
  access: OrgAccess,
  rows: readonly MemberRow[],
): Promise<Set<string>> {
  const withheld = new Set<string>()
  if (access.isSystem) return withheld
  for (const { membership, account, accountOrgCount } of rows) {
    if (membership.status !== 'invited' || account.id === access.accountId) continue
    if (account.status !== 'pending_activation') withheld.add(account.id)
    else if (accountOrgCount > 1 && !(await accountCreatedIn(repos, access.org.id, account.id)))
      withheld.add(account.id)
  }
  return withheld
}

/**
 * @internal A view that shows only what the inviting org itself knows (AA7): the address it invited
 * and its own membership fields. Names are blank, no phone, the username is the address, and the
 * account actions (`editAccount`, `resendActivation`) are not offered — the account is not the
 * org's to act on.
 */
export function withholdPersonalFields(
  view: MemberView,
  supplied: { firstName: string; lastName: string } = { firstName: '', lastName: '' },
): MemberView {
  return {
    ...view,
    username: view.email,
    firstName: supplied.firstName,
    lastName: supplied.lastName,
    phone: null,
    allowedActions: view.allowedActions.filter((action) => !ACCOUNT_ACTIONS.has(action)),
  }
}
