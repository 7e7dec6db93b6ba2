import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { type DepartmentView, toDepartmentView } from '../../domain/department.js'
import { nameKey } from '../../domain/role.js'
import { DepartmentName, Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { nameTaken } from '../../internal/access-admin.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const RenameDepartmentInput = z.object({ orgId: Id, departmentId: Id, name: DepartmentName })
export type RenameDepartmentInput = z.input<typeof RenameDepartmentInput>
export type RenameDepartmentError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'DEPARTMENT_NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * Renames a department (`departments:manage`); names stay unique in the org ignoring case (D2,
 * `VALIDATION` at `name`). A change of letter case only is allowed. Emits `department.renamed`.
 *
 * @example
 * await roster.departments.rename(admin, { orgId, departmentId: sales.id, name: 'Sales & Marketing' })
 */
export function renameDepartment(
  ctx: RosterContext,
  actor: Actor,
  input: RenameDepartmentInput,
): ResultAsync<DepartmentView, RenameDepartmentError> {
  return runUseCase(async () => {
    const parsed = parseInput(RenameDepartmentInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, departmentId, name } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'departments:manage')
      if (access.isErr()) return err(access.error)
      const before = await w.tx.departments.findById(orgId, departmentId)
      const renamed = await w.tx.departments.rename(orgId, departmentId, {
        name,
        nameKey: nameKey(name),
        updatedAt: w.now,
      })
      if (renamed.status === 'not-found' || !before) {
        return err(rosterError('DEPARTMENT_NOT_FOUND', { details: { departmentId } }))
      }
      if (renamed.status === 'conflict') return err(nameTaken('department', name))
      if (before.name !== name) {
        await w.audit({
          orgId,
          action: 'department.renamed',
          targetType: 'department',
          targetId: departmentId,
          changes: { name: { before: before.name, after: name } },
        })
        w.emit('department.renamed', { orgId, departmentId, actor: w.actor })
      }
      const counted = (await w.tx.departments.list(orgId)).find((row) => row.department.id === departmentId)
      return ok(toDepartmentView(renamed.department, counted?.memberCount ?? 0))
    })
  })
}
