import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type CreateOrgInput, createOrg } from './create-org.js'

/** `roster.orgs`: organizations and their founders (O1–O5). */
export function orgsApi(ctx: RosterContext) {
  return {
    /** {@inheritDoc createOrg} */
    create: (actor: Actor, input: CreateOrgInput) => createOrg(ctx, actor, input),
  }
}

export type OrgsApi = ReturnType<typeof orgsApi>
