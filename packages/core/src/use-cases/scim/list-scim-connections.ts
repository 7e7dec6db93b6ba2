import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'
import { type ScimConnectionView, toScimConnectionView } from './connection-shared.js'

export const ListScimConnectionsInput = z.object({ orgId: Id })
export type ListScimConnectionsInput = z.input<typeof ListScimConnectionsInput>
export type ListScimConnectionsError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * The org's SCIM connections (SC1; `connections:manage`), oldest first, each with its tokens
 * (hints only, never secrets) and when it was last used.
 *
 * @example
 * const connections = await roster.scim.listConnections(admin, { orgId })
 */
export function listScimConnections(
  ctx: RosterContext,
  actor: Actor,
  input: ListScimConnectionsInput,
): ResultAsync<ScimConnectionView[], ListScimConnectionsError> {
  return runUseCase(async () => {
    const parsed = parseInput(ListScimConnectionsInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId } = parsed.value
    const access = await authorize(ctx.storage, actor, orgId, 'connections:manage')
    if (access.isErr()) return err(access.error)
    const list = await ctx.storage.scimConnections.list(orgId)
    const connections = await ctx.storage.connections.findByIds(
      orgId,
      list.map((scim) => scim.connectionId),
    )
    const views: ScimConnectionView[] = []
    for (const scim of list) {
      const connection = connections.find((c) => c.id === scim.connectionId)
      if (!connection) continue
      const tokens = await ctx.storage.scimConnections.listTokens(orgId, scim.connectionId)
      views.push(toScimConnectionView(scim, connection, tokens))
    }
    return ok(views)
  })
}
