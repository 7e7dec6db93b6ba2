import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { emailKey } from '../../domain/account.js'
import { Email } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { afterAnswering, allowLinkRequest } from '../../internal/link-requests.js'
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
 * The answer comes before any lookup (EN4 in the security guide): everything else — the rate
 * limit, the lookup, the transaction and the delivery — runs after it, tracked like background
 * delivery (`outbox.drain()` waits for it). So the time it takes cannot tell whether the address
 * has an account, and a storage failure there is not the caller's to see either (the answer is
 * `ok`; a mail already in the outbox is still delivered by `outbox.dispatch()`).
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
    // EN4: answer before looking anything up, so the time taken cannot tell whether the address
    // has an account; the rate limit, the lookup and the transaction run after the answer.
    const now = ctx.clock.now()
    afterAnswering(ctx, () => sendResetLink(ctx, emailKey(parsed.value.email), now))
    return ok(undefined)
  })
}

/** The work of the request, after the answer: at most one mail per address and window, and only to an account in the right state. */
async function sendResetLink(ctx: RosterContext, key: string, now: Date): Promise<void> {
  // Counted in the window of the request's time, not of when this runs.
  if (!(await allowLinkRequest(ctx, key, now))) return
  if (await ctx.storage.blocklist.isBlocked(key)) return
  const candidate = await ctx.storage.accounts.findByEmail(key)
  if (candidate?.status !== 'active') return
  await inTransaction(ctx, { kind: 'account', id: candidate.id }, async (w) => {
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
  })
}
