import type { RosterContext } from '../context.js'
import { type Account, usernameKey } from '../domain/account.js'
import { type RosterError, rosterError } from '../errors.js'
import type { AccountPatch } from '../ports/storage.js'

/**
 * @internal The account fields `accounts.updateProfile` and `members.update` both edit the same way
 * (email and identity have their own flows: `internal/email-change.ts`, `accounts.linkIdentity`).
 */
export const PROFILE_FIELDS = ['firstName', 'lastName', 'phone', 'language', 'username'] as const
export type ProfileField = (typeof PROFILE_FIELDS)[number]
export type ProfileChanges = Partial<Pick<Account, ProfileField>>

/** @internal The profile fields of `input` whose value differs from the account's (undefined = untouched). */
export function profileChanges(
  account: Account,
  input: Partial<Record<ProfileField, string | null | undefined>>,
): ProfileChanges {
  const changed: ProfileChanges = {}
  for (const field of PROFILE_FIELDS) {
    const value = input[field]
    if (value !== undefined && value !== account[field]) Object.assign(changed, { [field]: value })
  }
  return changed
}

/** @internal The storage patch for profile changes: a new username carries its comparison key (A2, A6). */
export function profilePatch(changes: ProfileChanges, now: Date): AccountPatch {
  const patch: AccountPatch = { ...changes, updatedAt: now }
  if (changes.username !== undefined) patch.usernameKey = usernameKey(changes.username)
  return patch
}

/**
 * @internal A6: why `policy.usernameChange` refuses changing this account's username now, or null.
 * `'never'` → `FORBIDDEN` (`details.reason: 'policy'`); `'after-activation'` (default) →
 * `INVALID_STATE` while the account is pending; `'always'` → allowed.
 */
export function usernameChangeRefused(
  ctx: RosterContext,
  account: Account,
): RosterError<'FORBIDDEN' | 'INVALID_STATE'> | null {
  switch (ctx.policy.usernameChange) {
    case 'never':
      return rosterError('FORBIDDEN', {
        message: 'Usernames cannot be changed in this deployment.',
        details: { reason: 'policy', policy: 'usernameChange', field: 'username' },
      })
    case 'after-activation':
      return account.status === 'pending_activation'
        ? rosterError('INVALID_STATE', {
            message: 'The username can be changed only after the account is activated.',
            details: { field: 'username', status: account.status },
          })
        : null
    default:
      return null
  }
}
