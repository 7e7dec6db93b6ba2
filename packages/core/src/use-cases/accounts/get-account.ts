import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type AccountView, toAccountView } from '../../domain/account.js'
import type { Actor } from '../../domain/actor.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { authorizeAccountAction } from '../../internal/account-authority.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'

export const GetAccountInput = z.object({ accountId: Id })
export type GetAccountInput = z.input<typeof GetAccountInput>
export type GetAccountError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ACCOUNT_NOT_FOUND' | 'FOUNDER_PROTECTED' | 'STORAGE_FAILURE'
>

/**
 * Reads one account (no secrets). Allowed to the person themself, the system actor, and an admin
 * holding `members:update` in the org that owns the account (AA2) and every permission the person
 * holds there (AA3). Another org sees the person through `members.get` only (AA7, X3).
 *
 * @example
 * const me = await roster.accounts.get(actor, { accountId: actor.accountId })
 */
export function getAccount(
  ctx: RosterContext,
  actor: Actor,
  input: GetAccountInput,
): ResultAsync<AccountView, GetAccountError> {
  return runUseCase(async () => {
    const parsed = parseInput(GetAccountInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const authority = await authorizeAccountAction(ctx.storage, actor, parsed.value.accountId, 'read')
    if (authority.isErr()) return err(authority.error)
    return ok(toAccountView(authority.value.account))
  })
}
