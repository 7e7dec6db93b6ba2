import { err, ok, type Result } from 'neverthrow'
import type { RosterContext } from '../../context.js'
import { seatChanges } from '../../domain/license.js'
import { normalizePhoneNumber } from '../../domain/phone-number.js'
import { type RosterError, rosterError } from '../../errors.js'
import type { WriteScope } from '../../internal/transaction.js'

/**
 * @internal The E.164 form of a number a use-case was given (any international format), or
 * `INVALID_NUMBER` naming the input.
 */
export function parseNumberArgument(input: string): Result<string, RosterError<'INVALID_NUMBER'>> {
  const number = normalizePhoneNumber(input)
  if (number) return ok(number)
  return err(
    rosterError('INVALID_NUMBER', {
      message: `"${input}" is not a valid international phone number (start with +).`,
      details: { number: input },
    }),
  )
}

/** @internal `NOT_FOUND` for a number that is not in the org's pool. */
export function numberNotFound(number: string): RosterError<'NOT_FOUND'> {
  return rosterError('NOT_FOUND', {
    message: `${number} is not in the organization's number pool; import it first.`,
    details: { entity: 'phone-number', number },
  })
}

/**
 * @internal Frees the seat `number` holds in the `policy.numberProduct` pool, in the caller's
 * transaction (L4), and returns the seat counts to audit: before and after when a seat was freed,
 * none when the number held no seat.
 */
export async function releaseNumberSeat(
  ctx: RosterContext,
  w: WriteScope,
  orgId: string,
  number: string,
): Promise<ReturnType<typeof seatChanges>> {
  const released = await w.tx.licenses.releaseSeat(
    { orgId, product: ctx.policy.numberProduct },
    { kind: 'number', number },
  )
  if (released.status !== 'released') return {}
  return seatChanges({ seats: released.seats, assigned: released.assigned + 1 }, released)
}
