import type { Department } from '../../domain/department.js'

export type InsertDepartmentOutcome = { status: 'inserted' } | { status: 'conflict'; field: 'name' }
export type RenameDepartmentOutcome =
  | { status: 'updated'; department: Department }
  | { status: 'not-found' }
  | { status: 'conflict'; field: 'name' }
export type DeleteDepartmentOutcome =
  | { status: 'deleted'; moved: number }
  | { status: 'not-found' }
  | { status: 'not-empty'; members: number }
  | { status: 'target-not-found' }

/** One org's departments (D1, D2). */
export interface DepartmentsRepository {
  /**
   * The org's department, or null (also for another org's). Called inside a transaction it MUST
   * hold the department it returns against a concurrent `delete` until commit (a key-share lock):
   * a member put in a department found here is moved or counted by its deletion (D2).
   */
  findById(orgId: string, id: string): Promise<Department | null>
  /** The org's departments with how many memberships (any status) are in each, by `nameKey` ascending. */
  list(orgId: string): Promise<Array<{ department: Department; memberCount: number }>>
  /**
   * Inserts a department. MUST return `conflict` (storing nothing) when the org has one with the same
   * `nameKey` (names compare ignoring case), also when another transaction inserts it concurrently (D2).
   */
  insert(department: Department): Promise<InsertDepartmentOutcome>
  /** Renames a department of the org; same uniqueness contract as `insert` (its own name is no conflict). */
  rename(
    orgId: string,
    id: string,
    patch: Pick<Department, 'name' | 'nameKey' | 'updatedAt'>,
  ): Promise<RenameDepartmentOutcome>
  /**
   * Deletes a department of the org (D2). Its members move to `moveMembersTo` (their `updatedAt`
   * set to `now`) when given — `target-not-found` (changing nothing) unless that is another
   * department of the org; without it, `not-empty` (changing nothing) while any membership is in
   * it. MUST be atomic: a membership put in the department concurrently is moved or makes the
   * delete `not-empty`, never left pointing at a deleted department.
   */
  delete(
    orgId: string,
    id: string,
    options: { moveMembersTo?: string; now: Date },
  ): Promise<DeleteDepartmentOutcome>
}
