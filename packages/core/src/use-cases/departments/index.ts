import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type CreateDepartmentInput, createDepartment } from './create-department.js'
import { type DeleteDepartmentInput, deleteDepartment } from './delete-department.js'
import { type ListDepartmentsInput, listDepartments } from './list-departments.js'
import { type RenameDepartmentInput, renameDepartment } from './rename-department.js'

/** `roster.departments`: an org's departments (D1, D2). */
export function departmentsApi(ctx: RosterContext) {
  return {
    /** {@inheritDoc createDepartment} */
    create: (actor: Actor, input: CreateDepartmentInput) => createDepartment(ctx, actor, input),
    /** {@inheritDoc listDepartments} */
    list: (actor: Actor, input: ListDepartmentsInput) => listDepartments(ctx, actor, input),
    /** {@inheritDoc renameDepartment} */
    rename: (actor: Actor, input: RenameDepartmentInput) => renameDepartment(ctx, actor, input),
    /** {@inheritDoc deleteDepartment} */
    delete: (actor: Actor, input: DeleteDepartmentInput) => deleteDepartment(ctx, actor, input),
  }
}

export type DepartmentsApi = ReturnType<typeof departmentsApi>
