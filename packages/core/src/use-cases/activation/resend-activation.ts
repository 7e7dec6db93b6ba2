import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { mailActivationLink } from '../../internal/activation-link.js'
import { authorizeAccountAction } from '../../internal/account-authority.js'
import { authorize } from '../../internal/authorize.js'
import { memberNotFound as notAMember } from '../../internal/members.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const ResendActivationInput = z.object({ orgId: Id, accountId: Id })
export type ResendActivationInput = z.input<typeof ResendActivationInput>
export type ResendActivationError = RosterError<
  | 'VALIDATION'
  | 'FORBIDDEN'
  | 'ORG_NOT_FOUND'
  | 'NOT_FOUND'
  | 'INVALID_STATE'
  | 'EMAIL_BLOCKED'
  | 'FOUNDER_PROTECTED'
  | 'STORAGE_FAILURE'
>

/** Where the new activation link went. */
export interface ResendActivationOutput {
  email: string
  expiresAt: string
}

/**
 * "Resend activation email" from a member's profile (A10): revokes the member's older activation
 * links and mails a new one in their language. Needs `members:update` in the org, which must have
 * created the pending account (AA5: an org that only invited it has no say over its links), and
 * every permission the person holds there (AA3) — otherwise `FORBIDDEN` with `details.reason`.
 * Not a member → `NOT_FOUND`; account not pending → `INVALID_STATE`; the address is on the blocklist →
 * `EMAIL_BLOCKED` (fix the email first). Emits `activation.resent`.
 *
 * @example
 * await roster.activation.resend(admin, { orgId, accountId })
 */
export function resendActivation(
  ctx: RosterContext,
  actor: Actor,
  input: ResendActivationInput,
): ResultAsync<ResendActivationOutput, ResendActivationError> {
  return runUseCase(async () => {
    const parsed = parseInput(ResendActivationInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, accountId } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'members:update')
      if (access.isErr()) return err(access.error)
      const membership = await w.tx.memberships.find(orgId, accountId)
      const account = membership ? await w.tx.accounts.findById(accountId) : null
      if (!account) return err(notAMember(orgId, accountId))
      // AA5: only the org that created the pending account reissues its link, and only an admin who
      // holds every permission the person holds there (a pending admin's link is not a lower admin's).
      const authority = await authorizeAccountAction(w.tx, actor, accountId, 'activation', { orgId })
      if (authority.isErr()) {
        const { error } = authority
        if (error.code === 'ACCOUNT_NOT_FOUND') return err(notAMember(orgId, accountId))
        return err(error as RosterError<Exclude<typeof error.code, 'ACCOUNT_NOT_FOUND'>>)
      }
      if (account.status !== 'pending_activation') {
        return err(
          rosterError('INVALID_STATE', {
            message: 'This account is already activated; nothing to resend.',
            details: { status: account.status },
          }),
        )
      }
      if (await w.tx.blocklist.isBlocked(account.emailKey)) {
        return err(rosterError('EMAIL_BLOCKED', { details: { email: account.email } }))
      }
      const { org } = access.value
      const { expiresAt } = await mailActivationLink(ctx, w, account, org)
      await w.audit({
        orgId,
        action: 'activation.resent',
        targetType: 'account',
        targetId: account.id,
        changes: { token: {} },
      })
      w.emit('activation.resent', { orgId, accountId: account.id })
      return ok({ email: account.email, expiresAt: expiresAt.toISOString() })
    })
  })
}
