import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { PhoneNumberText } from '../../domain/phone-number.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { numberNotFound, parseNumberArgument, releaseNumberSeat } from './shared.js'

export const RemoveNumberInput = z.object({ orgId: Id, number: PhoneNumberText })
export type RemoveNumberInput = z.input<typeof RemoveNumberInput>
export type RemoveNumberError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'INVALID_NUMBER' | 'STORAGE_FAILURE'
>

/**
 * Removes a number from the org's pool (`numbers:manage`). An assigned number leaves its member
 * and its seat is free at once, in the same transaction (L4). Audited (with the seat counts when
 * a seat was freed); emits `number.removed`.
 *
 * @example
 * await roster.numbers.remove(admin, { orgId, number: '+33612345678' })
 */
export function removeNumber(
  ctx: RosterContext,
  actor: Actor,
  input: RemoveNumberInput,
): ResultAsync<void, RemoveNumberError> {
  return runUseCase(async () => {
    const parsed = parseInput(RemoveNumberInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId } = parsed.value
    const number = parseNumberArgument(parsed.value.number)
    if (number.isErr()) return err(number.error)
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'numbers:manage')
      if (access.isErr()) return err(access.error)
      const freedSeat = await releaseNumberSeat(ctx, w, orgId, number.value)
      const removed = await w.tx.numbers.remove(orgId, number.value)
      if (!removed) return err(numberNotFound(number.value))
      await w.audit({
        orgId,
        action: 'number.removed',
        targetType: 'phone-number',
        targetId: number.value,
        changes: {
          number: { before: number.value },
          ...(removed.accountId !== null ? { accountId: { before: removed.accountId } } : {}),
          ...freedSeat,
        },
      })
      w.emit('number.removed', { orgId, number: number.value, actor: w.actor })
      return ok(undefined)
    })
  })
}
