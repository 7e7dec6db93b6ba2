import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'
import type { ScimPrincipal } from './authenticate-scim.js'
import {
  loadScimScope,
  ScimPrincipalInput,
  type ScimUserView,
  scimUserNotFound,
  toScimUserView,
} from './user-shared.js'

export const GetScimUserInput = z.object({ id: Id })
export type GetScimUserInput = z.input<typeof GetScimUserInput>
export type GetScimUserError = RosterError<
  'VALIDATION' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * One user of the principal's SCIM connection (SC3; SCIM `GET /Users/{id}`). Another connection's
 * or org's id is `NOT_FOUND`, exactly like an unknown one (SC2).
 *
 * @example
 * const user = await roster.scim.users.get(principal, { id })
 */
export function getScimUser(
  ctx: RosterContext,
  principal: ScimPrincipal,
  input: GetScimUserInput,
): ResultAsync<ScimUserView, GetScimUserError> {
  return runUseCase(async () => {
    const who = parseInput(ScimPrincipalInput, principal)
    if (who.isErr()) return err(who.error)
    const parsed = parseInput(GetScimUserInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const loaded = await loadScimScope(ctx.storage, principal)
    if (loaded.isErr()) return err(loaded.error)
    const user = await ctx.storage.scimUsers.find(loaded.value.scope, parsed.value.id)
    return user ? ok(toScimUserView(user)) : err(scimUserNotFound(parsed.value.id))
  })
}
