import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { type LicensePoolView, PoolSeats, Product, toPoolView } from '../../domain/license.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const CreatePoolInput = z.object({
  orgId: Id,
  /** The product key, e.g. `phone-line` or `one-office`. */
  product: Product,
  /** Seats purchased (billable whether assigned or not, L6). */
  seats: PoolSeats,
  /**
   * `true` adds the product to the org's `settings.requiredProducts` (L7), `false` takes it out;
   * omitted leaves the settings alone. The settings are the one source of truth for L7.
   */
  required: z.boolean().optional(),
})
export type CreatePoolInput = z.input<typeof CreatePoolInput>
export type CreatePoolError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'INVALID_STATE' | 'STORAGE_FAILURE'
>

/**
 * Creates the org's license pool of a product with `seats` purchased seats (L1,
 * `licenses:manage`). One pool per (org, product): a second one is `INVALID_STATE` (buy more with
 * `licenses.addSeats`). With `required: true` the product joins `settings.requiredProducts`, so
 * employees without its seat show `licensed: false` (L7). Audited with the seat counts; emits
 * `license.pool-created` (and `org.updated` when `required` changed the settings).
 *
 * @example
 * const pool = (
 *   await roster.licenses.createPool(admin, { orgId, product: 'one-office', seats: 25, required: true })
 * )._unsafeUnwrap()
 * pool.available // 25
 */
export function createPool(
  ctx: RosterContext,
  actor: Actor,
  input: CreatePoolInput,
): ResultAsync<LicensePoolView, CreatePoolError> {
  return runUseCase(async () => {
    const parsed = parseInput(CreatePoolInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, product, seats, required } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'licenses:manage')
      if (access.isErr()) return err(access.error)
      const { org } = access.value
      const inserted = await w.tx.licenses.insertPool({
        orgId,
        product,
        seats,
        createdAt: w.now,
        updatedAt: w.now,
      })
      if (inserted.status === 'exists') {
        return err(
          rosterError('INVALID_STATE', {
            message: `The organization already has a ${product} pool; buy more seats with licenses.addSeats.`,
            details: { product },
          }),
        )
      }

      const before = org.settings.requiredProducts
      let requiredProducts = before
      if (required === true && !before.includes(product)) requiredProducts = [...before, product]
      if (required === false && before.includes(product))
        requiredProducts = before.filter((p) => p !== product)
      if (requiredProducts !== before) {
        await w.tx.orgs.update(orgId, { settings: { ...org.settings, requiredProducts }, updatedAt: w.now })
        await w.audit({
          orgId,
          action: 'org.updated',
          targetType: 'org',
          targetId: orgId,
          changes: { 'settings.requiredProducts': { before, after: requiredProducts } },
        })
        w.emit('org.updated', { orgId, fields: ['settings'], actor: w.actor })
      }

      await w.audit({
        orgId,
        action: 'license.pool-created',
        targetType: 'license-pool',
        targetId: product,
        changes: {
          seats: { before: 0, after: seats },
          assigned: { before: 0, after: 0 },
          available: { before: 0, after: seats },
          required: { after: requiredProducts.includes(product) },
        },
      })
      w.emit('license.pool-created', { orgId, product, seats, actor: w.actor })
      return ok(toPoolView(product, { seats, assigned: 0 }, requiredProducts))
    })
  })
}
