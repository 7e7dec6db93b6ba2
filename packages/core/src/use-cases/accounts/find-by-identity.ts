import { err, ok, type ResultAsync } from 'neverthrow'
import type * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type AccountView, toAccountView } from '../../domain/account.js'
import { Identity } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { signInRefused } from '../../internal/sign-in.js'
import { runUseCase } from '../../internal/use-case.js'

export const FindByIdentityInput = Identity
export type FindByIdentityInput = z.input<typeof FindByIdentityInput>
export type FindByIdentityError = RosterError<
  'VALIDATION' | 'ACCOUNT_NOT_FOUND' | 'FORBIDDEN' | 'STORAGE_FAILURE'
>

/**
 * Public, for the host's SSO callback (A16): maps an outside identity the host has verified
 * (`provider` + `subject`) to the linked account. It is a sign-in, so the same rules as
 * `credentials.verify` hold (A12, A15): a disabled or not yet activated account → `FORBIDDEN`
 * (`details.reason` is its status). No account linked → `ACCOUNT_NOT_FOUND`.
 *
 * @example
 * const account = await roster.accounts.findByIdentity({ provider: 'oidc:google', subject: claims.sub })
 * if (account.isOk()) session.set('accountId', account.value.id)
 */
export function findByIdentity(
  ctx: RosterContext,
  input: FindByIdentityInput,
): ResultAsync<AccountView, FindByIdentityError> {
  return runUseCase(async () => {
    const parsed = parseInput(FindByIdentityInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { provider, subject } = parsed.value
    const account = await ctx.storage.accounts.findByIdentity(provider, subject)
    if (!account) return err(rosterError('ACCOUNT_NOT_FOUND', { details: { provider } }))
    const refused = signInRefused(account)
    if (refused) return err(refused)
    return ok(toAccountView(account))
  })
}
