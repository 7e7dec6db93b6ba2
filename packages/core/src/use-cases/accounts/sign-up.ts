import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type AccountView, emailKey, newAccount, toAccountView } from '../../domain/account.js'
import { Email, Language, PersonName } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { allowSignUp } from '../../internal/link-requests.js'
import { parseInput } from '../../internal/parse.js'
import { mailActivationLink } from '../../internal/activation-link.js'
import { inTransaction, type WriteScope } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const SignUpInput = z.object({
  email: Email,
  firstName: PersonName,
  lastName: PersonName,
  /**
   * Not taken at sign-up (EN2): the username starts as the email, and the person changes it once
   * signed in (`accounts.updateProfile`). Answering "username taken" here would tell a stranger
   * which handles exist; so a username given here is a `VALIDATION` issue, never silently dropped.
   */
  username: z
    .undefined({ error: 'Not taken at sign-up: the username is the email until changed after activation' })
    .optional(),
  language: Language.optional(),
})
export type SignUpInput = z.input<typeof SignUpInput>
export type SignUpError = RosterError<'VALIDATION' | 'EMAIL_BLOCKED' | 'STORAGE_FAILURE'>

/**
 * Public self-service sign-up: creates a `pending_activation` account and mails an activation link
 * (A3); the person chooses a password when activating (A8). Emits `account.signed-up`.
 *
 * Enumeration-safe (EN1): an email that already has an account gets the same answer — a view of
 * the account as a new sign-up would make, same shape, same work in one transaction — and the
 * existing owner is mailed instead (`sign-up-attempt`: "sign in, or reset your password"). Nothing
 * is created and the caller's names reach no mail. So the view's `id` is only the new account's
 * when the address was free: use the `account.signed-up` event, not the answer, to act on a
 * created account. Sign-ups per address are limited like link requests (`policy.linkRequests`,
 * a budget of their own), since each one mails the address; over it, the same answer comes back
 * and nothing happens. A blocked address is `EMAIL_BLOCKED` (A11), which
 * says the address bounced, not whether it has an account.
 *
 * @example
 * const result = await roster.accounts.signUp({ email: form.email, firstName: form.first, lastName: form.last })
 * if (result.isOk()) showCheckYourInbox() // the same page whether or not the address was taken
 */
export function signUp(ctx: RosterContext, input: SignUpInput): ResultAsync<AccountView, SignUpError> {
  return runUseCase(async () => {
    const parsed = parseInput(SignUpInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { email, firstName, lastName } = parsed.value
    const key = emailKey(email)
    if (await ctx.storage.blocklist.isBlocked(key))
      return err(rosterError('EMAIL_BLOCKED', { details: { email } }))
    const now = ctx.clock.now()
    const account = newAccount({
      id: ctx.ids(),
      email,
      firstName,
      lastName,
      language: parsed.value.language,
      now,
    })
    // The answer for every outcome below: what a new sign-up returns (EN1).
    const answer = toAccountView(account)
    if (!(await allowSignUp(ctx, key, now))) return ok(answer)
    return inTransaction(ctx, { kind: 'account', id: account.id }, async (w) => {
      const inserted = await w.tx.accounts.insert(account)
      if (inserted.status === 'conflict') {
        await tellOwnerOfAttempt(ctx, w, key)
        return ok(answer)
      }
      await mailActivationLink(ctx, w, account, undefined, { newAccount: true })
      await w.audit({ orgId: null, action: 'account.signed-up', targetType: 'account', targetId: account.id })
      w.emit('account.signed-up', { accountId: account.id })
      return ok(answer)
    })
  })
}

/**
 * The address already has an account: mail its owner, in the owner's language and with the
 * owner's own names, and audit the attempt. When the conflict was another account's username
 * equal to this address (an older username rule allowed it), there is no owner to tell: audited
 * only — the caller still gets the same answer.
 */
async function tellOwnerOfAttempt(ctx: RosterContext, w: WriteScope, key: string): Promise<void> {
  const owner = await w.tx.accounts.findByEmail(key)
  if (owner) {
    await w.mail({
      orgId: null,
      to: owner.email,
      template: 'sign-up-attempt',
      language: owner.language,
      data: {
        firstName: owner.firstName,
        lastName: owner.lastName,
        username: owner.username,
        email: owner.email,
        status: owner.status,
        url: ctx.baseUrl,
      },
    })
  }
  await w.audit({
    orgId: null,
    action: 'account.sign-up-attempted',
    targetType: owner ? 'account' : 'email',
    targetId: owner ? owner.id : key,
  })
}
