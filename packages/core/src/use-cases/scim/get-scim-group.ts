import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'
import type { ScimPrincipal } from './authenticate-scim.js'
import { loadGroup, type ScimGroupView, toScimGroupView } from './group-shared.js'
import { loadScimScope, ScimPrincipalInput } from './user-shared.js'

export const GetScimGroupInput = z.object({
  id: Id,
  /** false: leave `members` out (SCIM `excludedAttributes=members`, what Entra asks for). */
  members: z.boolean().default(true),
})
export type GetScimGroupInput = z.input<typeof GetScimGroupInput>
export type GetScimGroupError = RosterError<
  'VALIDATION' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * One group of the principal's SCIM connection (SC12; SCIM `GET /Groups/{id}`) with its members.
 * Another connection's or org's id is `NOT_FOUND`, exactly like an unknown one (SC2).
 *
 * @example
 * const group = await roster.scim.groups.get(principal, { id, members: false })
 */
export function getScimGroup(
  ctx: RosterContext,
  principal: ScimPrincipal,
  input: GetScimGroupInput,
): ResultAsync<ScimGroupView, GetScimGroupError> {
  return runUseCase(async () => {
    const who = parseInput(ScimPrincipalInput, principal)
    if (who.isErr()) return err(who.error)
    const parsed = parseInput(GetScimGroupInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const loaded = await loadScimScope(ctx.storage, principal)
    if (loaded.isErr()) return err(loaded.error)
    const group = await loadGroup(ctx.storage, loaded.value, parsed.value.id)
    if (group.isErr()) return err(group.error)
    return ok(await toScimGroupView(ctx.storage, group.value, parsed.value.members))
  })
}
