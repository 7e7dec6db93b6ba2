import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { toAuditActor } from '../../domain/actor.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { removeMembership } from '../../internal/member-removal.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import type { ScimPrincipal } from './authenticate-scim.js'
import { takeBack } from './group-gifts.js'
import {
  loadScimScope,
  ownMembership,
  ScimPrincipalInput,
  scimActor,
  scimUserNotFound,
} from './user-shared.js'

export const DeprovisionScimUserInput = z.object({ id: Id })
export type DeprovisionScimUserInput = z.input<typeof DeprovisionScimUserInput>
export type DeprovisionScimUserError = RosterError<
  'VALIDATION' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * Deprovisions a SCIM user (SC5; SCIM `DELETE /Users/{id}`): by the connection's policy the
 * membership is removed (A13: grants, seats and numbers go) or disabled (A12: kept for a return);
 * either way the SCIM user is gone — a GET answers 404, and a later POST of the same person takes
 * a disabled membership back. The founder's membership is only disabled, never removed (O2).
 *
 * @example
 * await roster.scim.users.deprovision(principal, { id })
 */
export function deprovisionScimUser(
  ctx: RosterContext,
  principal: ScimPrincipal,
  input: DeprovisionScimUserInput,
): ResultAsync<{ id: string; membership: 'removed' | 'disabled' }, DeprovisionScimUserError> {
  return runUseCase(async () => {
    const who = parseInput(ScimPrincipalInput, principal)
    if (who.isErr()) return err(who.error)
    const parsed = parseInput(DeprovisionScimUserInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { id } = parsed.value
    return inTransaction(ctx, toAuditActor(scimActor(principal.connectionId)), async (w) => {
      const loaded = await loadScimScope(w.tx, principal)
      if (loaded.isErr()) return err(loaded.error)
      const { scope, connection, access } = loaded.value
      const user = await w.tx.scimUsers.find(scope, id)
      const membership = user ? await ownMembership(w.tx, loaded.value, id) : null
      if (!user || !membership) return err(scimUserNotFound(id))
      const founder = access.org.founderId === id
      if (connection.onMissing === 'remove' && !founder) {
        // The SCIM user and its group memberships go with the membership (storage contract).
        await removeMembership(w, membership)
        return ok({ id, membership: 'removed' as const })
      }
      // Out of the IdP's groups with the SCIM user: what they gave goes (SC11), as a PATCH removing
      // the user would take it; what was given by hand stays with the disabled membership (A12).
      for (const groupId of await w.tx.scimGroups.groupsOf(scope, id)) await takeBack(w, scope, groupId, [id])
      await w.tx.scimUsers.delete(scope, id)
      if (membership.status !== 'disabled') {
        await w.tx.memberships.update(scope.orgId, id, { status: 'disabled', updatedAt: w.now })
        await w.audit({
          orgId: scope.orgId,
          action: 'member.disabled',
          targetType: 'account',
          targetId: id,
          changes: { status: { before: membership.status, after: 'disabled' } },
        })
        w.emit('member.disabled', { orgId: scope.orgId, accountId: id, actor: w.actor })
      }
      return ok({ id, membership: 'disabled' as const })
    })
  })
}
