import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { isBuiltInRoleId } from '../../domain/role.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { builtInRoleRefused, roleNotFound } from '../../internal/access-admin.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const DeleteRoleInput = z.object({ orgId: Id, roleId: Id })
export type DeleteRoleInput = z.input<typeof DeleteRoleInput>
export type DeleteRoleError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'ROLE_IN_USE' | 'STORAGE_FAILURE'
>

/**
 * Deletes a custom role (`roles:manage`). Built-in roles cannot be deleted (`FORBIDDEN`); a role
 * still granted to anyone, at any scope, is refused with `ROLE_IN_USE` (`details.grants` says how
 * many) — revoke it first (R4). Emits `role.deleted`.
 *
 * @example
 * const result = await roster.roles.delete(admin, { orgId, roleId })
 * if (result.isErr() && result.error.code === 'ROLE_IN_USE') alert('Still assigned')
 */
export function deleteRole(
  ctx: RosterContext,
  actor: Actor,
  input: DeleteRoleInput,
): ResultAsync<{ roleId: string }, DeleteRoleError> {
  return runUseCase(async () => {
    const parsed = parseInput(DeleteRoleInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, roleId } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'roles:manage')
      if (access.isErr()) return err(access.error)
      if (isBuiltInRoleId(roleId)) return err(builtInRoleRefused(roleId, 'deleted'))
      const [role] = await w.tx.roles.findByIds(orgId, [roleId])
      const deleted = await w.tx.roles.delete(orgId, roleId)
      if (deleted.status === 'not-found' || !role) return err(roleNotFound(roleId))
      if (deleted.status === 'in-use') {
        return err(
          rosterError('ROLE_IN_USE', {
            message: `${role.name} is still assigned ${deleted.grants} time(s); revoke it first.`,
            details: { roleId, grants: deleted.grants },
          }),
        )
      }
      await w.audit({
        orgId,
        action: 'role.deleted',
        targetType: 'role',
        targetId: roleId,
        changes: { name: { before: role.name }, permissions: { before: role.permissions } },
      })
      w.emit('role.deleted', { orgId, roleId, actor: w.actor })
      return ok({ roleId })
    })
  })
}
