import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type AccountView, toAccountView } from '../../domain/account.js'
import { Password, TokenSecret } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { setPasswordFromLink } from '../../internal/password-link.js'
import { runUseCase } from '../../internal/use-case.js'

export const ActivateInput = z.object({ token: TokenSecret, password: Password })
export type ActivateInput = z.input<typeof ActivateInput>
export type ActivateError = RosterError<
  'VALIDATION' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'INVALID_STATE' | 'STORAGE_FAILURE'
>

/**
 * Public: finishes activation from the mailed link (A8). Sets the password (policy length, no
 * composition rules), makes the account `active` and all its invited memberships `active` (A2b),
 * and consumes the token. Expired → `TOKEN_EXPIRED`; unknown or used → `TOKEN_INVALID`.
 * Emits `account.activated` and `member.activated` per org.
 *
 * @example
 * const token = new URL(request.url).searchParams.get('token')
 * await roster.activation.activate({ token, password: form.password })
 */
export function activate(ctx: RosterContext, input: ActivateInput): ResultAsync<AccountView, ActivateError> {
  return runUseCase(async () => {
    const parsed = parseInput(ActivateInput, input)
    if (parsed.isErr()) return err(parsed.error)
    return setPasswordFromLink<AccountView, ActivateError>(
      ctx,
      parsed.value,
      'activation',
      async (w, account, passwordHash) => {
        if (account.status !== 'pending_activation') {
          return err(rosterError('INVALID_STATE', { message: 'This account is already activated.' }))
        }
        const updated = await w.tx.accounts.update(account.id, {
          status: 'active',
          passwordHash,
          mustChangePassword: false,
          updatedAt: w.now,
        })
        if (updated.status !== 'updated') return err(rosterError('TOKEN_INVALID'))
        const orgIds = await w.tx.memberships.activateInvited(account.id, w.now)
        await w.audit({
          orgId: null,
          action: 'account.activated',
          targetType: 'account',
          targetId: account.id,
          changes: { status: { before: 'pending_activation', after: 'active' }, password: {} },
        })
        for (const orgId of orgIds) {
          await w.audit({
            orgId,
            action: 'member.activated',
            targetType: 'account',
            targetId: account.id,
            changes: { status: { before: 'invited', after: 'active' } },
          })
          w.emit('member.activated', { orgId, accountId: account.id })
        }
        w.emit('account.activated', { accountId: account.id })
        return ok(toAccountView(updated.account))
      },
    )
  })
}
