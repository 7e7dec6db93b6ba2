import type { CustomRole } from '../../domain/role.js'

export type InsertRoleOutcome = { status: 'inserted' } | { status: 'conflict'; field: 'name' }
export type UpdateRoleOutcome =
  | { status: 'updated'; role: CustomRole }
  | { status: 'not-found' }
  | { status: 'conflict'; field: 'name' }
export type DeleteRoleOutcome =
  | { status: 'deleted' }
  | { status: 'not-found' }
  | { status: 'in-use'; grants: number }
export type RolePatch = Partial<Pick<CustomRole, 'name' | 'nameKey' | 'permissions' | 'updatedAt'>>

/** The org's custom roles (R4). Built-in roles live in code, never here. */
export interface RolesRepository {
  /** The org's custom roles, oldest (lowest id) first. */
  list(orgId: string): Promise<CustomRole[]>
  /**
   * MUST return the org's custom roles among `ids`, in any order; unknown ids and other orgs' roles
   * are skipped. Called inside a transaction it MUST hold the roles it returns against a concurrent
   * `delete` until commit (a key-share lock): granting a role found here and deleting it never both
   * commit (R4).
   */
  findByIds(orgId: string, ids: readonly string[]): Promise<CustomRole[]>
  /**
   * Inserts a custom role. MUST return `conflict` (storing nothing) when another role of the org has
   * the same `nameKey`, also when another transaction inserts it concurrently.
   */
  insert(role: CustomRole): Promise<InsertRoleOutcome>
  /** Patches a role of the org; same uniqueness contract as `insert`. `not-found` for another org's role. */
  update(orgId: string, id: string, patch: RolePatch): Promise<UpdateRoleOutcome>
  /**
   * Deletes a custom role. MUST return `in-use` with the number of grants (deleting nothing) while
   * any grant references it, also when a concurrent transaction adds one: a delete and a grant of
   * the role never both commit (R4).
   */
  delete(orgId: string, id: string): Promise<DeleteRoleOutcome>
}
