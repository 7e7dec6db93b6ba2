import { err, type Result, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { grantKey, isFounderOwnerGrant, toStoredGrant } from '../../domain/grant.js'
import type { MemberView } from '../../domain/member-view.js'
import { GrantScope, Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { requireSomewhere } from '../../internal/access-admin.js'
import { loadAccess } from '../../internal/authorize.js'
import { checkMayGrant, resolveGrants } from '../../internal/grants.js'
import { founderProtected, loadMemberView, memberNotFound } from '../../internal/members.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const RevokeRoleInput = z.object({ orgId: Id, accountId: Id, roleId: Id, scope: GrantScope })
export type RevokeRoleInput = z.input<typeof RevokeRoleInput>
export type RevokeRoleError = RosterError<
  | 'VALIDATION'
  | 'FORBIDDEN'
  | 'ORG_NOT_FOUND'
  | 'NOT_FOUND'
  | 'ESCALATION'
  | 'FOUNDER_PROTECTED'
  | 'STORAGE_FAILURE'
>

/**
 * Takes one role assignment (role + scope) away from a member. The actor needs `roles:assign` at
 * that scope and every permission of the role there — nobody removes a role stronger than their
 * own (R3, `ESCALATION`). The founder's org-wide `owner` grant cannot be removed by anyone
 * (`FOUNDER_PROTECTED`, O2). `NOT_FOUND` (`details.entity: 'grant'`) when the member does not hold
 * it. Emits `role.revoked`.
 *
 * @example
 * await roster.roles.revoke(admin, { orgId, accountId, roleId: caretaker.id, scope: { resourceId: towerA.id } })
 */
export function revokeRole(
  ctx: RosterContext,
  actor: Actor,
  input: RevokeRoleInput,
): ResultAsync<MemberView, RevokeRoleError> {
  return runUseCase(async () => {
    const parsed = parseInput(RevokeRoleInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, accountId, roleId, scope } = parsed.value
    return inTransaction(
      ctx,
      toAuditActor(actor),
      async (w): Promise<Result<MemberView, RevokeRoleError>> => {
        const access = await loadAccess(w.tx, actor, orgId)
        if (access.isErr()) return err(access.error)
        const forbidden = requireSomewhere(access.value, 'roles:assign')
        if (forbidden) return err(forbidden)
        if (!(await w.tx.memberships.find(orgId, accountId))) return err(memberNotFound(orgId, accountId))
        const grant = toStoredGrant(orgId, accountId, { roleId, scope })
        if (isFounderOwnerGrant(access.value.org.founderId, grant)) {
          return err(founderProtected('lose the owner role'))
        }
        const resolved = await resolveGrants(w.tx, access.value, [grant])
        if (resolved.isErr()) return err(resolved.error)
        const allowed = checkMayGrant(access.value, resolved.value[0]!, 'revoke')
        if (allowed.isErr()) return err(allowed.error)
        const removed = await w.tx.grants.remove(orgId, accountId, [grant])
        if (removed === 0) {
          return err(
            rosterError('NOT_FOUND', {
              message: 'This member does not hold that role at that scope.',
              details: { entity: 'grant', roleId, scope },
            }),
          )
        }
        await w.audit({
          orgId,
          action: 'role.revoked',
          targetType: 'account',
          targetId: accountId,
          changes: { grants: { before: [grantKey(grant)] } },
        })
        w.emit('role.revoked', { orgId, accountId, roleId, actor: w.actor })
        return loadMemberView(ctx, w.tx, access.value, accountId)
      },
    )
  })
}
