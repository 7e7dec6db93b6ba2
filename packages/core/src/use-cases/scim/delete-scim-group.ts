import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { toAuditActor } from '../../domain/actor.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import type { ScimPrincipal } from './authenticate-scim.js'
import { takeBack } from './group-gifts.js'
import { allMembers, scimGroupNotFound } from './group-shared.js'
import { loadScimScope, ScimPrincipalInput, scimActor } from './user-shared.js'

export const DeleteScimGroupInput = z.object({ id: Id })
export type DeleteScimGroupInput = z.input<typeof DeleteScimGroupInput>
export type DeleteScimGroupError = RosterError<
  'VALIDATION' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * Deletes a group (SC11, SC12; SCIM `DELETE /Groups/{id}`): its members lose what it gave them and
 * no other group gives, in the same transaction; the people themselves stay. A GET answers 404
 * afterwards. Audited as `scim.group.deleted`.
 *
 * @example
 * await roster.scim.groups.delete(principal, { id })
 */
export function deleteScimGroup(
  ctx: RosterContext,
  principal: ScimPrincipal,
  input: DeleteScimGroupInput,
): ResultAsync<{ id: string }, DeleteScimGroupError> {
  return runUseCase(async () => {
    const who = parseInput(ScimPrincipalInput, principal)
    if (who.isErr()) return err(who.error)
    const parsed = parseInput(DeleteScimGroupInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { id } = parsed.value
    return inTransaction(ctx, toAuditActor(scimActor(principal.connectionId)), async (w) => {
      const loaded = await loadScimScope(w.tx, principal)
      if (loaded.isErr()) return err(loaded.error)
      const { scope } = loaded.value
      // Lock the row first (a version bump), so a concurrent PATCH adding members waits for this.
      const locked = await w.tx.scimGroups.update(scope, id, { updatedAt: w.now })
      if (locked.status !== 'updated') return err(scimGroupNotFound(id))
      const members = await allMembers(w.tx, scope, id)
      await takeBack(w, scope, id, members)
      await w.tx.scimGroups.delete(scope, id)
      await w.audit({
        orgId: scope.orgId,
        action: 'scim.group.deleted',
        targetType: 'scim-group',
        targetId: id,
        changes: {
          displayName: { before: locked.group.displayName },
          memberCount: { before: members.length },
        },
      })
      return ok({ id })
    })
  })
}
