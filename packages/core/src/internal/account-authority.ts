import { err, ok, type Result } from 'neverthrow'
import type { Account } from '../domain/account.js'
import { findRole, missingPermissions, permissionsAtScope, scopeOfGrant } from '../domain/access.js'
import { type Actor, isSystemActor } from '../domain/actor.js'
import type { StoredGrant } from '../domain/grant.js'
import type { Membership } from '../domain/membership.js'
import { type RosterError, rosterError } from '../errors.js'
import type { StorageRepositories } from '../ports/storage.js'
import { loadAccess, type OrgAccess } from './authorize.js'
import { resolveGrants } from './grants.js'
import { managedConflict } from './managed-fields.js'

/**
 * @internal What an account-level use-case wants to do to a person's account (docs/guides/account-authority.md):
 * - `read`: see the account's personal fields (`accounts.get`);
 * - `edit`: change its fields — names, phone, language, username, email, identity link;
 * - `platform`: disable or enable the whole account (A12);
 * - `activation`: revoke its activation links and mail a fresh one to the address it has (A10).
 */
export type AccountAction = 'read' | 'edit' | 'platform' | 'activation'

/** @internal Where the actor's authority over the account comes from. */
export type AccountAuthorityVia = { kind: 'system' } | { kind: 'self' } | { kind: 'org-admin'; orgId: string }

/** @internal The target account, loaded in the same read as the check. */
export interface AccountAuthority {
  account: Account
  via: AccountAuthorityVia
}

export type AccountAuthorityError = RosterError<'FORBIDDEN' | 'ACCOUNT_NOT_FOUND' | 'FOUNDER_PROTECTED'>

/** @internal The `details.reason` of an account-authority `FORBIDDEN` (listed in docs/guides/errors.md). */
export type AccountRefusalReason =
  | 'self'
  | 'shared-account'
  | 'invited-only'
  | 'outranked'
  | 'not-a-member'
  | 'inactive-actor'

export interface AccountAuthorityOptions {
  /**
   * For `edit`: the account fields the caller is about to set. An org admin acting through a
   * membership a directory connection manages gets `MANAGED_EXTERNALLY` for any managed field whose
   * value would change (S3); the person themself and the system actor are not limited.
   */
  changes?: Partial<Record<'email' | 'firstName' | 'lastName' | 'phone' | 'language' | 'username', unknown>>
  /** Only authority through this org counts (`members.update`, `activation.resend` name their org). */
  orgId?: string
}

/** The permission an org admin needs to act on a member's account (API.md "Built-ins"). */
export const ACCOUNT_ADMIN_PERMISSION = 'members:update'

/**
 * @internal The one check of who may act on a person's account (AA1–AA6, A12, A17, O2, X3). Every
 * account-level use-case calls it; the rules are in docs/guides/account-authority.md.
 * - The system actor: always (AA1).
 * - The person themself, while their account is active: every act but `platform` (AA1, A12).
 * - An admin (`members:update`) of the org that OWNS the account (AA2): the account has a membership
 *   there and none (of any status) in any other org, and that membership was accepted (active or
 *   disabled) or the org created the account. For `activation` it is enough that the org created the
 *   pending account: the fresh link goes to the address the account already has (AA5).
 * - Never on a founder (`FOUNDER_PROTECTED`, O2), nor on someone holding, at any scope of that org,
 *   a permission the admin lacks there (AA3: no lateral takeover).
 *
 * `ACCOUNT_NOT_FOUND` when the target does not exist or shares no org the actor is an active member
 * of (X7: another org's people answer like ids that do not exist); otherwise `FORBIDDEN` with
 * `details.reason`.
 */
