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
    /** {@inheritDoc createPool} */
    createPool: (actor: Actor, input: CreatePoolInput) => createPool(ctx, actor, input),
    /** {@inheritDoc addSeats} */
    addSeats: (actor: Actor, input: AddSeatsInput) => addSeats(ctx, actor, input),
    /** {@inheritDoc removeSeats} */
    removeSeats: (actor: Actor, input: RemoveSeatsInput) => removeSeats(ctx, actor, input),
    /** {@inheritDoc assignLicense} */
    assign: (actor: Actor, input: AssignLicenseInput) => assignLicense(ctx, actor, input),
    /** {@inheritDoc unassignLicense} */
    unassign: (actor: Actor, input: UnassignLicenseInput) => unassignLicense(ctx, actor, input),
    /** {@inheritDoc licenseSummary} */
    summary: (actor: Actor, input: LicenseSummaryInput) => licenseSummary(ctx, actor, input),
  }
}

export type LicensesApi = ReturnType<typeof licensesApi>
