import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type AccountView, toAccountView } from '../../domain/account.js'
import { type Actor, isSystemActor, toAuditActor } from '../../domain/actor.js'
import type { FieldChange } from '../../domain/audit-event.js'
import { Password } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { checkPasswordPolicy } from '../../internal/password-policy.js'
import {
  accountLocked,
  checkPassword,
  expiredTemporaryPassword,
  lockedUntil,
  recordFailedPassword,
} from '../../internal/sign-in.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const ChangePasswordInput = z.object({ currentPassword: Password, newPassword: Password })
export type ChangePasswordInput = z.input<typeof ChangePasswordInput>
export type ChangePasswordError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'INVALID_CREDENTIALS' | 'ACCOUNT_LOCKED' | 'STORAGE_FAILURE'
>

/**
 * The signed-in person changes their own password (A4, A15, X2): the current one must be right
 * (`INVALID_CREDENTIALS`; a wrong one counts towards the lockout like a failed sign-in,
 * `ACCOUNT_LOCKED`), the new one follows `policy.password` and differs from it. Clears
 * `mustChangePassword` (a temporary password's first sign-in) and revokes outstanding reset links.
 * Only an active person can (`FORBIDDEN` for the system actor or a disabled account). Emits
 * `account.password-changed`.
 *
 * @example
 * await roster.credentials.changePassword(actor, { currentPassword: form.current, newPassword: form.next })
 */
export function changePassword(
  ctx: RosterContext,
  actor: Actor,
  input: ChangePasswordInput,
): ResultAsync<AccountView, ChangePasswordError> {
  return runUseCase(async () => {
    const parsed = parseInput(ChangePasswordInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { currentPassword, newPassword } = parsed.value
    const weak = checkPasswordPolicy(ctx, newPassword, 'newPassword')
    if (weak) return err(weak)
    if (newPassword === currentPassword) {
      return err(
        rosterError('VALIDATION', {
          message: 'Invalid input: newPassword.',
          details: { issues: [{ path: 'newPassword', message: 'Must differ from the current password' }] },
        }),
      )
    }
    if (isSystemActor(actor)) {
      return err(rosterError('FORBIDDEN', { message: 'Only a person can change their own password.' }))
    }
    const account = await ctx.storage.accounts.findById(actor.accountId)
    if (account?.status !== 'active') {
      return err(rosterError('FORBIDDEN', { message: 'Your account is not active.' }))
    }
    const locked = lockedUntil(account, ctx.clock.now())
    if (locked) return err(accountLocked(locked))
    // Both hash operations are slow on purpose; do them before the transaction so no lock waits.
    if (!(await checkPassword(ctx, currentPassword, account.passwordHash))) {
      const until = await recordFailedPassword(ctx, account.id)
      return err(
        until
          ? accountLocked(until)
          : rosterError('INVALID_CREDENTIALS', { message: 'The current password is wrong.' }),
      )
    }
    const expired = expiredTemporaryPassword(account, ctx.clock.now())
    if (expired) return err(expired)
    const passwordHash = await ctx.passwords.hash(newPassword)
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const current = await w.tx.accounts.findById(account.id)
      if (current?.status !== 'active') {
        return err(rosterError('FORBIDDEN', { message: 'Your account is not active.' }))
      }
      // Changed by someone else since we checked it: the checked password is no longer current.
      if (current.passwordHash !== account.passwordHash) {
        return err(rosterError('INVALID_CREDENTIALS', { message: 'The current password is wrong.' }))
      }
      const updated = await w.tx.accounts.update(account.id, {
        passwordHash,
        mustChangePassword: false,
        passwordExpiresAt: null,
        failedSignIns: 0,
        updatedAt: w.now,
      })
      if (updated.status !== 'updated') {
        return err(rosterError('FORBIDDEN', { message: 'Your account is not active.' }))
      }
      await w.tx.tokens.revokeFor(account.id, 'password-reset', w.now)
      const changes: Record<string, FieldChange> = { password: {} }
      if (current.mustChangePassword) changes.mustChangePassword = { before: true, after: false }
      await w.audit({
        orgId: null,
        action: 'account.password-changed',
        targetType: 'account',
        targetId: account.id,
        changes,
      })
      w.emit('account.password-changed', { accountId: account.id })
      return ok(toAccountView(updated.account))
    })
  })
}