export async function authorizeAccountAction(
  repos: StorageRepositories,
  actor: Actor,
  accountId: string,
  action: 'edit',
  options: AccountAuthorityOptions & Required<Pick<AccountAuthorityOptions, 'changes'>>,
): Promise<Result<AccountAuthority, AccountAuthorityError | RosterError<'MANAGED_EXTERNALLY'>>>
export async function authorizeAccountAction(
  repos: StorageRepositories,
  actor: Actor,
  accountId: string,
  action: AccountAction,
  options?: Omit<AccountAuthorityOptions, 'changes'>,
): Promise<Result<AccountAuthority, AccountAuthorityError>>
export async function authorizeAccountAction(
  repos: StorageRepositories,
  actor: Actor,
  accountId: string,
  action: AccountAction,
  options: AccountAuthorityOptions = {},
): Promise<Result<AccountAuthority, AccountAuthorityError | RosterError<'MANAGED_EXTERNALLY'>>> {
  if (isSystemActor(actor)) {
    const account = await repos.accounts.findById(accountId)
    if (!account) return err(accountNotFound(accountId))
    return ok({ account, via: { kind: 'system' } })
  }

  const actorAccount = await repos.accounts.findById(actor.accountId)
  if (actorAccount?.status !== 'active') {
    return err(forbidden('inactive-actor', 'Your account is not active.'))
  }
  if (actor.accountId === accountId) {
    if (action === 'platform') return err(forbidden('self', 'You cannot disable or enable your own account.'))
    return ok({ account: actorAccount, via: { kind: 'self' } })
  }

  const account = await repos.accounts.findById(accountId)
  if (!account) return err(accountNotFound(accountId))
  const memberships = await repos.memberships.listForAccount(accountId)
  const admin = await findAdminOrg(repos, actor, memberships, options.orgId)
  if (!admin) {
    // X7: an account in no org the actor is an active member of answers like one that does not exist.
    if (!(await sharesAnOrg(repos, actor, memberships))) return err(accountNotFound(accountId))
    return err(
      rosterError('FORBIDDEN', {
        message: `You can act on another person's account only with the ${ACCOUNT_ADMIN_PERMISSION} permission in the organization that owns it.`,
        details: {
          reason: 'not-a-member' satisfies AccountRefusalReason,
          permission: ACCOUNT_ADMIN_PERMISSION,
        },
      }),
    )
  }
  const { access, membership } = admin
  const orgId = access.org.id

  // O2: whoever controls the founder's email or sign-in controls the org.
  if (access.org.founderId === accountId) {
    return err(
      rosterError('FOUNDER_PROTECTED', {
        message: "Only the founder (or the system) can act on the founder's account.",
        details: { orgId },
      }),
    )
  }

  const owned = await ownership(repos, account, membership, memberships, action)
  if (owned.isErr()) return err(owned.error)

  const outranked = await missingAgainst(repos, access, accountId)
  if (outranked !== null) {
    return err(
      rosterError('FORBIDDEN', {
        message:
          'This person holds permissions in the organization that you do not hold, so only they (or someone holding all of them) can act on their account.',
        details: { reason: 'outranked' satisfies AccountRefusalReason, orgId, missing: outranked },
      }),
    )
  }

  if (action === 'edit' && options.changes) {
    // S3: an admin of the host org cannot change what the member's directory connection manages.
    const touched = Object.entries(options.changes).flatMap(([field, value]) =>
      value !== undefined && value !== account[field as keyof Account] ? [field] : [],
    )
    const managed = await managedConflict(repos, membership, touched)
    if (managed) return err(managed)
  }
  return ok({ account, via: { kind: 'org-admin', orgId } })
}

/** An org where the actor is an active admin and the target has a membership (restricted to `orgId`). */
async function findAdminOrg(
  repos: StorageRepositories,
  actor: Actor,
  memberships: readonly Membership[],
  orgId: string | undefined,
): Promise<{ access: OrgAccess; membership: Membership } | null> {
  for (const membership of memberships) {
    if (orgId !== undefined && membership.orgId !== orgId) continue
    const access = await loadAccess(repos, actor, membership.orgId)
    if (access.isOk() && access.value.can(ACCOUNT_ADMIN_PERMISSION))
      return { access: access.value, membership }
  }
  return null
}

/** Is the actor an active member of any org the account belongs to (X7)? */
async function sharesAnOrg(repos: StorageRepositories, actor: Actor, memberships: readonly Membership[]) {
  for (const membership of memberships)
    if ((await loadAccess(repos, actor, membership.orgId)).isOk()) return true
  return false
}

