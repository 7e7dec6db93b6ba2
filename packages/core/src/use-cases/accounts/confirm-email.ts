import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type AccountView, emailKey, toAccountView } from '../../domain/account.js'
import { TokenSecret } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { mailEmailChangedNotice } from '../../internal/email-change.js'
import { parseInput } from '../../internal/parse.js'
import { findUsableToken, redeemToken } from '../../internal/tokens.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { switchEmail } from './change-email.js'

export const ConfirmEmailInput = z.object({ token: TokenSecret })
export type ConfirmEmailInput = z.input<typeof ConfirmEmailInput>
export type ConfirmEmailError = RosterError<
  | 'VALIDATION'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'INVALID_STATE'
  | 'EMAIL_TAKEN'
  | 'EMAIL_BLOCKED'
  | 'STORAGE_FAILURE'
>

/**
 * Public: finishes an email change from the link mailed to the new address (A7 with
 * `policy.emailChange = 'verify'`). Switches the email, consumes the token (X1: single use, also
 * when clicked twice at once) and notifies the old address. Expired → `TOKEN_EXPIRED`; unknown or
 * used → `TOKEN_INVALID`; the address taken or blocklisted meanwhile → `EMAIL_TAKEN` /
 * `EMAIL_BLOCKED`; a disabled account → `INVALID_STATE`. Emits `account.email-changed`.
 *
 * @example
 * await roster.accounts.confirmEmail({ token: new URL(request.url).searchParams.get('token') })
 */
export function confirmEmail(
  ctx: RosterContext,
  input: ConfirmEmailInput,
): ResultAsync<AccountView, ConfirmEmailError> {
  return runUseCase(async () => {
    const parsed = parseInput(ConfirmEmailInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const found = await findUsableToken(ctx, parsed.value.token, 'email-change')
    if (found.isErr()) return err(found.error)
    const token = found.value
    const email = token.email
    if (email === null) return err(rosterError('TOKEN_INVALID'))
    return inTransaction(ctx, { kind: 'account', id: token.accountId }, async (w) => {
      const account = await redeemToken(w.tx, token, w.now)
      if (!account) return err(rosterError('TOKEN_INVALID'))
      if (account.status !== 'active') {
        return err(rosterError('INVALID_STATE', { message: 'This account is not active.' }))
      }
      if (await w.tx.blocklist.isBlocked(emailKey(email)))
        return err(rosterError('EMAIL_BLOCKED', { details: { email } }))
      const switched = await switchEmail(w, account, email, null)
      if (switched.isErr()) {
        // The account vanished in between: the link no longer leads anywhere.
        const { code } = switched.error
        return err(
          code === 'EMAIL_TAKEN' ? rosterError(code, { details: { email } }) : rosterError('TOKEN_INVALID'),
        )
      }
      await mailEmailChangedNotice(w, account, email, { id: null })
      return ok(toAccountView(switched.value))
    })
  })
}
