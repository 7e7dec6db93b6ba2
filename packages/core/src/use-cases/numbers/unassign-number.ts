import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { PhoneNumberText, type PhoneNumberView, toPhoneNumberView } from '../../domain/phone-number.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { numberNotFound, parseNumberArgument, releaseNumberSeat } from './shared.js'

export const UnassignNumberInput = z.object({ orgId: Id, number: PhoneNumberText })
export type UnassignNumberInput = z.input<typeof UnassignNumberInput>
export type UnassignNumberError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'INVALID_NUMBER' | 'STORAGE_FAILURE'
>

/**
 * Takes a number from its member back to the pool (N4, `numbers:assign`): it becomes available
 * and its seat is free at once, in the same transaction (L4). An available number stays as it is.
 * Audited with the seat counts; emits `number.unassigned`. Returns the number's view.
 *
 * @example
 * await roster.numbers.unassign(admin, { orgId, number: '+33612345678' })
 */
export function unassignNumber(
  ctx: RosterContext,
  actor: Actor,
  input: UnassignNumberInput,
): ResultAsync<PhoneNumberView, UnassignNumberError> {
  return runUseCase(async () => {
    const parsed = parseInput(UnassignNumberInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId } = parsed.value
    const number = parseNumberArgument(parsed.value.number)
    if (number.isErr()) return err(number.error)
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'numbers:assign')
      if (access.isErr()) return err(access.error)
      // Release first to learn the counts; `unassign` frees any other seat the number holds.
      const freedSeat = await releaseNumberSeat(ctx, w, orgId, number.value)
      const unassigned = await w.tx.numbers.unassign(orgId, number.value)
      if (unassigned.status === 'not-found') return err(numberNotFound(number.value))
      if (unassigned.status === 'unassigned') {
        await w.audit({
          orgId,
          action: 'number.unassigned',
          targetType: 'phone-number',
          targetId: number.value,
          changes: {
            accountId: { before: unassigned.accountId, after: null },
            ...freedSeat,
          },
        })
        w.emit('number.unassigned', {
          orgId,
          number: number.value,
          accountId: unassigned.accountId,
          actor: w.actor,
        })
      }
      const row = await w.tx.numbers.find(orgId, number.value)
      if (!row) return err(numberNotFound(number.value))
      return ok(toPhoneNumberView(row))
    })
  })
}
