import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type ConnectionView, toConnectionView } from '../../domain/connection.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'

export const ListConnectionsInput = z.object({ orgId: Id })
export type ListConnectionsInput = z.input<typeof ListConnectionsInput>
export type ListConnectionsError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * The org's connections (`connections:manage`), oldest first: the directories it syncs and the orgs
 * whose members are its guests (`orgId` is the org), and the org connections it asked for as the
 * guest org (`guestOrgId` is the org) — pending ones included, for the host's admins to approve.
 *
 * @example
 * const connections = await roster.connections.list(admin, { orgId })
 */
export function listConnections(
  ctx: RosterContext,
  actor: Actor,
  input: ListConnectionsInput,
): ResultAsync<ConnectionView[], ListConnectionsError> {
  return runUseCase(async () => {
    const parsed = parseInput(ListConnectionsInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const access = await authorize(ctx.storage, actor, parsed.value.orgId, 'connections:manage')
    if (access.isErr()) return err(access.error)
    const now = ctx.clock.now()
    const connections = await ctx.storage.connections.listForOrg(parsed.value.orgId)
    return ok(connections.map((connection) => toConnectionView(connection, now)))
  })
}
