import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, isSystemActor, toAuditActor } from '../../domain/actor.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { loadManagedScimConnection, mintScimToken, type ScimTokenSecret } from './connection-shared.js'

export const RotateScimTokenInput = z.object({ orgId: Id, connectionId: Id })
export type RotateScimTokenInput = z.input<typeof RotateScimTokenInput>
export type RotateScimTokenError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * Issues a new bearer token for a SCIM connection and revokes every other one at once (SC1;
 * `connections:manage`). The secret is returned this once; the IdP's requests with an old token
 * get 401 from the next request on.
 *
 * @example
 * const rotated = await roster.scim.rotateToken(admin, { orgId, connectionId })
 * if (rotated.isOk()) showOnce(rotated.value.token)
 */
export function rotateScimToken(
  ctx: RosterContext,
  actor: Actor,
  input: RotateScimTokenInput,
): ResultAsync<ScimTokenSecret, RotateScimTokenError> {
  return runUseCase(async () => {
    const parsed = parseInput(RotateScimTokenInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, connectionId } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const loaded = await loadManagedScimConnection(w.tx, actor, orgId, connectionId)
      if (loaded.isErr()) return err(loaded.error)
      const secret = await mintScimToken(
        ctx,
        w.tx,
        loaded.value.scim,
        isSystemActor(actor) ? null : actor.accountId,
        w.now,
      )
      const revoked = await w.tx.scimConnections.revokeTokens(orgId, connectionId, w.now, secret.tokenId)
      await w.audit({
        orgId,
        action: 'scim.token-rotated',
        targetType: 'connection',
        targetId: connectionId,
        changes: { token: {}, revoked: { after: revoked } },
      })
      return ok(secret)
    })
  })
}
