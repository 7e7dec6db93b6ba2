import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type RosterError, rosterError } from '../../errors.js'
import { hashToken } from '../../internal/secrets.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'

export const AuthenticateScimInput = z.object({ token: z.string().min(1).max(512) })
export type AuthenticateScimInput = z.input<typeof AuthenticateScimInput>
export type AuthenticateScimError = RosterError<'UNAUTHENTICATED' | 'STORAGE_FAILURE'>

/**
 * Who a SCIM request is: the connection its bearer token belongs to, in that connection's one
 * org (SC2). Pass it to every `roster.scim.users.*` / `groups.*` call of the request.
 */
export interface ScimPrincipal {
  orgId: string
  connectionId: string
  tokenId: string
}

/** Last-used times are written at most this often per token (one conditional update). */
const LAST_USED_RESOLUTION_MS = 60_000

/**
 * Checks a SCIM bearer token (SC1, SC2, X1): hashes it, finds the unrevoked token and its active
 * connection, and records when it was last used. Any other token — unknown, revoked, of a
 * connection being disconnected, malformed — is `UNAUTHENTICATED`, all alike.
 *
 * @example
 * const principal = await roster.scim.authenticate({ token: bearerOf(request) })
 * if (principal.isErr()) return new Response(null, { status: 401 })
 */
export function authenticateScim(
  ctx: RosterContext,
  input: AuthenticateScimInput,
): ResultAsync<ScimPrincipal, AuthenticateScimError> {
  return runUseCase(async () => {
    const unauthenticated = rosterError('UNAUTHENTICATED', { message: 'The SCIM bearer token is not valid.' })
    const parsed = parseInput(AuthenticateScimInput, input)
    if (parsed.isErr()) return err(unauthenticated)
    const token = await ctx.storage.scimConnections.findTokenByHash(hashToken(parsed.value.token))
    if (!token || token.revokedAt !== null) return err(unauthenticated)
    const [connection] = await ctx.storage.connections.findByIds(token.orgId, [token.connectionId])
    if (!connection || connection.status !== 'active') return err(unauthenticated)
    const now = ctx.clock.now()
    await ctx.storage.scimConnections.touchToken(
      token.orgId,
      token.id,
      now,
      new Date(now.getTime() - LAST_USED_RESOLUTION_MS),
    )
    return ok({ orgId: token.orgId, connectionId: token.connectionId, tokenId: token.id })
  })
}
