import type { RosterContext } from '../context.js'
import { durationMs } from '../policy.js'
import { trackInFlight } from './transaction.js'

/**
 * @internal Counts one public "mail me a link" request (new activation link, password reset) for an
 * address, in the fixed window of `policy.linkRequests` (A9, A15). Both kinds share one budget per
 * address, so nobody can flood a mailbox by alternating them. False when over the limit.
 * Committed on its own: a refused or answered request must still count.
 */
export function allowLinkRequest(ctx: RosterContext, emailKey: string, now: Date): Promise<boolean> {
  const { max, window } = ctx.policy.linkRequests
  const windowMs = durationMs(window)
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs)
  return ctx.storage.rateLimits.hit(`link-request:${emailKey}`, windowStart, max)
}

/**
 * @internal Counts one public sign-up for an address (EN1), with the limits of `policy.linkRequests`
 * but its own budget: each sign-up mails that address (an activation link, or the owner's
 * "someone tried to sign up" notice), so repeated sign-ups must not flood it either. Counted the
 * same whether or not the address has an account, so being over the limit tells nothing.
 */
export function allowSignUp(ctx: RosterContext, emailKey: string, now: Date): Promise<boolean> {
  const { max, window } = ctx.policy.linkRequests
  const windowMs = durationMs(window)
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs)
  return ctx.storage.rateLimits.hit(`sign-up:${emailKey}`, windowStart, max)
}

/**
 * @internal Runs a public request's work after its answer (EN4): `requestNewLink` and
 * `requestPasswordReset` answer before looking anything up, so their time cannot depend on whether
 * the address has an account. The work starts on a later turn of the event loop (the caller's
 * continuation runs first), is tracked like background delivery (`outbox.drain()` waits for it),
 * and its failures are swallowed there: the answer was already `ok` either way (A9), and a mail
 * that did go into the outbox is still delivered by `outbox.dispatch()`.
 */
export function afterAnswering(ctx: RosterContext, work: () => Promise<unknown>): void {
  trackInFlight(ctx, new Promise<void>((resolve) => setTimeout(resolve, 0)).then(work))
}
