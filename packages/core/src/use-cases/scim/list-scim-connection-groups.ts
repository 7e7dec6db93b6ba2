import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'
import { loadManagedScimConnection } from './connection-shared.js'
import { type ScimGroupView, toScimGroupView } from './group-shared.js'

export const ListScimConnectionGroupsInput = z.object({
  orgId: Id,
  connectionId: Id,
  /** Keyset position: groups with an id strictly after this one (ids ascending). */
  afterId: Id.optional(),
  /** 1..200, default 100. */
  limit: z.number().int().min(1).max(200).default(100),
})
export type ListScimConnectionGroupsInput = z.input<typeof ListScimConnectionGroupsInput>
export type ListScimConnectionGroupsError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * The groups a SCIM connection pushed, as its admin maps them (SC10; `connections:manage`): each
 * with its mapping (null: gives nothing) and member count, by id ascending, with the total.
 *
 * @example
 * const { items } = (await roster.scim.listGroups(admin, { orgId, connectionId }))._unsafeUnwrap()
 * const unmapped = items.filter((group) => group.mapping === null)
 */
export function listScimConnectionGroups(
  ctx: RosterContext,
  actor: Actor,
  input: ListScimConnectionGroupsInput,
): ResultAsync<{ items: ScimGroupView[]; total: number }, ListScimConnectionGroupsError> {
  return runUseCase(async () => {
    const parsed = parseInput(ListScimConnectionGroupsInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, connectionId, afterId, limit } = parsed.value
    const loaded = await loadManagedScimConnection(ctx.storage, actor, orgId, connectionId)
    if (loaded.isErr()) return err(loaded.error)
    const scope = { orgId, connectionId }
    const [groups, total] = await Promise.all([
      ctx.storage.scimGroups.page(scope, { ...(afterId !== undefined ? { afterId } : {}), limit }),
      ctx.storage.scimGroups.count(scope),
    ])
    return ok({
      items: await Promise.all(groups.map((group) => toScimGroupView(ctx.storage, group, false))),
      total,
    })
  })
}
