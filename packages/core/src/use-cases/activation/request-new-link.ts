import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { emailKey } from '../../domain/account.js'
import { Email } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { mailActivationLink } from '../../internal/activation-link.js'
import { afterAnswering, allowLinkRequest } from '../../internal/link-requests.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const RequestNewLinkInput = z.object({ email: Email })
export type RequestNewLinkInput = z.input<typeof RequestNewLinkInput>
export type RequestNewLinkError = RosterError<'VALIDATION' | 'STORAGE_FAILURE'>

/**
 * Public "my activation link expired, send a new one" (A9). Takes only an email and answers the
 * same `ok` whether or not an account has it, whatever its state, and when rate-limited — so it
 * tells nobody who is registered. For a pending account it revokes the older links and mails a
 * new one. At most `policy.linkRequests.max` requests per address per window (shared with
 * `credentials.requestPasswordReset`); beyond that nothing is mailed. Emits `activation.resent`
 * when a link goes out.
 *
 * The answer comes before any lookup (EN4 in the security guide): everything else — the rate
 * limit, the lookup, the transaction and the delivery — runs after it, tracked like background
 * delivery (`outbox.drain()` waits for it). So the time it takes cannot tell whether the address
 * has an account, and a storage failure there is not the caller's to see either (the answer is
 * `ok`; a mail already in the outbox is still delivered by `outbox.dispatch()`).
 *
 * @example
 * await roster.activation.requestNewLink({ email: form.email }) // always show "check your inbox"
 */
export function requestNewLink(
  ctx: RosterContext,
  input: RequestNewLinkInput,
): ResultAsync<void, RequestNewLinkError> {
  return runUseCase(async () => {
    const parsed = parseInput(RequestNewLinkInput, input)
    if (parsed.isErr()) return err(parsed.error)
    // EN4: answer before looking anything up, so the time taken cannot tell whether the address
    // has an account; the rate limit, the lookup and the transaction run after the answer.
    const now = ctx.clock.now()
    afterAnswering(ctx, () => sendNewLink(ctx, emailKey(parsed.value.email), now))
    return ok(undefined)
  })
}

/** The work of the request, after the answer: at most one mail per address and window, and only to an account in the right state. */
async function sendNewLink(ctx: RosterContext, key: string, now: Date): Promise<void> {
  // Counted in the window of the request's time, not of when this runs.
  if (!(await allowLinkRequest(ctx, key, now))) return
  if (await ctx.storage.blocklist.isBlocked(key)) return
  const candidate = await ctx.storage.accounts.findByEmail(key)
  if (candidate?.status !== 'pending_activation') return
  await inTransaction(ctx, { kind: 'account', id: candidate.id }, async (w) => {
    // Read again in the transaction: it may have been activated or deleted meanwhile.
    const account = await w.tx.accounts.findById(candidate.id)
    if (account?.status !== 'pending_activation') return ok(undefined)
    await mailActivationLink(ctx, w, account)
    await w.audit({
      orgId: null,
      action: 'activation.link-requested',
      targetType: 'account',
      targetId: account.id,
      changes: { token: {} },
    })
    w.emit('activation.resent', { orgId: null, accountId: account.id })
    return ok(undefined)
  })
}
