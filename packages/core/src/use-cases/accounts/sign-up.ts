import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type AccountView, emailKey, newAccount, toAccountView } from '../../domain/account.js'
import { Email, Language, PersonName, Username } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { mailActivationLink } from '../../internal/activation-link.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const SignUpInput = z.object({
  email: Email,
  firstName: PersonName,
  lastName: PersonName,
  username: Username.optional(),
  language: Language.optional(),
})
export type SignUpInput = z.input<typeof SignUpInput>
export type SignUpError = RosterError<
  'VALIDATION' | 'EMAIL_TAKEN' | 'USERNAME_TAKEN' | 'EMAIL_BLOCKED' | 'STORAGE_FAILURE'
>

/**
 * Public self-service sign-up: creates a `pending_activation` account and mails an activation link
 * (A3); the person chooses a password when activating (A8). Emits `account.signed-up`.
 *
 * @example
 * await roster.accounts.signUp({ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' })
 */
export function signUp(ctx: RosterContext, input: SignUpInput): ResultAsync<AccountView, SignUpError> {
  return runUseCase(async () => {
    const parsed = parseInput(SignUpInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { email, firstName, lastName } = parsed.value
    const username = parsed.value.username ?? email
    const key = emailKey(email)
    if (await ctx.storage.blocklist.isBlocked(key))
      return err(rosterError('EMAIL_BLOCKED', { details: { email } }))
    const account = newAccount({
      id: ctx.ids(),
      email,
      firstName,
      lastName,
      username,
      language: parsed.value.language,
      now: ctx.clock.now(),
    })
    return inTransaction(ctx, { kind: 'account', id: account.id }, async (w) => {
      const inserted = await w.tx.accounts.insert(account)
      if (inserted.status === 'conflict') {
        return err(
          inserted.field === 'username'
            ? rosterError('USERNAME_TAKEN', { details: { username } })
            : rosterError('EMAIL_TAKEN', { details: { email } }),
        )
      }
      await mailActivationLink(ctx, w, account, undefined, { newAccount: true })
      await w.audit({ orgId: null, action: 'account.signed-up', targetType: 'account', targetId: account.id })
      w.emit('account.signed-up', { accountId: account.id })
      return ok(toAccountView(account))
    })
  })
}
