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
import { type UpdateRoleError, type UpdateRoleInput, updateRole } from './update-role.js'

/**
 * `roster.roles`: custom roles, scoped grants and the permission check (R1–R5). `P` is the host
 * app's permissions (`createRoster({ permissions })`), so role definitions and checks are typed.
 * Declared with method syntax so a `Roster<'buildings:open'>` is still a `Roster<string>` (the HTTP
 * handler and `bindActor` take any roster).
 */
export interface RolesApi<P extends string = never> {
  /** {@inheritDoc defineRole} */
  define(actor: Actor, input: DefineRoleInput<P>): ResultAsync<RoleView, DefineRoleError>
  /** {@inheritDoc updateRole} */
  update(actor: Actor, input: UpdateRoleInput<P>): ResultAsync<RoleView, UpdateRoleError>
  /** {@inheritDoc deleteRole} */
  delete(actor: Actor, input: DeleteRoleInput): ResultAsync<{ roleId: string }, DeleteRoleError>
  /** {@inheritDoc listRoles} */
  list(actor: Actor, input: ListRolesInput): ResultAsync<RoleView[], ListRolesError>
  /** {@inheritDoc assignRoles} */
  assign(actor: Actor, input: AssignRolesInput): ResultAsync<MemberView, AssignRolesError>
  /** {@inheritDoc revokeRole} */
  revoke(actor: Actor, input: RevokeRoleInput): ResultAsync<MemberView, RevokeRoleError>
  /** {@inheritDoc checkPermission} */
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
    can: (actor, input) => checkPermission(ctx, actor, input),
  }
}
