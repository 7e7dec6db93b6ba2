import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { type LicensePoolView, Product, SeatCount } from '../../domain/license.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { poolNotFound, recordSeatsResized } from './shared.js'

export const RemoveSeatsInput = z.object({ orgId: Id, product: Product, count: SeatCount })
export type RemoveSeatsInput = z.input<typeof RemoveSeatsInput>
export type RemoveSeatsError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'SEATS_IN_USE' | 'STORAGE_FAILURE'
>

/**
 * Gives seats back: takes `count` off the pool's `seats` (L5, `licenses:manage`). Refused with
 * `SEATS_IN_USE` when fewer seats would remain than are assigned (checked atomically with
 * concurrent assignments), and `VALIDATION` when `count` exceeds the seats purchased. Audited
 * with the counts before and after; emits `license.seats-changed`.
 *
 * @example
 * const result = await roster.licenses.removeSeats(admin, { orgId, product: 'one-office', count: 5 })
 * if (result.isErr() && result.error.code === 'SEATS_IN_USE') alert(result.error.message)
 */
export function removeSeats(
  ctx: RosterContext,
  actor: Actor,
  input: RemoveSeatsInput,
): ResultAsync<LicensePoolView, RemoveSeatsError> {
  return runUseCase(async () => {
    const parsed = parseInput(RemoveSeatsInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, product, count } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'licenses:manage')
      if (access.isErr()) return err(access.error)
      const resized = await w.tx.licenses.resizePool({ orgId, product }, -count, w.now)
      if (resized.status === 'not-found') return err(poolNotFound(product))
      if (resized.status === 'in-use') {
        const { seats, assigned } = resized
        if (count > seats) {
          return err(
            rosterError('VALIDATION', {
              message: 'Invalid input: count.',
              details: { issues: [{ path: 'count', message: `The pool has only ${seats} seats` }] },
            }),
          )
        }
        return err(
          rosterError('SEATS_IN_USE', {
            message: `${assigned} of the ${seats} ${product} seats are assigned, so at most ${seats - assigned} can be removed; unassign seats first.`,
            details: { product, seats, assigned, requested: count, removable: seats - assigned },
          }),
        )
      }
      return ok(await recordSeatsResized(w, access.value, product, 'license.seats-removed', resized))
    })
  })
}
