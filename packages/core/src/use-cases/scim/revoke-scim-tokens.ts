import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { loadManagedScimConnection } from './connection-shared.js'

export const RevokeScimTokensInput = z.object({ orgId: Id, connectionId: Id })
export type RevokeScimTokensInput = z.input<typeof RevokeScimTokensInput>
export type RevokeScimTokensError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * Revokes every token of a SCIM connection (SC1; `connections:manage`): the IdP is cut off at its
 * next request (401) and provisioning stops until `scim.rotateToken` issues a new one. The people
 * it provisioned stay as they are.
 *
 * @example
 * await roster.scim.revokeTokens(admin, { orgId, connectionId })
 */
export function revokeScimTokens(
  ctx: RosterContext,
  actor: Actor,
  input: RevokeScimTokensInput,
): ResultAsync<{ revoked: number }, RevokeScimTokensError> {
  return runUseCase(async () => {
    const parsed = parseInput(RevokeScimTokensInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, connectionId } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const loaded = await loadManagedScimConnection(w.tx, actor, orgId, connectionId)
      if (loaded.isErr()) return err(loaded.error)
      const revoked = await w.tx.scimConnections.revokeTokens(orgId, connectionId, w.now)
      if (revoked > 0) {
        await w.audit({
          orgId,
          action: 'scim.tokens-revoked',
          targetType: 'connection',
          targetId: connectionId,
          changes: { revoked: { after: revoked } },
        })
      }
      return ok({ revoked })
    })
  })
}
