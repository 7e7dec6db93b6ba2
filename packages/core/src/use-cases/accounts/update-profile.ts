import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Account, type AccountView, toAccountView } from '../../domain/account.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { diffFields } from '../../domain/audit-event.js'
import { Id, Language, PersonName, Phone, Username } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { auditOrgId, authorizeAccountAction } from '../../internal/account-authority.js'
import { profileChanges, profilePatch, usernameChangeRefused } from '../../internal/account-edit.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { checkUsernameOfEmail } from '../../internal/username-rule.js'

export const UpdateProfileInput = z.object({
  accountId: Id,
  firstName: PersonName.optional(),
  lastName: PersonName.optional(),
  /** E.164 after parsing; `null` clears it. */
  phone: Phone.nullable().optional(),
  language: Language.optional(),
  username: Username.optional(),
})
export type UpdateProfileInput = z.input<typeof UpdateProfileInput>
export type UpdateProfileError = RosterError<
  | 'VALIDATION'
  | 'FORBIDDEN'
  | 'ACCOUNT_NOT_FOUND'
  | 'USERNAME_TAKEN'
  | 'INVALID_STATE'
  | 'STORAGE_FAILURE'
  | 'FOUNDER_PROTECTED'
  | 'MANAGED_EXTERNALLY'
>

/**
 * Edits a person's own account fields: names, phone, language, username (A5, A6, A17). The person
 * themself and the system actor may; an org admin (`members:update`) may only while the account
 * belongs to no other org — otherwise `FORBIDDEN`, saying why. A username change follows
 * `policy.usernameChange`: `'never'` → `FORBIDDEN`; `'after-activation'` (default) → `INVALID_STATE`
 * while the account is pending; `'always'`. Usernames stay unique (`USERNAME_TAKEN`).
 * Emits `account.updated` when something changed.
 *
 * @example
 * await roster.accounts.updateProfile(actor, { accountId: actor.accountId, language: 'fr', phone: '+33 6 12 34 56 78' })
 */
export function updateProfile(
  ctx: RosterContext,
  actor: Actor,
  input: UpdateProfileInput,
): ResultAsync<AccountView, UpdateProfileError> {
  return runUseCase(async () => {
    const parsed = parseInput(UpdateProfileInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { accountId, ...fields } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const authority = await authorizeAccountAction(w.tx, actor, accountId, 'edit', { changes: fields })
      if (authority.isErr()) return err(authority.error)
      const { account, via } = authority.value

      const changed = profileChanges(account, fields)
      if (changed.username !== undefined) {
        const refused =
          usernameChangeRefused(ctx, account) ?? checkUsernameOfEmail(changed.username, account.email)
        if (refused) return err(refused)
      }
      if (Object.keys(changed).length === 0) return ok(toAccountView(account))

      const updated = await w.tx.accounts.update(account.id, profilePatch(changed, w.now))
      if (updated.status === 'not-found')
        return err(rosterError('ACCOUNT_NOT_FOUND', { details: { accountId } }))
      if (updated.status === 'conflict') {
        return err(rosterError('USERNAME_TAKEN', { details: { username: changed.username } }))
      }
      const changes = diffFields<Account>(account, changed)
      await w.audit({
        orgId: auditOrgId(via),
        action: 'account.updated',
        targetType: 'account',
        targetId: account.id,
        changes,
      })
      w.emit('account.updated', { accountId: account.id, fields: Object.keys(changes), actor: w.actor })
      return ok(toAccountView(updated.account))
    })
  })
}
