import { err, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { Product, seatChanges } from '../../domain/license.js'
import type { MemberView } from '../../domain/member-view.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { loadMemberView } from '../../internal/members.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { licensableMember, noSeatsAvailable, poolNotFound } from './shared.js'

export const AssignLicenseInput = z.object({ orgId: Id, product: Product, accountId: Id })
export type AssignLicenseInput = z.input<typeof AssignLicenseInput>
export type AssignLicenseError = RosterError<
  | 'VALIDATION'
  | 'FORBIDDEN'
  | 'ORG_NOT_FOUND'
  | 'NOT_FOUND'
  | 'NOT_LICENSABLE'
  | 'NO_SEATS_AVAILABLE'
  | 'STORAGE_FAILURE'
>

/**
 * Gives an employee a seat of a product's pool (L2, `licenses:assign`). Full pool →
 * `NO_SEATS_AVAILABLE`; concurrent assignments never exceed the seats, on every adapter (the
 * storage claims the seat atomically). Guests → `NOT_LICENSABLE` (L3). Invited and disabled
 * employees may hold seats (A12). Assigning a seat the member already holds changes nothing.
 * Audited with the counts before and after; emits `license.assigned`. Returns the member's view.
 *
 * @example
 * const result = await roster.licenses.assign(admin, { orgId, product: 'one-office', accountId })
 * if (result.isErr() && result.error.code === 'NO_SEATS_AVAILABLE') offerToBuySeats()
 */
export function assignLicense(
  ctx: RosterContext,
  actor: Actor,
  input: AssignLicenseInput,
): ResultAsync<MemberView, AssignLicenseError> {
  return runUseCase(async () => {
    const parsed = parseInput(AssignLicenseInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, product, accountId } = parsed.value
    return inTransaction<MemberView, AssignLicenseError>(ctx, toAuditActor(actor), async (w) => {
      // The target's membership comes with the access check: one statement less (issue 15).
      const access = await authorize(w.tx, actor, orgId, 'licenses:assign', undefined, {
        member: { accountId },
      })
      if (access.isErr()) return err(access.error)
      const member = await licensableMember(w.tx, orgId, accountId, 'license seats', access.value.also.member)
      if (member.isErr()) return err(member.error)
      const claimed = await w.tx.licenses.claimSeat({ orgId, product }, { kind: 'member', accountId }, w.now)
      if (claimed.status === 'no-pool') return err(poolNotFound(product))
      if (claimed.status === 'exhausted') return err(noSeatsAvailable(product, claimed))
      if (claimed.status === 'claimed') {
        const { seats, assigned } = claimed
        await w.audit({
          orgId,
          action: 'license.assigned',
          targetType: 'account',
          targetId: accountId,
          changes: {
            product: { after: product },
            ...seatChanges({ seats, assigned: assigned - 1 }, { seats, assigned }),
          },
        })
        w.emit('license.assigned', { orgId, product, accountId, actor: w.actor })
      }
      return loadMemberView(ctx, w.tx, access.value, accountId)
    })
  })
}
