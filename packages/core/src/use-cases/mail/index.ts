import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type ListBlocklistInput, listBlocklist } from './list-blocklist.js'
import { type ReportBounceInput, reportBounce } from './report-bounce.js'
import { type UnblockEmailInput, unblockEmail } from './unblock-email.js'

/** `roster.mail`: the bounce blocklist (A11). */
export function mailApi(ctx: RosterContext) {
  return {
    /** {@inheritDoc reportBounce} */
    reportBounce: (input: ReportBounceInput) => reportBounce(ctx, input),
    /** {@inheritDoc listBlocklist} */
    blocklist: (actor: Actor, input?: ListBlocklistInput) => listBlocklist(ctx, actor, input),
    /** {@inheritDoc unblockEmail} */
    unblock: (actor: Actor, input: UnblockEmailInput) => unblockEmail(ctx, actor, input),
  }
}

export type MailApi = ReturnType<typeof mailApi>
