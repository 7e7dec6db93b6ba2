import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type AddSeatsInput, addSeats } from './add-seats.js'
import { type AssignLicenseInput, assignLicense } from './assign-license.js'
import { type CreatePoolInput, createPool } from './create-pool.js'
import { type LicenseSummaryInput, licenseSummary } from './license-summary.js'
import { type RemoveSeatsInput, removeSeats } from './remove-seats.js'
import { type UnassignLicenseInput, unassignLicense } from './unassign-license.js'

/** `roster.licenses`: license pools per product, seats and the billing summary (L1–L7). */
export function licensesApi(ctx: RosterContext) {
  return {
    /**
     * Creates the org's license pool of a product with `seats` purchased seats (L1, `licenses:manage`).
     * @see `createPool` in `use-cases/licenses/create-pool.ts` for the rules it implements and an example.
     */
    createPool: (actor: Actor, input: CreatePoolInput) => createPool(ctx, actor, input),
    /**
     * Buys seats: adds `count` to the pool's `seats` (L5, `licenses:manage`).
     * @see `addSeats` in `use-cases/licenses/add-seats.ts` for the rules it implements and an example.
     */
    addSeats: (actor: Actor, input: AddSeatsInput) => addSeats(ctx, actor, input),
    /**
     * Gives seats back: takes `count` off the pool's `seats` (L5, `licenses:manage`).
     * @see `removeSeats` in `use-cases/licenses/remove-seats.ts` for the rules it implements and an example.
     */
    removeSeats: (actor: Actor, input: RemoveSeatsInput) => removeSeats(ctx, actor, input),
    /**
     * Gives an employee a seat of a product's pool (L2, `licenses:assign`).
     * @see `assignLicense` in `use-cases/licenses/assign-license.ts` for the rules it implements and an example.
     */
    assign: (actor: Actor, input: AssignLicenseInput) => assignLicense(ctx, actor, input),
    /**
     * Takes a member's seat of a product back into the pool, free at once (L4, `licenses:assign`).
     * @see `unassignLicense` in `use-cases/licenses/unassign-license.ts` for the rules it implements and an example.
     */
    unassign: (actor: Actor, input: UnassignLicenseInput) => unassignLicense(ctx, actor, input),
    /**
     * The org's billing summary (L1, L6; `licenses:manage` or `licenses:assign`): per product, the purchased
     * `seats` (billable, assigned or not), `assigned` and `available = seats − assigned`, and whether the org
     * requires it (L7).
     * @see `licenseSummary` in `use-cases/licenses/license-summary.ts` for the rules it implements and an example.
     */
    summary: (actor: Actor, input: LicenseSummaryInput) => licenseSummary(ctx, actor, input),
  }
}

export type LicensesApi = ReturnType<typeof licensesApi>
