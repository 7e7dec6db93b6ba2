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

export const EnableAccountInput = z.object({ accountId: Id })
export type EnableAccountInput = z.input<typeof EnableAccountInput>
export type EnableAccountError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ACCOUNT_NOT_FOUND' | 'INVALID_STATE' | 'FOUNDER_PROTECTED' | 'STORAGE_FAILURE'
>

/**
 * Re-enables a disabled account (A12): the person signs in again, with every membership, role,
 * seat and number they had. Allowed as `accounts.disable` is (AA1–AA3, AA6). Not disabled → `INVALID_STATE`. Emits `account.enabled`.
 *
 * @example
 * await roster.accounts.enable(systemActor('review cleared'), { accountId })
 */
export function enableAccount(
  ctx: RosterContext,
  actor: Actor,
  input: EnableAccountInput,
): ResultAsync<AccountView, EnableAccountError> {
  return runUseCase(async () => {
    const parsed = parseInput(EnableAccountInput, input)
    if (parsed.isErr()) return err(parsed.error)
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const authority = await authorizeAccountAction(w.tx, actor, parsed.value.accountId, 'platform')
      if (authority.isErr()) return err(authority.error)
      const { account, via } = authority.value
      if (account.status !== 'disabled') {
        return err(
          rosterError('INVALID_STATE', {
            message: 'Only a disabled account can be enabled.',
            details: { status: account.status },
          }),
        )
      }
      const updated = await w.tx.accounts.update(account.id, { status: 'active', updatedAt: w.now })
      if (updated.status !== 'updated') {
        return err(rosterError('ACCOUNT_NOT_FOUND', { details: { accountId: account.id } }))
      }
      await w.audit({
        orgId: auditOrgId(via),
        action: 'account.enabled',
        targetType: 'account',
        targetId: account.id,
        changes: { status: { before: 'disabled', after: 'active' } },
      })
      w.emit('account.enabled', { accountId: account.id, actor: w.actor })
      return ok(toAccountView(updated.account))
    })
  })
}
