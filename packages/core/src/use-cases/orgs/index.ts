import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type CreateOrgInput, createOrg } from './create-org.js'
import { type DeleteOrgInput, deleteOrg } from './delete-org.js'
import { type GetOrgInput, getOrg } from './get-org.js'
import { listMyOrgs } from './list-my-orgs.js'
import { type TransferFoundershipInput, transferFoundership } from './transfer-foundership.js'
import { type UpdateOrgInput, updateOrg } from './update-org.js'

/** `roster.orgs`: organizations and their founders (O1–O5). */
export function orgsApi(ctx: RosterContext) {
  return {
    /** {@inheritDoc createOrg} */
    create: (actor: Actor, input: CreateOrgInput) => createOrg(ctx, actor, input),
    /** {@inheritDoc getOrg} */
    get: (actor: Actor, input: GetOrgInput) => getOrg(ctx, actor, input),
    /** {@inheritDoc updateOrg} */
    update: (actor: Actor, input: UpdateOrgInput) => updateOrg(ctx, actor, input),
    /** {@inheritDoc deleteOrg} */
    delete: (actor: Actor, input: DeleteOrgInput) => deleteOrg(ctx, actor, input),
    /** {@inheritDoc listMyOrgs} */
    listMine: (actor: Actor) => listMyOrgs(ctx, actor),
    /** {@inheritDoc transferFoundership} */
    transferFoundership: (actor: Actor, input: TransferFoundershipInput) =>
      transferFoundership(ctx, actor, input),
  }
}

export type OrgsApi = ReturnType<typeof orgsApi>
