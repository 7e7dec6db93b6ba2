import { err, type Result, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { grantKey, type StoredGrant, toStoredGrant } from '../../domain/grant.js'
import type { MemberView } from '../../domain/member-view.js'
import { GrantInput, Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { requireSomewhere } from '../../internal/access-admin.js'
import { loadAccess } from '../../internal/authorize.js'
import { checkMayGrant, resolveGrants } from '../../internal/grants.js'
import { loadMemberView, memberNotFound } from '../../internal/members.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const AssignRolesInput = z.object({
  orgId: Id,
  accountId: Id,
  /**
   * The role assignments to add, each org-wide, at one resource or at every resource of a type —
   * a role at many buildings, at every building, or different roles per building, in one call (R2).
   */
  grants: z.array(GrantInput).min(1, 'Give at least one grant').max(500, 'At most 500 grants per call'),
})
export type AssignRolesInput = z.input<typeof AssignRolesInput>
export type AssignRolesError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'ESCALATION' | 'STORAGE_FAILURE'
>

/**
 * Gives a member roles, in one transaction: all the grants or none (R2). Each grant is checked at
 * its own scope (R3): the actor needs `roles:assign` there (`FORBIDDEN`) and every permission of the
 * role there (`ESCALATION`) — so a building manager can hand out, at their building, the roles they
 * hold there. Roles and resources must exist in the org (`NOT_FOUND`, `details.entity`). Grants the
 * member already has are kept as they are. Returns the member's view. Emits `role.assigned`.
 *
 * @example
 * // "Copy to all selected buildings" and one different role elsewhere, in one call:
 * await roster.roles.assign(admin, {
 *   orgId, accountId,
 *   grants: [
 *     ...selected.map((resourceId) => ({ roleId: caretaker.id, scope: { resourceId } })),
 *     { roleId: manager.id, scope: { resourceId: towerB.id } },
 *   ],
 * })
 * // "Select all": every building, also those created later.
 * await roster.roles.assign(admin, {
 *   orgId, accountId, grants: [{ roleId: caretaker.id, scope: { resourceType: 'building', all: true } }],
 * })
 */
export function assignRoles(
  ctx: RosterContext,
  actor: Actor,
  input: AssignRolesInput,
): ResultAsync<MemberView, AssignRolesError> {
  return runUseCase(async () => {
    const parsed = parseInput(AssignRolesInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, accountId } = parsed.value
    return inTransaction(
      ctx,
      toAuditActor(actor),
      async (w): Promise<Result<MemberView, AssignRolesError>> => {
        const access = await loadAccess(w.tx, actor, orgId)
        if (access.isErr()) return err(access.error)
        const forbidden = requireSomewhere(access.value, 'roles:assign')
        if (forbidden) return err(forbidden)
        if (!(await w.tx.memberships.find(orgId, accountId))) return err(memberNotFound(orgId, accountId))

        const wanted = new Map<string, StoredGrant>()
        for (const grant of parsed.value.grants) {
          const stored = toStoredGrant(orgId, accountId, grant)
          wanted.set(grantKey(stored), stored)
        }
        const resolved = await resolveGrants(w.tx, access.value, [...wanted.values()])
        if (resolved.isErr()) return err(resolved.error)
        for (const one of resolved.value) {
          const allowed = checkMayGrant(access.value, one)
          if (allowed.isErr()) return err(allowed.error)
        }

        const held = new Set((await w.tx.grants.listFor(orgId, accountId)).map(grantKey))
        const added = [...wanted.values()].filter((grant) => !held.has(grantKey(grant)))
        if (added.length > 0) {
          await w.tx.grants.add(added)
          await w.audit({
            orgId,
            action: 'role.assigned',
            targetType: 'account',
            targetId: accountId,
            changes: { grants: { after: added.map(grantKey) } },
          })
          w.emit('role.assigned', {
            orgId,
            accountId,
            roleIds: [...new Set(added.map((grant) => grant.roleId))],
            actor: w.actor,
          })
        }
        return loadMemberView(ctx, w.tx, access.value, accountId)
      },
    )
  })
}
