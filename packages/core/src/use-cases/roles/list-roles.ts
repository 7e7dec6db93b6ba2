import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { BUILT_IN_ROLES, type RoleView, toRoleView } from '../../domain/role.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { knownPermissions } from '../../internal/access-admin.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'

export const ListRolesInput = z.object({ orgId: Id })
export type ListRolesInput = z.input<typeof ListRolesInput>
export type ListRolesError = RosterError<'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'STORAGE_FAILURE'>

/**
 * The org's roles (`members:read`): the built-ins `owner`, `admin`, `member` first, then the custom
 * roles oldest first, each with its permissions spelled out (`owner` lists every permission of the
 * deployment and has `allPermissions: true`).
 *
 * @example
 * const roles = (await roster.roles.list(admin, { orgId }))._unsafeUnwrap()
 */
export function listRoles(
  ctx: RosterContext,
  actor: Actor,
  input: ListRolesInput,
): ResultAsync<RoleView[], ListRolesError> {
  return runUseCase(async () => {
    const parsed = parseInput(ListRolesInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId } = parsed.value
    const access = await authorize(ctx.storage, actor, orgId, 'members:read')
    if (access.isErr()) return err(access.error)
    const known = knownPermissions(ctx)
    const custom = await ctx.storage.roles.list(orgId)
    return ok([...Object.values(BUILT_IN_ROLES), ...custom].map((role) => toRoleView(role, known)))
  })
}
