import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type AccountView, toAccountView } from '../../domain/account.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { auditOrgId, authorizeAccountAction } from '../../internal/account-authority.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const DisableAccountInput = z.object({ accountId: Id })
export type DisableAccountInput = z.input<typeof DisableAccountInput>
export type DisableAccountError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ACCOUNT_NOT_FOUND' | 'INVALID_STATE' | 'FOUNDER_PROTECTED' | 'STORAGE_FAILURE'
>

/**
 * Disables a whole account, platform level (A12): the person can no longer sign in anywhere
 * (`credentials.verify`, `accounts.findByIdentity`) nor act in any org; their memberships, roles,
 * seats and numbers are kept so `accounts.enable` restores everything. Outstanding password-reset
 * and email-change links stop working. Allowed to the system actor, or an admin (`members:update`)
 * of the org that owns the account (AA2) holding every permission the person holds there (AA3) —
 * not on themself, nor on the founder (`FOUNDER_PROTECTED`, O2). An org where the person is only
 * invited, or which shares them with another org, gets `FORBIDDEN` (AA6). Only an active account can be disabled (`INVALID_STATE`; a pending one
 * is removed instead). Emits `account.disabled`.
 *
 * @example
 * await roster.accounts.disable(systemActor('fraud review'), { accountId })
 */
export function disableAccount(
  ctx: RosterContext,
  actor: Actor,
  input: DisableAccountInput,
): ResultAsync<AccountView, DisableAccountError> {
  return runUseCase(async () => {
    const parsed = parseInput(DisableAccountInput, input)
    if (parsed.isErr()) return err(parsed.error)
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const authority = await authorizeAccountAction(w.tx, actor, parsed.value.accountId, 'platform')
      if (authority.isErr()) return err(authority.error)
      const { account, via } = authority.value
      if (account.status !== 'active') {
        return err(
          rosterError('INVALID_STATE', {
            message:
              account.status === 'disabled'
                ? 'This account is already disabled.'
                : 'This account is not activated yet; remove the person instead.',
            details: { status: account.status },
          }),
        )
      }
      const updated = await w.tx.accounts.update(account.id, { status: 'disabled', updatedAt: w.now })
      if (updated.status !== 'updated') {
        return err(rosterError('ACCOUNT_NOT_FOUND', { details: { accountId: account.id } }))
      }
      await w.tx.tokens.revokeFor(account.id, 'password-reset', w.now)
      await w.tx.tokens.revokeFor(account.id, 'email-change', w.now)
      await w.audit({
        orgId: auditOrgId(via),
        action: 'account.disabled',
        targetType: 'account',
        targetId: account.id,
        changes: { status: { before: 'active', after: 'disabled' } },
      })
      w.emit('account.disabled', { accountId: account.id, actor: w.actor })
      return ok(toAccountView(updated.account))
    })
  })
}
