import { err, ok, type Result, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Account, type AccountView, emailKey, toAccountView } from '../../domain/account.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { Email, Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { auditOrgId, authorizeAccountAction } from '../../internal/account-authority.js'
import { announceEmailSwitch, emailChangeRefused, requestEmailChange } from '../../internal/email-change.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction, type WriteScope } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const ChangeEmailInput = z.object({ accountId: Id, email: Email })
export type ChangeEmailInput = z.input<typeof ChangeEmailInput>
export type ChangeEmailError = RosterError<
  | 'VALIDATION'
  | 'FORBIDDEN'
  | 'ACCOUNT_NOT_FOUND'
  | 'EMAIL_TAKEN'
  | 'EMAIL_BLOCKED'
  | 'STORAGE_FAILURE'
  | 'FOUNDER_PROTECTED'
  | 'MANAGED_EXTERNALLY'
>

/**
 * Changes the address an account is mailed at (A5, A7, A11, A17). Emails stay unique either way
 * (`EMAIL_TAKEN`); a blocklisted address is refused (`EMAIL_BLOCKED`) before anything is stored.
 * - A pending account switches at once: its tokens are revoked and a fresh activation link goes to
 *   the new address (A5).
 * - Otherwise, with `policy.emailChange = 'immediate'` (default) it switches at once and the old
 *   address gets an `email-changed-notice`; with `'verify'` an `email-change-confirm` link goes to
 *   the new address and the account keeps its email until `accounts.confirmEmail` (the returned
 *   view still shows the old one).
 * An org admin (AA1–AA3: the org owns the account and the admin outranks the person) changing an
 * active account's email always goes through the link to the new address, whatever the policy (AA4).
 * Who may: see docs/guides/account-authority.md. Emits `account.email-changed` or
 * `account.email-change-requested`.
 *
 * @example
 * await roster.accounts.changeEmail(actor, { accountId: actor.accountId, email: 'ada@new.example' })
 */
export function changeEmail(
  ctx: RosterContext,
  actor: Actor,
  input: ChangeEmailInput,
): ResultAsync<AccountView, ChangeEmailError> {
  return runUseCase(async () => {
    const parsed = parseInput(ChangeEmailInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { accountId, email } = parsed.value
    const key = emailKey(email)
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const authority = await authorizeAccountAction(w.tx, actor, accountId, 'edit', { changes: { email } })
      if (authority.isErr()) return err(authority.error)
      const { account, via } = authority.value
      const orgId = auditOrgId(via)
      if (account.email === email) return ok(toAccountView(account))

      if (key !== account.emailKey) {
        const refused = await emailChangeRefused(w.tx, account.id, email)
        if (refused) return err(refused)
      }

      // Same address written differently, or a pending account (A5): nothing to verify at the old
      // address. An admin readdressing an active account always goes through the new address (AA4).
      const immediate =
        key === account.emailKey ||
        account.status === 'pending_activation' ||
        (ctx.policy.emailChange === 'immediate' && via.kind !== 'org-admin')
      if (!immediate) {
        await requestEmailChange(ctx, w, account, email, { id: orgId })
        return ok(toAccountView(account))
      }

      const switched = await switchEmail(w, account, email, orgId)
      if (switched.isErr()) return err(switched.error)
      await announceEmailSwitch(ctx, w, account, switched.value, { id: orgId })
      return ok(toAccountView(switched.value))
    })
  })
}

/**
 * @internal Writes the new email (A7): revokes the links mailed to the old address (password reset,
 * pending email changes; activation is reissued by the caller), audits, and queues
 * `account.email-changed`. `EMAIL_TAKEN` when the address was taken meanwhile.
 */
export async function switchEmail(
  w: WriteScope,
  account: Account,
  email: string,
  orgId: string | null,
): Promise<Result<Account, RosterError<'ACCOUNT_NOT_FOUND' | 'EMAIL_TAKEN'>>> {
  const key = emailKey(email)
  if (key !== account.emailKey) {
    await w.tx.tokens.revokeFor(account.id, 'password-reset', w.now)
    await w.tx.tokens.revokeFor(account.id, 'email-change', w.now)
  }
  const updated = await w.tx.accounts.update(account.id, { email, emailKey: key, updatedAt: w.now })
  if (updated.status === 'not-found') {
    return err(rosterError('ACCOUNT_NOT_FOUND', { details: { accountId: account.id } }))
  }
  if (updated.status === 'conflict') return err(rosterError('EMAIL_TAKEN', { details: { email } }))
  await w.audit({
    orgId,
    action: 'account.email-changed',
    targetType: 'account',
    targetId: account.id,
    changes: { email: { before: account.email, after: email } },
  })
  w.emit('account.email-changed', { accountId: account.id, actor: w.actor })
  return ok(updated.account)
}
