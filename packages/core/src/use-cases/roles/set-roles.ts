import { err, type Result, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { grantKey, isFounderOwnerGrant, type StoredGrant, toStoredGrant } from '../../domain/grant.js'
import type { MemberView } from '../../domain/member-view.js'
import { GrantInput, Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { requireSomewhere } from '../../internal/access-admin.js'
import { loadAccess } from '../../internal/authorize.js'
import { checkMayGrant, resolveGrants } from '../../internal/grants.js'
import { founderProtected, loadMemberView, memberNotFound } from '../../internal/members.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const SetRolesInput = z.object({
  orgId: Id,
  accountId: Id,
  /**
   * Every role assignment the member should hold afterwards, each org-wide, at one resource or at
   * every resource of a type (R2). Grants the member holds and this list leaves out are revoked;
   * an empty list revokes them all.
   */
  grants: z.array(GrantInput).max(500, 'At most 500 grants per call'),
})
export type SetRolesInput = z.input<typeof SetRolesInput>
export type SetRolesError = RosterError<
  | 'VALIDATION'
  | 'FORBIDDEN'
  | 'ORG_NOT_FOUND'
  | 'NOT_FOUND'
  | 'ESCALATION'
  | 'FOUNDER_PROTECTED'
  | 'STORAGE_FAILURE'
>

/**
 * Replaces a member's role assignments with exactly `grants` — what a "change role" screen saves —
 * in one transaction with one audit event (`role.set`, the grants before and after). Each grant
 * added is checked like `roles.assign` and each grant dropped like `roles.revoke`, at its own
 * scope (R3): the actor needs `roles:assign` there (`FORBIDDEN`) and every permission of the role
 * there (`ESCALATION`), so a custom role can neither hand out nor take away what it lacks. Grants
 * kept are not checked. The founder keeps the org-wide `owner` grant (`FOUNDER_PROTECTED`, O2).
 * Roles and resources must exist in the org (`NOT_FOUND`, `details.entity`). Concurrent calls for
 * one member serialize: the member ends with one caller's set, never a mix. Emits `role.assigned`
 * for what was added and `role.revoked` per role dropped; a call that changes nothing writes and
 * emits nothing. Returns the member's view.
 *
 * @example
 * // The member's row: "Admin" becomes "Member" in one call.
 * await roster.roles.set(admin, { orgId, accountId, grants: [{ roleId: 'member', scope: 'org' }] })
 */
export function setRoles(
  ctx: RosterContext,
  actor: Actor,
  input: SetRolesInput,
): ResultAsync<MemberView, SetRolesError> {
  return runUseCase(async () => {
    const parsed = parseInput(SetRolesInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, accountId } = parsed.value
    const wanted = new Map<string, StoredGrant>()
    for (const grant of parsed.value.grants) {
      const stored = toStoredGrant(orgId, accountId, grant)
      wanted.set(grantKey(stored), stored)
    }
    return inTransaction(ctx, toAuditActor(actor), async (w): Promise<Result<MemberView, SetRolesError>> => {
      const access = await loadAccess(w.tx, actor, orgId)
      if (access.isErr()) return err(access.error)
      const forbidden = requireSomewhere(access.value, 'roles:assign')
      if (forbidden) return err(forbidden)
      // Holds the member's grants until commit, so the diff below stays true while we write it.
      const held = await w.tx.grants.listForChange(orgId, accountId)
      if (!held) return err(memberNotFound(orgId, accountId))

      const heldKeys = new Set(held.map(grantKey))
      const added = [...wanted.values()].filter((grant) => !heldKeys.has(grantKey(grant)))
      const removed = held.filter((grant) => !wanted.has(grantKey(grant)))
      if (added.length === 0 && removed.length === 0) {
        return loadMemberView(ctx, w.tx, access.value, accountId)
      }
      if (removed.some((grant) => isFounderOwnerGrant(access.value.org.founderId, grant))) {
        return err(founderProtected('lose the owner role'))
      }

      const resolved = await resolveGrants(w.tx, access.value, [...added, ...removed])
      if (resolved.isErr()) return err(resolved.error)
      for (const [index, one] of resolved.value.entries()) {
        const allowed = checkMayGrant(access.value, one, index < added.length ? 'grant' : 'revoke')
        if (allowed.isErr()) return err(allowed.error)
      }

      await w.tx.grants.replace(orgId, accountId, [...wanted.values()])
      await w.audit({
        orgId,
        action: 'role.set',
        targetType: 'account',
        targetId: accountId,
        changes: { grants: { before: held.map(grantKey).sort(), after: [...wanted.keys()].sort() } },
      })
      if (added.length > 0) {
        w.emit('role.assigned', {
          orgId,
          accountId,
          roleIds: [...new Set(added.map((grant) => grant.roleId))],
          actor: w.actor,
        })
      }
      for (const roleId of new Set(removed.map((grant) => grant.roleId))) {
        w.emit('role.revoked', { orgId, accountId, roleId, actor: w.actor })
      }
      return loadMemberView(ctx, w.tx, access.value, accountId)
    })
  })
}
