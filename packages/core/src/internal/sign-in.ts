import { ok } from 'neverthrow'
import type { RosterContext } from '../context.js'
import type { Account } from '../domain/account.js'
import { type RosterError, rosterError } from '../errors.js'
import { durationMs } from '../policy.js'
import type { PasswordHasher } from '../ports/password-hasher.js'
import { inTransaction } from './transaction.js'

// One throwaway hash per hasher, made with the deployment's own parameters, so checking a password
// for an unknown user (or an account without one) costs the same as a real check (A15).
const dummyHashes = new WeakMap<PasswordHasher, Promise<string>>()

function dummyHash(passwords: PasswordHasher): Promise<string> {
  let hash = dummyHashes.get(passwords)
  if (!hash) {
    hash = passwords.hash('roster: no such account, spend the time anyway')
    // A failed hash must not be remembered: the next check tries again.
    hash.catch(() => dummyHashes.delete(passwords))
    dummyHashes.set(passwords, hash)
  }
  return hash
}

/**
 * @internal Checks a password against an account's hash (X2, constant time in the hasher). With no
 * hash (unknown user, SSO-only or pending account) it still spends one verification, so timing does
 * not tell which case it was (A15), and answers false.
 */
export async function checkPassword(
  ctx: RosterContext,
  password: string,
  passwordHash: string | null,
): Promise<boolean> {
  if (passwordHash === null) {
    await ctx.passwords.verify(password, await dummyHash(ctx.passwords))
    return false
  }
  return ctx.passwords.verify(password, passwordHash)
}

/** @internal The end of the account's current lockout, or null when it may try (A15). */
export function lockedUntil(account: Pick<Account, 'lockedUntil'>, now: Date): Date | null {
  return account.lockedUntil !== null && account.lockedUntil > now ? account.lockedUntil : null
}

/**
 * @internal Counts a failed password check (A15) atomically in storage. When this failure reaches
 * `policy.lockout.maxAttempts`, the account is locked for `policy.lockout.duration`: that is
 * audited and `account.locked` emitted. Returns the end of the lock, or null while not locked.
 * The count is committed on its own, outside any use-case transaction: the failure that caused
 * it returns an error, and that must not undo the count.
 */
export async function recordFailedPassword(ctx: RosterContext, accountId: string): Promise<Date | null> {
  const now = ctx.clock.now()
  const { lockout } = ctx.policy
  const result = await ctx.storage.accounts.recordFailedSignIn(accountId, {
    maxAttempts: lockout.maxAttempts,
    lockedUntil: new Date(now.getTime() + durationMs(lockout.duration)),
    now,
  })
  const until = result.lockedUntil !== null && result.lockedUntil > now ? result.lockedUntil : null
  if (until === null) return null
  await inTransaction(ctx, { kind: 'system', reason: 'sign-in lockout' }, async (w) => {
    await w.audit({
      orgId: null,
      action: 'account.locked',
      targetType: 'account',
      targetId: accountId,
      changes: { lockedUntil: { after: until.toISOString() } },
    })
    w.emit('account.locked', { accountId, until: until.toISOString() })
    return ok(undefined)
  })
  return until
}

/** @internal `ACCOUNT_LOCKED`, saying until when (A15). */
export function accountLocked(until: Date): RosterError<'ACCOUNT_LOCKED'> {
  return rosterError('ACCOUNT_LOCKED', {
    message: `Too many failed attempts; try again after ${until.toISOString()}.`,
    details: { until: until.toISOString() },
  })
}

/** @internal When a temporary password generated at `now` stops working (A4, X5). */
export function temporaryPasswordExpiry(ctx: RosterContext, now: Date): Date {
  return new Date(now.getTime() + durationMs(ctx.policy.temporaryPasswordTtl))
}

/**
 * @internal `FORBIDDEN` (`details.reason: 'temporary-password-expired'`) when the account's password
 * is a temporary one past `policy.temporaryPasswordTtl` (X5): the person uses "forgot password".
 * Only asked once the password was right, like `signInRefused`, so it tells nothing to a guesser.
 */
export function expiredTemporaryPassword(
  account: Pick<Account, 'mustChangePassword' | 'passwordExpiresAt'>,
  now: Date,
): RosterError<'FORBIDDEN'> | null {
  if (!account.mustChangePassword || account.passwordExpiresAt === null) return null
  if (account.passwordExpiresAt > now) return null
  return rosterError('FORBIDDEN', {
    message: 'This temporary password has expired; ask for a password reset.',
    details: { reason: 'temporary-password-expired' },
  })
}

/**
 * @internal `FORBIDDEN` when an account that passed the sign-in check may not sign in: disabled
 * (A12) or not yet activated (A8); `null` for an active account.
 */
export function signInRefused(account: Pick<Account, 'status'>): RosterError<'FORBIDDEN'> | null {
  if (account.status === 'active') return null
  return rosterError('FORBIDDEN', {
    message:
      account.status === 'disabled'
        ? 'This account is disabled.'
        : 'This account is not activated yet; use the activation link.',
    details: { reason: account.status },
  })
}
