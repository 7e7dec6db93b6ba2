import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type DepartmentView, toDepartmentView } from '../../domain/department.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'

export const ListDepartmentsInput = z.object({ orgId: Id })
export type ListDepartmentsInput = z.input<typeof ListDepartmentsInput>
export type ListDepartmentsError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'STORAGE_FAILURE'
>

/**
 * The org's departments by name, each with its member count (`members:read`).
 *
 * @example
 * const departments = (await roster.departments.list(admin, { orgId }))._unsafeUnwrap()
 */
export function listDepartments(
  ctx: RosterContext,
  actor: Actor,
  input: ListDepartmentsInput,
): ResultAsync<DepartmentView[], ListDepartmentsError> {
  return runUseCase(async () => {
    const parsed = parseInput(ListDepartmentsInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId } = parsed.value
    const access = await authorize(ctx.storage, actor, orgId, 'members:read')
    if (access.isErr()) return err(access.error)
    const rows = await ctx.storage.departments.list(orgId)
    return ok(rows.map(({ department, memberCount }) => toDepartmentView(department, memberCount)))
  })
}
