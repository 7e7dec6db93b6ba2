import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { emailKey } from '../../domain/account.js'
import { Email } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { mailActivationLink } from '../../internal/activation-link.js'
import { allowLinkRequest } from '../../internal/link-requests.js'
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
    const key = emailKey(parsed.value.email)
    if (!(await allowLinkRequest(ctx, key, ctx.clock.now()))) return ok(undefined)
    if (await ctx.storage.blocklist.isBlocked(key)) return ok(undefined)
    const candidate = await ctx.storage.accounts.findByEmail(key)
    if (candidate?.status !== 'pending_activation') return ok(undefined)
    const sent = await inTransaction(
      ctx,
      { kind: 'account', id: candidate.id },
      async (w) => {
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
      },
      // Answer as fast whether or not a link goes out: no enumeration by timing (A9, A15).
      { delivery: 'background' },
    )
    if (sent.isErr()) return err(sent.error)
    return ok(undefined)
  })
}
