import { err, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { toAuditActor } from '../../domain/actor.js'
import { Id } from '../../domain/schemas.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import type { ScimPrincipal } from './authenticate-scim.js'
import { ScimGroupFields, type ScimGroupView } from './group-shared.js'
import { type PatchScimGroupError, patchInTransaction } from './patch-scim-group.js'
import { loadScimScope, ScimPrincipalInput } from './user-shared.js'
import { scimActor } from './user-shared.js'

export const ReplaceScimGroupInput = ScimGroupFields.extend({
  id: Id,
  /** If-Match: change nothing unless the group is still at this version (`CONFLICT`, SCIM 412). */
  ifVersion: z.number().int().min(1).optional(),
})
export type ReplaceScimGroupInput = z.input<typeof ReplaceScimGroupInput>
export type ReplaceScimGroupError = PatchScimGroupError

/**
 * Replaces a group with what the IdP pushes (SC12; SCIM `PUT /Groups/{id}`, a full group push):
 * its `displayName`, `externalId` and the whole member list, reconciled in one transaction — who
 * is new gets what the mapping gives, who is not listed any more loses what the group gave
 * (SC11). Pushing the same group twice changes nothing. The mapping is the admin's and stays.
 *
 * @example
 * await roster.scim.groups.replace(principal, { id, displayName: 'Engineering', members: everyoneNow })
 */
export function replaceScimGroup(
  ctx: RosterContext,
  principal: ScimPrincipal,
  input: ReplaceScimGroupInput,
): ResultAsync<ScimGroupView, ReplaceScimGroupError> {
  return runUseCase(async () => {
    const who = parseInput(ScimPrincipalInput, principal)
    if (who.isErr()) return err(who.error)
    const parsed = parseInput(ReplaceScimGroupInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { id, ifVersion, displayName, externalId, members } = parsed.value
    return inTransaction(ctx, toAuditActor(scimActor(principal.connectionId)), async (w) => {
      const loaded = await loadScimScope(w.tx, principal)
      if (loaded.isErr()) return err(loaded.error)
      return patchInTransaction(w, loaded.value, id, {
        ...(ifVersion !== undefined ? { ifVersion } : {}),
        displayName,
        externalId: externalId ?? null,
        members,
      })
    })
  })
}
