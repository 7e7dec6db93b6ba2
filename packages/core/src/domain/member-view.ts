import type { AccountStatus } from './account.js'
import { type Grant, toGrant } from './grant.js'
import type { MembershipStatus, MembershipType } from './membership.js'
import type { Organization } from './organization.js'
import type { MemberRow } from '../ports/storage.js'

/** An action a widget may offer on a member; computed for the calling actor (API.md `MemberView`). */
export type MemberAction =
  | 'edit'
  | 'editAccount'
  | 'disable'
  | 'enable'
  | 'remove'
  | 'resendActivation'
  | 'assignRoles'
  | 'assignLicense'
  | 'assignNumber'
  | 'transferFoundership'

/** A grant as shown in the directory: role and scope, with names. */
export interface GrantView extends Grant {
  roleName: string
  scopeName: string
}

/** One person in one org, as the directory shows them (API.md). Dates are ISO strings. */
export interface MemberView {
  accountId: string
  orgId: string
  username: string
  email: string
  firstName: string
  lastName: string
  phone: string | null
  language: string
  accountStatus: AccountStatus
  membershipStatus: MembershipStatus
  type: MembershipType
  department: { id: string; name: string } | null
  title: string | null
  grants: GrantView[]
  licenses: string[]
  numbers: string[]
  /** False for an employee missing a seat of a product the org requires (L7). */
  licensed: boolean
  source: string
  isFounder: boolean
  managedFields: string[]
  /** What the calling actor may do to this member; a widget shows only these buttons. */
  allowedActions: MemberAction[]
  createdAt: string
}

/** The calling actor as `allowedActions` needs it. */
export interface ViewerAccess {
  accountId: string | null
  can(permission: string): boolean
}

/** Names for grant scopes and roles, resolved by the caller (custom roles and resources come later). */
export interface ViewNames {
  role(roleId: string): string
  scope(grant: Grant): string
  /** Fields managed by the membership's directory connection (S3); `[]` for local members. */
  managedFields?(source: string): string[]
}

/**
 * Projects a directory row to the view the calling actor sees, `allowedActions` included.
 * `editAccount` appears only while the account belongs to no other org (A17).
 */
export function toMemberView(
  row: MemberRow,
  org: Organization,
  viewer: ViewerAccess,
  names: ViewNames,
): MemberView {
  const { membership, account } = row
  const sharedAccount = row.accountOrgCount > 1
  const isFounder = org.founderId === account.id
  const isSelf = viewer.accountId === account.id
  const required = org.settings.requiredProducts
  const licensed =
    membership.type !== 'employee' || required.every((product) => row.licenses.includes(product))
  const actions: MemberAction[] = []
  if (viewer.can('members:update')) {
    actions.push('edit')
    if (!sharedAccount && (!isFounder || isSelf)) actions.push('editAccount')
    if (!isFounder && !isSelf && membership.status === 'active') actions.push('disable')
    if (membership.status === 'disabled') actions.push('enable')
    if (account.status === 'pending_activation') actions.push('resendActivation')
  }
  if (viewer.can('members:delete') && !isFounder && !isSelf) actions.push('remove')
  if (viewer.can('roles:assign')) actions.push('assignRoles')
  if (viewer.can('licenses:assign') && membership.type === 'employee') actions.push('assignLicense')
  // A number holds a license seat, so guests get neither (L3).
  if (viewer.can('numbers:assign') && membership.type === 'employee') actions.push('assignNumber')
  if (
    viewer.accountId === org.founderId &&
    !isFounder &&
    membership.type === 'employee' &&
    membership.status === 'active' &&
    account.status === 'active'
  )
    actions.push('transferFoundership')
  return {
    accountId: account.id,
    orgId: membership.orgId,
    username: account.username,
    email: account.email,
    firstName: account.firstName,
    lastName: account.lastName,
    phone: account.phone,
    language: account.language,
    accountStatus: account.status,
    membershipStatus: membership.status,
    type: membership.type,
    department: row.department,
    title: membership.title,
    grants: row.grants.map((stored) => {
      const grant = toGrant(stored)
      return { ...grant, roleName: names.role(grant.roleId), scopeName: names.scope(grant) }
    }),
    licenses: [...row.licenses].sort(),
    numbers: [...row.numbers].sort(),
    licensed,
    source: membership.source,
    isFounder,
    managedFields: names.managedFields?.(membership.source) ?? [],
    allowedActions: actions,
    createdAt: membership.createdAt.toISOString(),
  }
}
