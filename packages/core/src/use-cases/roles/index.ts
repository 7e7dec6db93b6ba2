import type { ResultAsync } from 'neverthrow'
import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import type { MemberView } from '../../domain/member-view.js'
import type { RoleView } from '../../domain/role.js'
import { type AssignRolesError, type AssignRolesInput, assignRoles } from './assign-roles.js'
import { type CheckPermissionError, type CheckPermissionInput, checkPermission } from './check-permission.js'
import { type DefineRoleError, type DefineRoleInput, defineRole } from './define-role.js'
import { type DeleteRoleError, type DeleteRoleInput, deleteRole } from './delete-role.js'
import { type ListRolesError, type ListRolesInput, listRoles } from './list-roles.js'
import { type RevokeRoleError, type RevokeRoleInput, revokeRole } from './revoke-role.js'
import { type SetRolesError, type SetRolesInput, setRoles } from './set-roles.js'
import { type UpdateRoleError, type UpdateRoleInput, updateRole } from './update-role.js'

/**
 * `roster.roles`: custom roles, scoped grants and the permission check (R1–R5). `P` is the host
 * app's permissions (`createRoster({ permissions })`), so role definitions and checks are typed.
 * Declared with method syntax so a `Roster<'buildings:open'>` is still a `Roster<string>` (the HTTP
 * handler and `bindActor` take any roster).
 */
export interface RolesApi<P extends string = never> {
  /**
   * Defines a custom role of the org: a named set of permissions (`roles:manage`).
   * @see `defineRole` in `use-cases/roles/define-role.ts` for the rules it implements and an example.
   */
  define(actor: Actor, input: DefineRoleInput<P>): ResultAsync<RoleView, DefineRoleError>
  /**
   * Renames a custom role or replaces its permissions (`roles:manage`); the change applies at once wherever
   * the role is granted.
   * @see `updateRole` in `use-cases/roles/update-role.ts` for the rules it implements and an example.
   */
  update(actor: Actor, input: UpdateRoleInput<P>): ResultAsync<RoleView, UpdateRoleError>
  /**
   * Deletes a custom role (`roles:manage`).
   * @see `deleteRole` in `use-cases/roles/delete-role.ts` for the rules it implements and an example.
   */
  delete(actor: Actor, input: DeleteRoleInput): ResultAsync<{ roleId: string }, DeleteRoleError>
  /**
   * The org's roles (`members:read`): the built-ins `owner`, `admin`, `member` first, then the custom roles
   * oldest first, each with its permissions spelled out (`owner` lists every permission of the deployment and
   * has `allPermissions: true`).
   * @see `listRoles` in `use-cases/roles/list-roles.ts` for the rules it implements and an example.
   */
  list(actor: Actor, input: ListRolesInput): ResultAsync<RoleView[], ListRolesError>
  /**
   * Gives a member roles, in one transaction: all the grants or none (R2).
   * @see `assignRoles` in `use-cases/roles/assign-roles.ts` for the rules it implements and an example.
   */
  assign(actor: Actor, input: AssignRolesInput): ResultAsync<MemberView, AssignRolesError>
  /**
   * Takes one role assignment (role + scope) away from a member.
   * @see `revokeRole` in `use-cases/roles/revoke-role.ts` for the rules it implements and an example.
   */
  revoke(actor: Actor, input: RevokeRoleInput): ResultAsync<MemberView, RevokeRoleError>
  /**
   * Replaces a member's role assignments with exactly the given grants, in one transaction with one
   * audit event: what a "change role" screen saves.
   * @see `setRoles` in `use-cases/roles/set-roles.ts` for the rules it implements and an example.
   */
  set(actor: Actor, input: SetRolesInput): ResultAsync<MemberView, SetRolesError>
  /**
   * Does the actor hold `permission` in the org — org-wide, or at `resource` when given (R1)? The answer is
   * the union of every grant that applies there: org-wide grants, grants at that resource and grants at every
   * resource of its type.
   * @see `checkPermission` in `use-cases/roles/check-permission.ts` for the rules it implements and an example.
   */
  can(actor: Actor, input: CheckPermissionInput<P>): ResultAsync<boolean, CheckPermissionError>
}

export function rolesApi<P extends string = never>(ctx: RosterContext): RolesApi<P> {
  return {
    define: (actor, input) => defineRole(ctx, actor, input),
    update: (actor, input) => updateRole(ctx, actor, input),
    delete: (actor, input) => deleteRole(ctx, actor, input),
    list: (actor, input) => listRoles(ctx, actor, input),
    assign: (actor, input) => assignRoles(ctx, actor, input),
    revoke: (actor, input) => revokeRole(ctx, actor, input),
    set: (actor, input) => setRoles(ctx, actor, input),
    can: (actor, input) => checkPermission(ctx, actor, input),
  }
}
