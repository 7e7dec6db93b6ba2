import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type CreateResourceInput, createResource } from './create-resource.js'
import { type DeleteResourceInput, deleteResource } from './delete-resource.js'
import { type ListResourcesInput, listResources } from './list-resources.js'

/** `roster.resources`: what role assignments can be scoped to, such as buildings (R1, R2). */
export function resourcesApi(ctx: RosterContext) {
  return {
    /**
     * Creates a resource of the org that roles can be scoped to, e.g. a building (R1, R2).
     * @see `createResource` in `use-cases/resources/create-resource.ts` for the rules it implements and an example.
     */
    create: (actor: Actor, input: CreateResourceInput) => createResource(ctx, actor, input),
    /**
     * A page of the org's resources, of one type when given, oldest first (`members:read`).
     * @see `listResources` in `use-cases/resources/list-resources.ts` for the rules it implements and an example.
     */
    list: (actor: Actor, input: ListResourcesInput) => listResources(ctx, actor, input),
    /**
     * Deletes a resource and every role assignment scoped to it, in one transaction; assignments at "every
     * resource of its type" stay.
     * @see `deleteResource` in `use-cases/resources/delete-resource.ts` for the rules it implements and an example.
     */
    delete: (actor: Actor, input: DeleteResourceInput) => deleteResource(ctx, actor, input),
  }
}

export type ResourcesApi = ReturnType<typeof resourcesApi>
