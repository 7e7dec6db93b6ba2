import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type ScimGroup, scimKey } from '../../domain/scim.js'
import { Id } from '../../domain/schemas.js'
import { policedText } from '../../domain/text-policy.js'
import type { RosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'
import type { ScimPrincipal } from './authenticate-scim.js'
import { type ScimGroupView, toScimGroupView } from './group-shared.js'
import { loadScimScope, ScimPrincipalInput } from './user-shared.js'

export const ListScimGroupsInput = z.object({
  /** Keyset position: groups with an id strictly after this one (ids ascending: a stable order). */
  afterId: Id.optional(),
  /** 1..1000, default 100. */
  limit: z.number().int().min(1).max(1000).default(100),
  /** Only the group with this `displayName` (ignoring case): the lookup IdPs make before a POST. */
  displayName: policedText('line', { max: 300 }).optional(),
  /** Only groups with this `externalId` (exact). */
  externalId: policedText('line', { max: 300 }).optional(),
  /** false: leave `members` out of each group (SCIM `excludedAttributes=members`). */
  members: z.boolean().default(true),
})
export type ListScimGroupsInput = z.input<typeof ListScimGroupsInput>
export type ListScimGroupsError = RosterError<
  'VALIDATION' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * A page of the principal's SCIM groups (SC12; SCIM `GET /Groups`), by id ascending, with the
 * total. `displayName` (SCIM `filter=displayName eq "…"`) and `externalId` are index lookups.
 *
 * @example
 * const found = await roster.scim.groups.list(principal, { displayName: 'Engineering', members: false })
 */
export function listScimGroups(
  ctx: RosterContext,
  principal: ScimPrincipal,
  input: ListScimGroupsInput = {},
): ResultAsync<{ items: ScimGroupView[]; total: number }, ListScimGroupsError> {
  return runUseCase(async () => {
    const who = parseInput(ScimPrincipalInput, principal)
    if (who.isErr()) return err(who.error)
    const parsed = parseInput(ListScimGroupsInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { afterId, limit, displayName, externalId, members } = parsed.value
    const loaded = await loadScimScope(ctx.storage, principal)
    if (loaded.isErr()) return err(loaded.error)
    const { scope } = loaded.value
    const views = (groups: ScimGroup[]) =>
      Promise.all(groups.map((group) => toScimGroupView(ctx.storage, group, members)))
    if (displayName !== undefined || externalId !== undefined) {
      let groups: ScimGroup[]
      if (displayName !== undefined) {
        const found = await ctx.storage.scimGroups.findByDisplayName(scope, scimKey(displayName))
        groups = found && (externalId === undefined || found.externalId === externalId) ? [found] : []
      } else {
        groups = await ctx.storage.scimGroups.findByExternalId(scope, externalId!)
      }
      const after = groups.filter((group) => afterId === undefined || group.id > afterId)
      return ok({ items: await views(after.slice(0, limit)), total: groups.length })
    }
    const [groups, total] = await Promise.all([
      ctx.storage.scimGroups.page(scope, { ...(afterId !== undefined ? { afterId } : {}), limit }),
      ctx.storage.scimGroups.count(scope),
    ])
    return ok({ items: await views(groups), total })
  })
}
