import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type ResourceView, toResourceView } from '../../domain/resource.js'
import { Id, PageLimit, ResourceType } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { KeysetCursor, keysetPage, type Page } from '../../internal/page.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'

export const ListResourcesInput = z.object({
  orgId: Id,
  type: ResourceType.optional(),
  /** `nextCursor` of the previous page. */
  cursor: KeysetCursor.optional(),
  /** 1..200, default 50. */
  limit: PageLimit,
})
export type ListResourcesInput = z.input<typeof ListResourcesInput>
export type ListResourcesError = RosterError<'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'STORAGE_FAILURE'>

/**
 * A page of the org's resources, of one type when given, oldest first (`members:read`). Keyset
 * paging: pass `nextCursor` back as `cursor`.
 *
 * @example
 * const buildings = (await roster.resources.list(admin, { orgId, type: 'building' }))._unsafeUnwrap().items
 */
export function listResources(
  ctx: RosterContext,
  actor: Actor,
  input: ListResourcesInput,
): ResultAsync<Page<ResourceView>, ListResourcesError> {
  return runUseCase(async () => {
    const parsed = parseInput(ListResourcesInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, type, cursor, limit } = parsed.value
    const access = await authorize(ctx.storage, actor, orgId, 'members:read')
    if (access.isErr()) return err(access.error)
    const rows = await ctx.storage.resources.list({ orgId, type, afterId: cursor, limit: limit + 1 })
    return ok(keysetPage(rows, limit, (row) => row.id, toResourceView))
  })
}
