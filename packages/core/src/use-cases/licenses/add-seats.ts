import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { type LicensePoolView, Product, SeatCount } from '../../domain/license.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { poolNotFound, recordSeatsResized } from './shared.js'

export const AddSeatsInput = z.object({ orgId: Id, product: Product, count: SeatCount })
export type AddSeatsInput = z.input<typeof AddSeatsInput>
export type AddSeatsError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * Buys seats: adds `count` to the pool's `seats` (L5, `licenses:manage`). Concurrent purchases
 * add up. Audited with the counts before and after; emits `license.seats-changed`.
 *
 * @example
 * await roster.licenses.addSeats(admin, { orgId, product: 'phone-line', count: 10 })
 */
export function addSeats(
  ctx: RosterContext,
  actor: Actor,
  input: AddSeatsInput,
): ResultAsync<LicensePoolView, AddSeatsError> {
  return runUseCase(async () => {
    const parsed = parseInput(AddSeatsInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, product, count } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'licenses:manage')
      if (access.isErr()) return err(access.error)
      const resized = await w.tx.licenses.resizePool({ orgId, product }, count, w.now)
      if (resized.status !== 'resized') return err(poolNotFound(product))
      return ok(await recordSeatsResized(w, access.value, product, 'license.seats-added', resized))
    })
  })
}
