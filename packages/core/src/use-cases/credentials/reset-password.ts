import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type AccountView, toAccountView } from '../../domain/account.js'
import { Password, TokenSecret } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { setPasswordFromLink } from '../../internal/password-link.js'
import { runUseCase } from '../../internal/use-case.js'

export const ResetPasswordInput = z.object({ token: TokenSecret, password: Password })
export type ResetPasswordInput = z.input<typeof ResetPasswordInput>
export type ResetPasswordError = RosterError<
  'VALIDATION' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'INVALID_STATE' | 'STORAGE_FAILURE'
>

/**
 * Public: sets a new password from a `password-reset` link (A15). The password follows
 * `policy.password` (length only, A8); the token is consumed (X1: single use, also when the link
 * is used twice at once) and any other reset link revoked. Proving the mailbox also lifts a
 * lockout and clears `mustChangePassword`. Expired → `TOKEN_EXPIRED`; unknown or used →
 * `TOKEN_INVALID`; the account is no longer active → `INVALID_STATE`. Emits `account.password-changed`.
 *
 * @example
 * await roster.credentials.resetPassword({ token: new URL(request.url).searchParams.get('token'), password: form.password })
 */
export function resetPassword(
  ctx: RosterContext,
  input: ResetPasswordInput,
): ResultAsync<AccountView, ResetPasswordError> {
  return runUseCase(async () => {
    const parsed = parseInput(ResetPasswordInput, input)
    if (parsed.isErr()) return err(parsed.error)
    return setPasswordFromLink<AccountView, ResetPasswordError>(
      ctx,
      parsed.value,
      'password-reset',
      async (w, account, passwordHash) => {
        if (account.status !== 'active') {
          return err(
            rosterError('INVALID_STATE', {
              message: 'This account is not active.',
              details: { status: account.status },
            }),
          )
        }
        const updated = await w.tx.accounts.update(account.id, {
          passwordHash,
          mustChangePassword: false,
          passwordExpiresAt: null,
          failedSignIns: 0,
          lockedUntil: null,
          updatedAt: w.now,
        })
        if (updated.status !== 'updated') return err(rosterError('TOKEN_INVALID'))
        await w.tx.tokens.revokeFor(account.id, 'password-reset', w.now)
        await w.audit({
          orgId: null,
          action: 'account.password-reset',
          targetType: 'account',
          targetId: account.id,
          changes: { password: {}, token: {} },
        })
        w.emit('account.password-changed', { accountId: account.id })
        return ok(toAccountView(updated.account))
      },
    )
  })
}
