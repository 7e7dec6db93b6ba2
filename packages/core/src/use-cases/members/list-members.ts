import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import { policedText } from '../../domain/text-policy.js'
import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import type { MemberView } from '../../domain/member-view.js'
import { Id, PageLimit } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { resourceNotFound } from '../../internal/access-admin.js'
import { authorize } from '../../internal/authorize.js'
import { KeysetCursor, type Page, splitPage } from '../../internal/page.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'
import { memberViews } from '../../internal/views.js'

export const ListMembersInput = z.object({
  orgId: Id,
  /** Case-insensitive, any part of "first last", email or username (`acme.test`, `jackson`). */
  search: policedText('line', { min: 0, max: 100 })
    .optional()
    // An empty search box means no filter.
    .transform((search) => search || undefined),
  status: z.enum(['invited', 'active', 'disabled']).optional(),
  type: z.enum(['employee', 'guest']).optional(),
  departmentId: Id.optional(),
  /** Members holding this role at any scope. */
  roleId: Id.optional(),
  /**
   * Members holding a grant at this resource or at every resource of its type (with `roleId`: that
   * role there). Org-wide grants do not count.
   */
  resourceId: Id.optional(),
  /** `false`: employees missing a seat of a product the org requires (L7); `true`: the others. */
  licensed: z.boolean().optional(),
  /** `nextCursor` of the previous page. */
  cursor: KeysetCursor.optional(),
  /** 1..200, default 50; out of range is `VALIDATION`, never silently capped. */
  limit: PageLimit,
})
export type ListMembersInput = z.input<typeof ListMembersInput>
export type ListMembersError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * A page of the org's member directory (`members:read`), ordered by when each person joined,
 * filtered by search text, status, type, department, role or license completeness (L7). Keyset
 * paging: pass `nextCursor` back as `cursor`; one storage read per page, no N+1.
 *
 * @example
 * let cursor: string | undefined
 * do {
 *   const page = (await roster.members.list(admin, { orgId, status: 'active', cursor }))._unsafeUnwrap()
 *   render(page.items)
 *   cursor = page.nextCursor ?? undefined
 * } while (cursor)
 */
export function listMembers(
  ctx: RosterContext,
  actor: Actor,
  input: ListMembersInput,
): ResultAsync<Page<MemberView>, ListMembersError> {
  return runUseCase(async () => {
    const parsed = parseInput(ListMembersInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, cursor, limit, resourceId, ...filters } = parsed.value
    const access = await authorize(ctx.storage, actor, orgId, 'members:read')
    if (access.isErr()) return err(access.error)
    const [resource] =
      resourceId === undefined ? [] : await ctx.storage.resources.findByIds(orgId, [resourceId])
    if (resourceId !== undefined && !resource) return err(resourceNotFound(resourceId))
    // One extra row tells whether a next page exists, without a count.
    const rows = await ctx.storage.memberships.page({
      orgId,
      ...filters,
      ...(resource ? { resource: { id: resource.id, type: resource.type } } : {}),
      requiredProducts: access.value.org.settings.requiredProducts,
      afterId: cursor,
      limit: limit + 1,
    })
    const page = splitPage(rows, limit, (row) => row.membership.id)
    const items = await memberViews(ctx, ctx.storage, access.value, page.rows)
    return ok({ items, nextCursor: page.nextCursor })
  })
}
