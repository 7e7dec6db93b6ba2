import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import { type Department, type DepartmentView, toDepartmentView } from '../../domain/department.js'
import { nameKey } from '../../domain/role.js'
import { DepartmentName, Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { nameTaken } from '../../internal/access-admin.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'

export const CreateDepartmentInput = z.object({ orgId: Id, name: DepartmentName })
export type CreateDepartmentInput = z.input<typeof CreateDepartmentInput>
export type CreateDepartmentError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * Creates a department (`departments:manage`). Names are unique in the org ignoring case (D2): a
 * taken name is `VALIDATION` at `name` (`details.conflict: 'name'`), also when two admins create
 * it at the same moment. Emits `department.created`.
 *
 * @example
 * const sales = (await roster.departments.create(admin, { orgId, name: 'Sales' }))._unsafeUnwrap()
 * await roster.members.add(admin, { orgId, email, firstName, lastName, departmentId: sales.id })
 */
export function createDepartment(
  ctx: RosterContext,
  actor: Actor,
  input: CreateDepartmentInput,
): ResultAsync<DepartmentView, CreateDepartmentError> {
  return runUseCase(async () => {
    const parsed = parseInput(CreateDepartmentInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, name } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'departments:manage')
      if (access.isErr()) return err(access.error)
      const department: Department = {
        id: ctx.ids(),
        orgId,
        name,
        nameKey: nameKey(name),
        createdAt: w.now,
        updatedAt: w.now,
      }
      const inserted = await w.tx.departments.insert(department)
      if (inserted.status === 'conflict') return err(nameTaken('department', name))
      await w.audit({
        orgId,
        action: 'department.created',
        targetType: 'department',
        targetId: department.id,
        changes: { name: { after: name } },
      })
      w.emit('department.created', { orgId, departmentId: department.id, actor: w.actor })
      return ok(toDepartmentView(department, 0))
    })
  })
}
