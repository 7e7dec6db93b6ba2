import { err, type Result } from 'neverthrow'
import type { RosterContext } from '../context.js'
import type { Account } from '../domain/account.js'
import type { TokenKind } from '../domain/token.js'
import { type RosterError, rosterError } from '../errors.js'
import { checkPasswordPolicy } from './password-policy.js'
import { findUsableToken, redeemToken } from './tokens.js'
import { inTransaction, type WriteScope } from './transaction.js'

/** What the link half of a "set a password from a mailed link" use-case can answer. */
export type PasswordLinkError = RosterError<'VALIDATION' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED'>

/**
 * @internal The steps every use-case that sets a password from a mailed link shares (activation
 * A8, password reset A15), in their one order: the password meets `policy.password`; the link is
 * usable (`TOKEN_INVALID` / `TOKEN_EXPIRED`); the password is hashed before any transaction (slow
 * on purpose, so no lock waits on it); then, in one transaction acting as the account, the token is
 * consumed (X1: single use, also when the link is clicked twice at once) and `apply` runs its own
 * writes on the account the link was for.
 */
export async function setPasswordFromLink<T, E>(
  ctx: RosterContext,
  input: { token: string; password: string },
  kind: TokenKind,
  apply: (w: WriteScope, account: Account, passwordHash: string) => Promise<Result<T, E>>,
): Promise<Result<T, E | PasswordLinkError>> {
  const weak = checkPasswordPolicy(ctx, input.password, 'password')
  if (weak) return err(weak)
  const found = await findUsableToken(ctx, input.token, kind)
  if (found.isErr()) return err(found.error)
  const token = found.value
  const passwordHash = await ctx.passwords.hash(input.password)
  return inTransaction<T, E | PasswordLinkError>(ctx, { kind: 'account', id: token.accountId }, async (w) => {
    const account = await redeemToken(w.tx, token, w.now)
    if (!account) return err(rosterError('TOKEN_INVALID'))
    return apply(w, account, passwordHash)
  })
}
