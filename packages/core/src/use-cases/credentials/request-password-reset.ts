import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { emailKey } from '../../domain/account.js'
import { Email } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { allowLinkRequest } from '../../internal/link-requests.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { durationMs } from '../../policy.js'

export const RequestPasswordResetInput = z.object({ email: Email })
export type RequestPasswordResetInput = z.input<typeof RequestPasswordResetInput>
export type RequestPasswordResetError = RosterError<'VALIDATION' | 'STORAGE_FAILURE'>

/**
 * Public "forgot password" (A15, same enumeration rules as A9): takes only an email and answers
 * the same `ok` whether or not an account has it, whatever its state, and when rate-limited. For
 * an active account it revokes older reset links and mails a `password-reset` link valid
 * `policy.resetTtl`. Shares the per-address budget of `policy.linkRequests` with
 * `activation.requestNewLink`. Emits `account.password-reset-requested` when a link goes out.
 *
 * @example
 * await roster.credentials.requestPasswordReset({ email: form.email }) // always "check your inbox"
 */
export function requestPasswordReset(
  ctx: RosterContext,
  input: RequestPasswordResetInput,
): ResultAsync<void, RequestPasswordResetError> {
  return runUseCase(async () => {
    const parsed = parseInput(RequestPasswordResetInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const key = emailKey(parsed.value.email)
    if (!(await allowLinkRequest(ctx, key, ctx.clock.now()))) return ok(undefined)
    if (await ctx.storage.blocklist.isBlocked(key)) return ok(undefined)
    const candidate = await ctx.storage.accounts.findByEmail(key)
    if (candidate?.status !== 'active') return ok(undefined)
    const sent = await inTransaction(
      ctx,
      { kind: 'account', id: candidate.id },
      async (w) => {
        // Read again in the transaction: it may have been disabled or deleted meanwhile.
        const account = await w.tx.accounts.findById(candidate.id)
        if (account?.status !== 'active') return ok(undefined)
        await w.mail({
          orgId: null,
          to: account.email,
          template: 'password-reset',
          language: account.language,
          data: { firstName: account.firstName, lastName: account.lastName, username: account.username },
          link: { accountId: account.id, ttlMs: durationMs(ctx.policy.resetTtl), revokeOlder: true },
        })
        await w.audit({
          orgId: null,
          action: 'account.password-reset-requested',
          targetType: 'account',
          targetId: account.id,
          changes: { token: {} },
        })
        w.emit('account.password-reset-requested', { accountId: account.id })
        return ok(undefined)
      },
      // Answer as fast whether or not a link goes out: no enumeration by timing (A9, A15).
      { delivery: 'background' },
    )
    if (sent.isErr()) return err(sent.error)
    return ok(undefined)
  })
}
