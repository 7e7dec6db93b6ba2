import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { emailKey } from '../../domain/account.js'
import { Email } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { type BlocklistEntryView, toBlocklistEntryView } from './blocklist-entry.js'

export const ReportBounceInput = z.object({
  email: Email,
  /** `bounce`: the address does not take mail; `complaint`: the person marked our mail as spam. */
  kind: z.enum(['bounce', 'complaint']),
})
export type ReportBounceInput = z.input<typeof ReportBounceInput>
export type ReportBounceError = RosterError<'VALIDATION' | 'STORAGE_FAILURE'>

/**
 * Puts an address on the blocklist after a hard bounce or a spam complaint (A11): nothing more is
 * mailed to it (queued messages are marked `blocked` when their turn comes) and no account can be
 * given it until an admin removes it. Reporting an address again refreshes its entry. Emits
 * `mail.blocked`.
 *
 * Public and webhook-shaped, so the host calls it from its mail provider's bounce webhook — after
 * checking the webhook's signature: whoever can call it can block any address.
 *
 * @example
 * // in the host's POST /webhooks/mail handler, once the provider's signature is verified
 * for (const event of body.events)
 *   if (event.type === 'bounce' || event.type === 'complaint')
 *     await roster.mail.reportBounce({ email: event.recipient, kind: event.type })
 */
export function reportBounce(
  ctx: RosterContext,
  input: ReportBounceInput,
): ResultAsync<BlocklistEntryView, ReportBounceError> {
  return runUseCase(async () => {
    const parsed = parseInput(ReportBounceInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const key = emailKey(parsed.value.email)
    const { kind } = parsed.value
    return inTransaction(ctx, { kind: 'system', reason: 'mail.reportBounce' }, async (w) => {
      const entry = { emailKey: key, kind, createdAt: w.now }
      await w.tx.blocklist.add(entry)
      await w.audit({
        orgId: null,
        action: 'mail.blocked',
        targetType: 'email',
        targetId: key,
        changes: { kind: { after: kind } },
      })
      w.emit('mail.blocked', { email: key, kind })
      return ok(toBlocklistEntryView(entry))
    })
  })
}