/** AA2 (and AA5 for `activation`): does the admin's org own the account? */
async function ownership(
  repos: StorageRepositories,
  account: Account,
  membership: Membership,
  memberships: readonly Membership[],
  action: AccountAction,
): Promise<Result<void, RosterError<'FORBIDDEN'>>> {
  const { orgId } = membership
  if (action === 'activation') {
    // The link goes to the address the account already has, so the org that created the account
    // may reissue it even while another org's invitation waits — but no inviting org may.
    if (!(await accountCreatedIn(repos, orgId, account.id))) {
      return err(
        forbidden(
          'invited-only',
          'This account was not created by your organization, so you cannot reissue its activation link; the person can request a new one.',
          { orgId },
        ),
      )
    }
    return ok(undefined)
  }
  if (memberships.some((other) => other.orgId !== orgId)) {
    return err(
      forbidden(
        'shared-account',
        'This account also belongs to another organization, so only the person (or the system) can act on the account itself; you can still manage their membership.',
        { orgId },
      ),
    )
  }
  if (membership.status === 'invited' && !(await accountCreatedIn(repos, orgId, account.id))) {
    return err(
      forbidden(
        'invited-only',
        'This person has not accepted your invitation, so your organization has no say over their account yet.',
        { orgId },
      ),
    )
  }
  return ok(undefined)
}

/**
 * @internal AA2: whether the account came into being in this org (its `members.add`/`addMany` or
 * its directory sync), as the audit trail written in that same transaction records (E1: append-only).
 * An account someone made for themself (`accounts.signUp`) or another org made never is.
 */
export async function accountCreatedIn(
  repos: StorageRepositories,
  orgId: string,
  accountId: string,
): Promise<boolean> {
  // An account is added to one org a handful of times at most (added, removed, added again).
  const events = await repos.audit.list({ orgId, action: 'member.added', targetId: accountId, limit: 100 })
  return events.some(
    (event) => (event.changes.account as { after?: unknown } | undefined)?.after === 'created',
  )
}

/**
 * AA3: the permissions the target holds in the admin's org, at any scope, that the admin does not
 * hold at that same scope (`'*'` for `owner`, which holds everything); null when none.
 */
async function missingAgainst(
  repos: StorageRepositories,
  access: OrgAccess,
  accountId: string,
): Promise<string[] | '*' | null> {
  const target = await repos.access.load(access.org.id, accountId)
  const resolved = await resolveGrants(repos, access, target.grants)
  // Fail closed: a grant this check cannot resolve might hold anything.
  if (resolved.isErr()) return '*'
  const missing = new Set<string>()
  for (const { role, scope } of resolved.value) {
    const lacking = missingPermissions(role, permissionsAtScope(access.grants, access.customRoles, scope))
    if (lacking === '*') return '*'
    for (const permission of lacking) missing.add(permission)
  }
  return missing.size > 0 ? [...missing].sort() : null
}

/**
 * @internal AA3 without a storage read, for views (`allowedActions`): true when the target's grants
 * may hold a permission the actor lacks. Roles the actor's access does not know (another custom
 * role) and resource types it cannot see count as outranking, so a view never offers an account
 * action the use-case would refuse for this reason; the use-case decides with `missingAgainst`.
 */
export function mayOutrank(access: OrgAccess, targetGrants: readonly StoredGrant[]): boolean {
  if (access.isSystem) return false
  return targetGrants.some((grant) => {
    const role = findRole(grant.roleId, access.customRoles)
    if (!role) return true
    const held = permissionsAtScope(access.grants, access.customRoles, scopeOfGrant(grant))
    const lacking = missingPermissions(role, held)
    return lacking === '*' || lacking.length > 0
  })
}

function forbidden(
  reason: AccountRefusalReason,
  message: string,
  details: Record<string, unknown> = {},
): RosterError<'FORBIDDEN'> {
  return rosterError('FORBIDDEN', { message, details: { reason, ...details } })
}

function accountNotFound(accountId: string): RosterError<'ACCOUNT_NOT_FOUND'> {
  return rosterError('ACCOUNT_NOT_FOUND', { details: { accountId } })
}

/** @internal The org an account-level change is audited under: the admin's org, else none (platform). */
export function auditOrgId(via: AccountAuthorityVia): string | null {
  return via.kind === 'org-admin' ? via.orgId : null
}
