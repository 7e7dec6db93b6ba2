import { err, ok, type Result } from 'neverthrow'
import type { Account } from '../domain/account.js'
import { type Actor, isSystemActor } from '../domain/actor.js'
import { type RosterError, rosterError } from '../errors.js'
import type { StorageRepositories } from '../ports/storage.js'
import { loadAccess } from './authorize.js'
import { managedConflict } from './managed-fields.js'

/**
 * @internal What an account-level use-case wants to do to a person's account:
 * - `read`: see the account (`accounts.get`);
 * - `edit`: change its own fields — names, phone, language, username, email, identity (A17 applies);
 * - `platform`: disable or enable the whole account (A12; API.md "Built-ins").
 */
export type AccountAction = 'read' | 'edit' | 'platform'

/** @internal Where the actor's authority over the account comes from. */
export type AccountAuthorityVia = { kind: 'system' } | { kind: 'self' } | { kind: 'org-admin'; orgId: string }

/** @internal The target account, loaded in the same read as the check. */
export interface AccountAuthority {
  account: Account
  via: AccountAuthorityVia
}

export type AccountAuthorityError = RosterError<'FORBIDDEN' | 'ACCOUNT_NOT_FOUND' | 'FOUNDER_PROTECTED'>

/**
 * @internal For `edit`: the account fields the caller is about to set. An org admin acting through a
 * membership a directory connection manages gets `MANAGED_EXTERNALLY` for any managed field whose
 * value would change (S3); the person themself and the system actor are not limited.
 */
export interface AccountEditOptions {
  changes?: Partial<Record<'email' | 'firstName' | 'lastName' | 'phone' | 'language' | 'username', unknown>>
}

/** The permission an org admin needs to act on a member's account (API.md "Built-ins"). */
const ADMIN_PERMISSION = 'members:update'

/**
 * @internal The one check of who may act on a person's account (A12, A17, X3):
 * - the system actor, always;
 * - the person themself, while their account is active (A12: a disabled account stops acting),
 *   except for `platform` (nobody disables or re-enables their own account);
 * - an active admin holding `members:update` in an org the person is a member of (any membership
 *   status). For `edit`, only while the account belongs to no other org (A17): no org can take over
 *   a shared identity, so a shared account's fields are the person's (or the system's) to change.
 *   Never the founder's account fields (`FOUNDER_PROTECTED`, O2): that would be a takeover path.
 *
 * `ACCOUNT_NOT_FOUND` when the target does not exist; `FORBIDDEN` with a message saying why otherwise.
 */
export async function authorizeAccountAction(
  repos: StorageRepositories,
  actor: Actor,
  accountId: string,
  action: 'edit',
  options: AccountEditOptions,
): Promise<Result<AccountAuthority, AccountAuthorityError | RosterError<'MANAGED_EXTERNALLY'>>>
export async function authorizeAccountAction(
  repos: StorageRepositories,
  actor: Actor,
  accountId: string,
  action: AccountAction,
): Promise<Result<AccountAuthority, AccountAuthorityError>>
export async function authorizeAccountAction(
  repos: StorageRepositories,
  actor: Actor,
  accountId: string,
  action: AccountAction,
  options: AccountEditOptions = {},
): Promise<Result<AccountAuthority, AccountAuthorityError | RosterError<'MANAGED_EXTERNALLY'>>> {
  if (isSystemActor(actor)) {
    const account = await repos.accounts.findById(accountId)
    if (!account) return err(accountNotFound(accountId))
    return ok({ account, via: { kind: 'system' } })
  }

  const actorAccount = await repos.accounts.findById(actor.accountId)
  if (actorAccount?.status !== 'active') {
    return err(rosterError('FORBIDDEN', { message: 'Your account is not active.' }))
  }
  if (actor.accountId === accountId) {
    if (action === 'platform') {
      return err(
        rosterError('FORBIDDEN', {
          message: 'You cannot disable or enable your own account.',
          details: { reason: 'self' },
        }),
      )
    }
    return ok({ account: actorAccount, via: { kind: 'self' } })
  }

  const account = await repos.accounts.findById(accountId)
  if (!account) return err(accountNotFound(accountId))
  const memberships = await repos.memberships.listForAccount(accountId)
  for (const membership of memberships) {
    const access = await loadAccess(repos, actor, membership.orgId)
    if (access.isErr() || !access.value.can(ADMIN_PERMISSION)) continue
    // O2: an admin who could change the founder's email could reset their password and take the org.
    if (action === 'edit' && access.value.org.founderId === accountId) {
      return err(
        rosterError('FOUNDER_PROTECTED', {
          message: "Only the founder (or the system) can change the founder's account fields.",
          details: { orgId: membership.orgId },
        }),
      )
    }
    if (action === 'edit' && memberships.some((other) => other.orgId !== membership.orgId)) {
      return err(
        rosterError('FORBIDDEN', {
          message:
            'This account also belongs to another organization, so only the person (or the system) can change its account fields; you can still edit their membership.',
          details: { reason: 'shared-account', orgId: membership.orgId },
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
    return ok({ account, via: { kind: 'org-admin', orgId: membership.orgId } })
  }
  return err(
    rosterError('FORBIDDEN', {
      message: `You can act on another person's account only with the ${ADMIN_PERMISSION} permission in an organization they belong to.`,
      details: { permission: ADMIN_PERMISSION },
    }),
  )
}

function accountNotFound(accountId: string): RosterError<'ACCOUNT_NOT_FOUND'> {
  return rosterError('ACCOUNT_NOT_FOUND', { details: { accountId } })
}

/** @internal The org an account-level change is audited under: the admin's org, else none (platform). */
export function auditOrgId(via: AccountAuthorityVia): string | null {
  return via.kind === 'org-admin' ? via.orgId : null
}
