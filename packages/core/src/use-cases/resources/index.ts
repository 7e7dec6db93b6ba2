import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type CreateResourceInput, createResource } from './create-resource.js'
import { type DeleteResourceInput, deleteResource } from './delete-resource.js'
import { type ListResourcesInput, listResources } from './list-resources.js'

/** `roster.resources`: what role assignments can be scoped to, such as buildings (R1, R2). */
export function resourcesApi(ctx: RosterContext) {
  return {
    /** {@inheritDoc createResource} */
    create: (actor: Actor, input: CreateResourceInput) => createResource(ctx, actor, input),
    /** {@inheritDoc listResources} */
    list: (actor: Actor, input: ListResourcesInput) => listResources(ctx, actor, input),
    /** {@inheritDoc deleteResource} */
    delete: (actor: Actor, input: DeleteResourceInput) => deleteResource(ctx, actor, input),
  }
}

export type ResourcesApi = ReturnType<typeof resourcesApi>
