import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const DeleteDepartmentInput = z
  .object({
    orgId: Id,
    departmentId: Id,
    /** Another department of the org that takes the members; without it a non-empty department is refused. */
    moveMembersTo: Id.optional(),
  })
  .refine((input) => input.moveMembersTo !== input.departmentId, {
    path: ['moveMembersTo'],
    message: 'Must be another department',
  })
export type DeleteDepartmentInput = z.input<typeof DeleteDepartmentInput>
export type DeleteDepartmentError = RosterError<
  | 'VALIDATION'
  | 'FORBIDDEN'
  | 'ORG_NOT_FOUND'
  | 'DEPARTMENT_NOT_FOUND'
  | 'DEPARTMENT_NOT_EMPTY'
  | 'STORAGE_FAILURE'
>

/**
 * Deletes a department (`departments:manage`). While members are in it, it is refused with
 * `DEPARTMENT_NOT_EMPTY` (`details.members`) unless `moveMembersTo` names another department of the
 * org, which takes them in the same transaction (D2). Emits `department.deleted`.
 *
 * @example
 * await roster.departments.delete(admin, { orgId, departmentId: sales.id, moveMembersTo: marketing.id })
 */
export function deleteDepartment(
  ctx: RosterContext,
  actor: Actor,
  input: DeleteDepartmentInput,
): ResultAsync<{ departmentId: string; moved: number }, DeleteDepartmentError> {
  return runUseCase(async () => {
    const parsed = parseInput(DeleteDepartmentInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, departmentId, moveMembersTo } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'departments:manage')
      if (access.isErr()) return err(access.error)
      const department = await w.tx.departments.findById(orgId, departmentId)
      const deleted = await w.tx.departments.delete(orgId, departmentId, { moveMembersTo, now: w.now })
      if (deleted.status === 'not-found' || !department) {
        return err(rosterError('DEPARTMENT_NOT_FOUND', { details: { departmentId } }))
      }
      if (deleted.status === 'target-not-found') {
        return err(
          rosterError('DEPARTMENT_NOT_FOUND', {
            message: 'The department to move the members to does not exist in this organization.',
            details: { departmentId: moveMembersTo },
          }),
        )
      }
      if (deleted.status === 'not-empty') {
        return err(
          rosterError('DEPARTMENT_NOT_EMPTY', {
            message: `${department.name} still has ${deleted.members} member(s); move them to another department.`,
            details: { departmentId, members: deleted.members },
          }),
        )
      }
      await w.audit({
        orgId,
        action: 'department.deleted',
        targetType: 'department',
        targetId: departmentId,
        changes: {
          name: { before: department.name },
          ...(deleted.moved > 0
            ? { members: { after: { movedTo: moveMembersTo, count: deleted.moved } } }
            : {}),
        },
      })
      w.emit('department.deleted', { orgId, departmentId, actor: w.actor })
      return ok({ departmentId, moved: deleted.moved })
    })
  })
}
