import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import { policedText } from '../../domain/text-policy.js'
import type { RosterContext } from '../../context.js'
import { type AccountView, toAccountView, usernameKey } from '../../domain/account.js'
import { Password } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import {
  checkPassword,
  expiredTemporaryPassword,
  lockedUntil,
  recordFailedPassword,
  signInRefused,
} from '../../internal/sign-in.js'
import { runUseCase } from '../../internal/use-case.js'

export const VerifyCredentialsInput = z.object({
  // Any stored username may sign in, even one older than today's Username rules: no format check here.
  username: policedText('line', { max: 254 }),
  password: Password,
})
export type VerifyCredentialsInput = z.input<typeof VerifyCredentialsInput>
export type VerifyCredentialsError = RosterError<
  'VALIDATION' | 'INVALID_CREDENTIALS' | 'FORBIDDEN' | 'STORAGE_FAILURE'
>

/**
 * Public sign-in check (A15): returns the account for a right username and password, else
 * `INVALID_CREDENTIALS` — the same answer, and the same hashing work, for an unknown username and a
 * wrong password. Each wrong password counts; after `policy.lockout.maxAttempts` the account is
 * locked for `policy.lockout.duration`: until then every attempt, even with the right password,
 * answers `INVALID_CREDENTIALS` too, after the same hashing work (EN1–EN3 in the security guide) —
 * a distinct "locked" answer would tell a stranger that the account exists. Tell the person
 * through the `account.locked` event (it carries `until`), e.g. by mailing them. A success resets
 * the count. Only with the right password, and not locked, does it tell that the account is
 * disabled or not activated (`FORBIDDEN`, `details.reason`): those cannot sign in (A12), or that a
 * temporary password has expired (`FORBIDDEN`, `details.reason: 'temporary-password-expired'`,
 * X5). With `mustChangePassword` on the result, the host gives the session nothing but
 * `credentials.changePassword` until it is false (see the security guide). The password is never
 * stored or logged (X2).
 *
 * @example
 * const result = await roster.credentials.verify({ username: form.username, password: form.password })
 * if (result.isOk()) session.set('accountId', result.value.id)
 */
export function verifyCredentials(
  ctx: RosterContext,
  input: VerifyCredentialsInput,
): ResultAsync<AccountView, VerifyCredentialsError> {
  return runUseCase(async () => {
    const parsed = parseInput(VerifyCredentialsInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { username, password } = parsed.value
    const now = ctx.clock.now()
    const account = await ctx.storage.accounts.findByUsername(usernameKey(username))
    if (!account) {
      await checkPassword(ctx, password, null)
      return err(rosterError('INVALID_CREDENTIALS'))
    }
    if (lockedUntil(account, now)) {
      // Locked: refuse even the right password, after the same work as any check (EN3).
      await checkPassword(ctx, password, null)
      return err(rosterError('INVALID_CREDENTIALS'))
    }
    if (!(await checkPassword(ctx, password, account.passwordHash))) {
      // Counts, and locks at the limit (audited, `account.locked`); the answer stays the same.
      await recordFailedPassword(ctx, account.id)
      return err(rosterError('INVALID_CREDENTIALS'))
    }
    const refused = signInRefused(account) ?? expiredTemporaryPassword(account, now)
    if (refused) return err(refused)
    if (account.failedSignIns > 0 || account.lockedUntil !== null) {
      // Bookkeeping, not a change of the person's data: no audit event.
      await ctx.storage.accounts.update(account.id, { failedSignIns: 0, lockedUntil: null })
    }
    return ok(toAccountView(account))
  })
}
