import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { emailKey } from '../../domain/account.js'
import { type Actor, isSystemActor, toAuditActor } from '../../domain/actor.js'
import { Email } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const UnblockEmailInput = z.object({ email: Email })
export type UnblockEmailInput = z.input<typeof UnblockEmailInput>
export type UnblockEmailError = RosterError<'VALIDATION' | 'FORBIDDEN' | 'NOT_FOUND' | 'STORAGE_FAILURE'>

/**
 * Removes an address from the blocklist (A11), once the person fixed their mailbox or asked for
 * mail again. A platform-level call: the system actor, or an admin (`members:update`) of an org the
 * address's account is a member of. An address with no account can only be unblocked by the system
 * actor. Not on the list → `NOT_FOUND`. Emits `mail.unblocked`.
 *
 * @example
 * await roster.mail.unblock(admin, { email: 'ada@example.com' })
 */
export function unblockEmail(
  ctx: RosterContext,
  actor: Actor,
  input: UnblockEmailInput,
): ResultAsync<{ email: string }, UnblockEmailError> {
  return runUseCase(async () => {
    const parsed = parseInput(UnblockEmailInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const key = emailKey(parsed.value.email)
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      let orgId: string | null = null
      if (!isSystemActor(actor)) {
        const account = await w.tx.accounts.findByEmail(key)
        const memberships = account ? await w.tx.memberships.listForAccount(account.id) : []
        for (const membership of memberships) {
          if ((await authorize(w.tx, actor, membership.orgId, 'members:update')).isOk()) {
            orgId = membership.orgId
            break
          }
        }
        if (orgId === null) {
          return err(
            rosterError('FORBIDDEN', {
              message: 'Only an admin of an organization this address belongs to can unblock it.',
            }),
          )
        }
      }
      if (!(await w.tx.blocklist.remove(key)))
        return err(rosterError('NOT_FOUND', { details: { entity: 'blocklist-entry', email: key } }))
      await w.audit({
        orgId,
        action: 'mail.unblocked',
        targetType: 'email',
        targetId: key,
        changes: { blocked: { before: true, after: false } },
      })
      w.emit('mail.unblocked', { email: key, actor: w.actor })
      return ok({ email: key })
    })
  })
}
