import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type LicenseSummary, toPoolView } from '../../domain/license.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { loadAccess } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'
import { requireAny } from './shared.js'

export const LicenseSummaryInput = z.object({ orgId: Id })
export type LicenseSummaryInput = z.input<typeof LicenseSummaryInput>
export type LicenseSummaryError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * The org's billing summary (L1, L6; `licenses:manage` or `licenses:assign`): per product, the
 * purchased `seats` (billable, assigned or not), `assigned` and `available = seats − assigned`,
 * and whether the org requires it (L7). A required product with no pool yet is listed with 0
 * seats. Ordered by product.
 *
 * @example
 * const { products, billableSeats } = (await roster.licenses.summary(admin, { orgId }))._unsafeUnwrap()
 */
export function licenseSummary(
  ctx: RosterContext,
  actor: Actor,
  input: LicenseSummaryInput,
): ResultAsync<LicenseSummary, LicenseSummaryError> {
  return runUseCase(async () => {
    const parsed = parseInput(LicenseSummaryInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId } = parsed.value
    const access = await loadAccess(ctx.storage, actor, orgId)
    if (access.isErr()) return err(access.error)
    const allowed = requireAny(access.value, ['licenses:manage', 'licenses:assign'])
    if (allowed.isErr()) return err(allowed.error)
    const required = access.value.org.settings.requiredProducts
    const pools = await ctx.storage.licenses.listPools(orgId)
    const byProduct = new Map(pools.map((pool) => [pool.product, pool]))
    const products = [...new Set([...byProduct.keys(), ...required])]
      .sort()
      .map((product) => toPoolView(product, byProduct.get(product) ?? null, required))
    return ok({
      orgId,
      products,
      billableSeats: products.reduce((sum, product) => sum + product.seats, 0),
    })
  })
}
