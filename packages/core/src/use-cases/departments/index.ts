import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import { type CreateDepartmentInput, createDepartment } from './create-department.js'
import { type DeleteDepartmentInput, deleteDepartment } from './delete-department.js'
import { type ListDepartmentsInput, listDepartments } from './list-departments.js'
import { type RenameDepartmentInput, renameDepartment } from './rename-department.js'

/** `roster.departments`: an org's departments (D1, D2). */
export function departmentsApi(ctx: RosterContext) {
  return {
    /**
     * Creates a department (`departments:manage`).
     * @see `createDepartment` in `use-cases/departments/create-department.ts` for the rules it implements and an example.
     */
    create: (actor: Actor, input: CreateDepartmentInput) => createDepartment(ctx, actor, input),
    /**
     * The org's departments by name, each with its member count (`members:read`).
     * @see `listDepartments` in `use-cases/departments/list-departments.ts` for the rules it implements and an example.
     */
    list: (actor: Actor, input: ListDepartmentsInput) => listDepartments(ctx, actor, input),
    /**
     * Renames a department (`departments:manage`); names stay unique in the org ignoring case (D2,
     * `VALIDATION` at `name`).
     * @see `renameDepartment` in `use-cases/departments/rename-department.ts` for the rules it implements and an example.
     */
    rename: (actor: Actor, input: RenameDepartmentInput) => renameDepartment(ctx, actor, input),
    /**
     * Deletes a department (`departments:manage`).
     * @see `deleteDepartment` in `use-cases/departments/delete-department.ts` for the rules it implements and an example.
     */
    delete: (actor: Actor, input: DeleteDepartmentInput) => deleteDepartment(ctx, actor, input),
  }
}

export type DepartmentsApi = ReturnType<typeof departmentsApi>
