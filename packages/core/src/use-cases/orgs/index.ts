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
    /**
     * Creates an organization; its creator becomes the founder with the `owner` role and an active employee
     * membership (O1).
     * @see `createOrg` in `use-cases/orgs/create-org.ts` for the rules it implements and an example.
     */
    create: (actor: Actor, input: CreateOrgInput) => createOrg(ctx, actor, input),
    /**
     * Reads an organization.
     * @see `getOrg` in `use-cases/orgs/get-org.ts` for the rules it implements and an example.
     */
    get: (actor: Actor, input: GetOrgInput) => getOrg(ctx, actor, input),
    /**
     * Changes an org's name, contact email or settings (`org:update`, O5).
     * @see `updateOrg` in `use-cases/orgs/update-org.ts` for the rules it implements and an example.
     */
    update: (actor: Actor, input: UpdateOrgInput) => updateOrg(ctx, actor, input),
    /**
     * Deletes an organization (O3).
     * @see `deleteOrg` in `use-cases/orgs/delete-org.ts` for the rules it implements and an example.
     */
    delete: (actor: Actor, input: DeleteOrgInput) => deleteOrg(ctx, actor, input),
    /**
     * The orgs the signed-in person belongs to, oldest membership first, with the membership's status —
     * invited and disabled ones included, so an org switcher can offer "accept" (A2b).
     * @see `listMyOrgs` in `use-cases/orgs/list-my-orgs.ts` for the rules it implements and an example.
     */
    listMine: (actor: Actor) => listMyOrgs(ctx, actor),
    /**
     * Hands foundership to another member (O2).
     * @see `transferFoundership` in `use-cases/orgs/transfer-foundership.ts` for the rules it implements and an example.
     */
    transferFoundership: (actor: Actor, input: TransferFoundershipInput) =>
      transferFoundership(ctx, actor, input),
  }
}

export type OrgsApi = ReturnType<typeof orgsApi>
