import { err, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { seatChanges } from '../../domain/license.js'
import type { MemberView } from '../../domain/member-view.js'
import { PhoneNumberText } from '../../domain/phone-number.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { loadMemberView } from '../../internal/members.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { licensableMember, noSeatsAvailable } from '../licenses/shared.js'
import { numberNotFound, parseNumberArgument } from './shared.js'

export const AssignNumberInput = z.object({
  orgId: Id,
  /** A number of the org's pool, in any international format. */
  number: PhoneNumberText,
  accountId: Id,
})
export type AssignNumberInput = z.input<typeof AssignNumberInput>
export type AssignNumberError = RosterError<
  | 'VALIDATION'
  | 'FORBIDDEN'
  | 'ORG_NOT_FOUND'
  | 'NOT_FOUND'
  | 'INVALID_NUMBER'
  | 'NOT_LICENSABLE'
  | 'NUMBER_UNAVAILABLE'
  | 'NO_SEATS_AVAILABLE'
  | 'STORAGE_FAILURE'
>

/**
 * Gives an available pool number to an employee (N2, N3, `numbers:assign`). In the same
 * transaction the number takes a seat of the `policy.numberProduct` pool (default `phone-line`):
 * no seat free → `NO_SEATS_AVAILABLE` ("buy a license first") and nothing changes. A number has at
 * most one holder, race-free: held by someone else → `NUMBER_UNAVAILABLE`. A member may hold
 * several numbers; assigning one they already hold changes nothing. Guests → `NOT_LICENSABLE`
 * (L3: a number is a licensed line). Audited with the seat counts; emits `number.assigned`.
 * Returns the member's view.
 *
 * @example
 * const result = await roster.numbers.assign(admin, { orgId, number: '+33612345678', accountId })
 * if (result.isErr() && result.error.code === 'NO_SEATS_AVAILABLE') offerToBuyPhoneLines()
 */
export function assignNumber(
  ctx: RosterContext,
  actor: Actor,
  input: AssignNumberInput,
): ResultAsync<MemberView, AssignNumberError> {
  return runUseCase(async () => {
    const parsed = parseInput(AssignNumberInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, accountId } = parsed.value
    const number = parseNumberArgument(parsed.value.number)
    if (number.isErr()) return err(number.error)
    const product = ctx.policy.numberProduct
    return inTransaction<MemberView, AssignNumberError>(ctx, toAuditActor(actor), async (w) => {
      // The target's membership comes with the access check: one statement less (issue 15).
      const access = await authorize(w.tx, actor, orgId, 'numbers:assign', undefined, {
        member: { accountId },
      })
      if (access.isErr()) return err(access.error)
      const member = await licensableMember(w.tx, orgId, accountId, 'phone numbers', access.value.also.member)
      if (member.isErr()) return err(member.error)

      // The number first: when it is taken, that is the answer whatever the seats.
      const assigned = await w.tx.numbers.assign(orgId, number.value, accountId, w.now)
      if (assigned.status === 'not-found') return err(numberNotFound(number.value))
      if (assigned.status === 'unavailable') {
        return err(
          rosterError('NUMBER_UNAVAILABLE', {
            message: `${number.value} is already assigned to another member; unassign it first.`,
            details: { number: number.value, accountId: assigned.accountId },
          }),
        )
      }
      if (assigned.status === 'already-held') return loadMemberView(ctx, w.tx, access.value, accountId)

      const claimed = await w.tx.licenses.claimSeat(
        { orgId, product },
        { kind: 'number', number: number.value },
        w.now,
      )
      if (claimed.status === 'no-pool' || claimed.status === 'exhausted') {
        const counts = claimed.status === 'exhausted' ? claimed : { seats: 0, assigned: 0 }
        return err(
          noSeatsAvailable(
            product,
            counts,
            `No ${product} seat is free (${counts.assigned} of ${counts.seats} assigned): buy a license first, then assign the number.`,
          ),
        )
      }
      await w.audit({
        orgId,
        action: 'number.assigned',
        targetType: 'phone-number',
        targetId: number.value,
        changes: {
          accountId: { before: null, after: accountId },
          product: { after: product },
          ...(claimed.status === 'claimed'
            ? seatChanges({ seats: claimed.seats, assigned: claimed.assigned - 1 }, claimed)
            : {}),
        },
      })
      w.emit('number.assigned', { orgId, number: number.value, accountId, actor: w.actor })
      return loadMemberView(ctx, w.tx, access.value, accountId)
    })
  })
}
