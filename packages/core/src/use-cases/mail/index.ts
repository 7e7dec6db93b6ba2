import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type ListBlocklistInput, listBlocklist } from './list-blocklist.js'
import { type ReportBounceInput, reportBounce } from './report-bounce.js'
import { type UnblockEmailInput, unblockEmail } from './unblock-email.js'

/** `roster.mail`: the bounce blocklist (A11). */
export function mailApi(ctx: RosterContext) {
  return {
    /**
     * Puts an address on the blocklist after a hard bounce or a spam complaint (A11): nothing more is mailed
     * to it (queued messages are marked `blocked` when their turn comes) and no account can be given it until
     * an admin removes it.
     * @see `reportBounce` in `use-cases/mail/report-bounce.ts` for the rules it implements and an example.
     */
    reportBounce: (input: ReportBounceInput) => reportBounce(ctx, input),
    /**
     * A page of the blocklist, ordered by address (A11).
     * @see `listBlocklist` in `use-cases/mail/list-blocklist.ts` for the rules it implements and an example.
     */
    blocklist: (actor: Actor, input?: ListBlocklistInput) => listBlocklist(ctx, actor, input),
    /**
     * Removes an address from the blocklist (A11), once the person fixed their mailbox or asked for mail
     * again.
     * @see `unblockEmail` in `use-cases/mail/unblock-email.ts` for the rules it implements and an example.
     */
    unblock: (actor: Actor, input: UnblockEmailInput) => unblockEmail(ctx, actor, input),
  }
}

export type MailApi = ReturnType<typeof mailApi>
