import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type OrgView, toOrgView } from '../../domain/organization.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { loadAccess } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'

export const GetOrgInput = z.object({ orgId: Id })
export type GetOrgInput = z.input<typeof GetOrgInput>
export type GetOrgError = RosterError<'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'STORAGE_FAILURE'>

/**
 * Reads an organization. Any active member may; nobody else (X3).
 *
 * @example
 * const org = await roster.orgs.get({ accountId }, { orgId })
 */
export function getOrg(
  ctx: RosterContext,
  actor: Actor,
  input: GetOrgInput,
): ResultAsync<OrgView, GetOrgError> {
  return runUseCase(async () => {
    const parsed = parseInput(GetOrgInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const access = await loadAccess(ctx.storage, actor, parsed.value.orgId)
    if (access.isErr()) return err(access.error)
    return ok(toOrgView(access.value.org))
  })
}
