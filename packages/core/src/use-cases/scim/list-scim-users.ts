import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { scimKey, type ScimUser } from '../../domain/scim.js'
import { Id } from '../../domain/schemas.js'
import { policedText } from '../../domain/text-policy.js'
import type { RosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'
import type { ScimPrincipal } from './authenticate-scim.js'
import { loadScimScope, ScimPrincipalInput, type ScimUserView, toScimUserView } from './user-shared.js'

export const ListScimUsersInput = z.object({
  /** Keyset position: users with an id strictly after this one (ids ascending: a stable order). */
  afterId: Id.optional(),
  /** 1..1000, default 100. */
  limit: z.number().int().min(1).max(1000).default(100),
  /** Only the user with this `userName` (ignoring case): the lookup IdPs make before a POST. */
  userName: policedText('line', { max: 300 }).optional(),
  /** Only users with this `externalId` (exact). */
  externalId: policedText('line', { max: 300 }).optional(),
})
export type ListScimUsersInput = z.input<typeof ListScimUsersInput>
export type ListScimUsersError = RosterError<
  'VALIDATION' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * A page of the principal's SCIM users (SC3; SCIM `GET /Users`), by id ascending, with the total.
 * `userName` and `externalId` are index lookups; the protocol package filters other expressions
 * page by page.
 *
 * @example
 * const page = await roster.scim.users.list(principal, { userName: 'ada@example.com' })
 */
export function listScimUsers(
  ctx: RosterContext,
  principal: ScimPrincipal,
  input: ListScimUsersInput = {},
): ResultAsync<{ items: ScimUserView[]; total: number }, ListScimUsersError> {
  return runUseCase(async () => {
    const who = parseInput(ScimPrincipalInput, principal)
    if (who.isErr()) return err(who.error)
    const parsed = parseInput(ListScimUsersInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { afterId, limit, userName, externalId } = parsed.value
    const loaded = await loadScimScope(ctx.storage, principal)
    if (loaded.isErr()) return err(loaded.error)
    const { scope } = loaded.value
    if (userName !== undefined || externalId !== undefined) {
      let users: ScimUser[]
      if (userName !== undefined) {
        const found = await ctx.storage.scimUsers.findByUserName(scope, scimKey(userName))
        users = found && (externalId === undefined || found.externalId === externalId) ? [found] : []
      } else {
        users = await ctx.storage.scimUsers.findByExternalId(scope, externalId!)
      }
      const after = users.filter((user) => afterId === undefined || user.accountId > afterId)
      return ok({ items: after.slice(0, limit).map(toScimUserView), total: users.length })
    }
    const [users, total] = await Promise.all([
      ctx.storage.scimUsers.page(scope, { ...(afterId !== undefined ? { afterId } : {}), limit }),
      ctx.storage.scimUsers.count(scope),
    ])
    return ok({ items: users.map(toScimUserView), total })
  })
}
