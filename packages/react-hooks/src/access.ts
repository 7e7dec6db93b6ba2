import type { RegisteredClient as RosterClient } from './register.js'
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import {
  defineMutation,
  type RosterMutationHookOptions,
  type RosterUseCase,
  useRosterMutation,
} from './mutation.js'
import {
  pagedQueryOptions,
  type RosterInfiniteQueryHookOptions,
  type RosterPages,
  withCursor,
} from './paged.js'
import { useRosterClient } from './provider.js'
import { rosterKeys } from './query-keys.js'
import { type RosterQueryHookOptions, rosterQueryOptions } from './query.js'
import type { RosterData, RosterInput } from './result.js'

type OrgInput = { orgId: string }

// ── Roles ────────────────────────────────────────────────────────────────────────────────────

/** Query options for the org's roles, built-in and custom (`roles.list`). */
export function rolesQueryOptions<TData = RosterData<RosterUseCase<'roles', 'list'>>>(
  client: RosterClient,
  input: RosterInput<RosterClient['roles']['list']>,
  options?: RosterQueryHookOptions<RosterUseCase<'roles', 'list'>, TData>,
) {
  return rosterQueryOptions(rosterKeys.roles(input.orgId), () => client.roles.list(input), options)
}
/** The org's roles: `owner`, `admin`, `member` and the custom ones, with their permissions. */
export function useRoles<TData = RosterData<RosterUseCase<'roles', 'list'>>>(
  input: RosterInput<RosterClient['roles']['list']>,
  options?: RosterQueryHookOptions<RosterUseCase<'roles', 'list'>, TData>,
) {
  return useQuery(rolesQueryOptions(useRosterClient(), input, options))
}
/** Query options for `roles.can`: may the signed-in person do `permission` (at `resourceId`)? */
export function canQueryOptions<TData = RosterData<RosterUseCase<'roles', 'can'>>>(
  client: RosterClient,
  input: RosterInput<RosterClient['roles']['can']>,
  options?: RosterQueryHookOptions<RosterUseCase<'roles', 'can'>, TData>,
) {
  return rosterQueryOptions(
    [...rosterKeys.roles(input.orgId), 'can', input],
    () => client.roles.can(input),
    options,
  )
}
/** Whether the signed-in person holds a permission, to show or hide parts of your own screens. */
export function useCan<TData = RosterData<RosterUseCase<'roles', 'can'>>>(
  input: RosterInput<RosterClient['roles']['can']>,
  options?: RosterQueryHookOptions<RosterUseCase<'roles', 'can'>, TData>,
) {
  return useQuery(canQueryOptions(useRosterClient(), input, options))
}

// A role's definition shows in every member's grants; a grant change in one member's view.
const roleAffects = (input: OrgInput) => [
  rosterKeys.roles(input.orgId),
  rosterKeys.members(input.orgId),
  rosterKeys.audit(input.orgId),
]
const grantAffects = (input: OrgInput) => [
  rosterKeys.members(input.orgId),
  rosterKeys.roles(input.orgId),
  rosterKeys.audit(input.orgId),
]

/** Mutation options for `roles.define` (a custom role from permissions). */
export const defineRoleMutationOptions = defineMutation('roles', 'define', roleAffects)
/** Mutation options for `roles.update`. */
export const updateRoleMutationOptions = defineMutation('roles', 'update', roleAffects)
/** Mutation options for `roles.delete` (`ROLE_IN_USE` while assigned). */
export const deleteRoleMutationOptions = defineMutation('roles', 'delete', roleAffects)
/** Mutation options for `roles.assign`: grants org-wide, per resource or for every resource of a type. */
export const assignRolesMutationOptions = defineMutation('roles', 'assign', grantAffects)
/** Mutation options for `roles.revoke`: one role at one scope. */
export const revokeRoleMutationOptions = defineMutation('roles', 'revoke', grantAffects)
/** Mutation options for `roles.set`: the member's grants replaced by the given ones, in one call. */
export const setRolesMutationOptions = defineMutation('roles', 'set', grantAffects)

/** Defines a custom role. */
export function useDefineRole(options?: RosterMutationHookOptions<RosterUseCase<'roles', 'define'>>) {
  return useRosterMutation(defineRoleMutationOptions, options)
}
/** Renames a custom role or changes its permissions. */
export function useUpdateRole(options?: RosterMutationHookOptions<RosterUseCase<'roles', 'update'>>) {
  return useRosterMutation(updateRoleMutationOptions, options)
}
/** Deletes a custom role. */
export function useDeleteRole(options?: RosterMutationHookOptions<RosterUseCase<'roles', 'delete'>>) {
  return useRosterMutation(deleteRoleMutationOptions, options)
}
/**
 * Assigns roles to a member — many at once, e.g. a role at each selected building. `error.code`
 * includes `ESCALATION` when granting what you do not hold.
 *
 * @example
 * const assign = useAssignRoles()
 * assign.mutate({ orgId, accountId, grants: matrix.grants })
 */
export function useAssignRoles(options?: RosterMutationHookOptions<RosterUseCase<'roles', 'assign'>>) {
  return useRosterMutation(assignRolesMutationOptions, options)
}
/** Revokes one role at one scope from a member. */
export function useRevokeRole(options?: RosterMutationHookOptions<RosterUseCase<'roles', 'revoke'>>) {
  return useRosterMutation(revokeRoleMutationOptions, options)
}
/**
 * Replaces a member's grants with exactly the given ones — a "change role" screen's save, one
 * call and one audit event instead of an assign and a revoke.
 *
 * @example
 * const setRoles = useSetRoles()
 * setRoles.mutate({ orgId, accountId, grants: [{ roleId: 'admin', scope: 'org' }] })
 */
export function useSetRoles(options?: RosterMutationHookOptions<RosterUseCase<'roles', 'set'>>) {
  return useRosterMutation(setRolesMutationOptions, options)
}

// ── Resources (buildings, sites…) ────────────────────────────────────────────────────────────

/** The resource filter: `resources.list` without the cursor. */
export type ResourcesFilter = Omit<RosterInput<RosterClient['resources']['list']>, 'cursor'>

/** Infinite-query options for the org's resources of a type (`resources.list`). */
export function resourcesInfiniteQueryOptions<TData = RosterPages<RosterUseCase<'resources', 'list'>>>(
  client: RosterClient,
  filter: ResourcesFilter,
  options?: RosterInfiniteQueryHookOptions<RosterUseCase<'resources', 'list'>, TData>,
) {
  return pagedQueryOptions(
    rosterKeys.resourceList(filter.orgId, filter),
    (cursor: string | undefined) => client.resources.list(withCursor(filter, cursor)),
    options,
  )
}
/** The org's resources (e.g. `{ type: 'building' }`), page by page. */
export function useResources<TData = RosterPages<RosterUseCase<'resources', 'list'>>>(
  filter: ResourcesFilter,
  options?: RosterInfiniteQueryHookOptions<RosterUseCase<'resources', 'list'>, TData>,
) {
  return useInfiniteQuery(resourcesInfiniteQueryOptions(useRosterClient(), filter, options))
}
const resourceAffects = (input: OrgInput) => [
  rosterKeys.resources(input.orgId),
  rosterKeys.members(input.orgId),
  rosterKeys.audit(input.orgId),
]
/** Mutation options for `resources.create`. */
export const createResourceMutationOptions = defineMutation('resources', 'create', resourceAffects)
/** Mutation options for `resources.delete` (its grants go with it). */
export const deleteResourceMutationOptions = defineMutation('resources', 'delete', resourceAffects)
/** Creates a resource such as a building. */
export function useCreateResource(options?: RosterMutationHookOptions<RosterUseCase<'resources', 'create'>>) {
  return useRosterMutation(createResourceMutationOptions, options)
}
/** Deletes a resource and the grants scoped to it. */
export function useDeleteResource(options?: RosterMutationHookOptions<RosterUseCase<'resources', 'delete'>>) {
  return useRosterMutation(deleteResourceMutationOptions, options)
}

// ── Departments ──────────────────────────────────────────────────────────────────────────────

/** Query options for the org's departments with member counts (`departments.list`). */
export function departmentsQueryOptions<TData = RosterData<RosterUseCase<'departments', 'list'>>>(
  client: RosterClient,
  input: RosterInput<RosterClient['departments']['list']>,
  options?: RosterQueryHookOptions<RosterUseCase<'departments', 'list'>, TData>,
) {
  return rosterQueryOptions(
    rosterKeys.departments(input.orgId),
    () => client.departments.list(input),
    options,
  )
}
/** The org's departments, with how many members each has. */
export function useDepartments<TData = RosterData<RosterUseCase<'departments', 'list'>>>(
  input: RosterInput<RosterClient['departments']['list']>,
  options?: RosterQueryHookOptions<RosterUseCase<'departments', 'list'>, TData>,
) {
  return useQuery(departmentsQueryOptions(useRosterClient(), input, options))
}
const departmentAffects = (input: OrgInput) => [
  rosterKeys.departments(input.orgId),
  rosterKeys.members(input.orgId),
  rosterKeys.audit(input.orgId),
]
/** Mutation options for `departments.create`. */
export const createDepartmentMutationOptions = defineMutation('departments', 'create', departmentAffects)
/** Mutation options for `departments.rename`. */
export const renameDepartmentMutationOptions = defineMutation('departments', 'rename', departmentAffects)
/** Mutation options for `departments.delete` (optionally moving its members elsewhere). */
export const deleteDepartmentMutationOptions = defineMutation('departments', 'delete', departmentAffects)
/** Creates a department. */
export function useCreateDepartment(
  options?: RosterMutationHookOptions<RosterUseCase<'departments', 'create'>>,
) {
  return useRosterMutation(createDepartmentMutationOptions, options)
}
/** Renames a department. */
export function useRenameDepartment(
  options?: RosterMutationHookOptions<RosterUseCase<'departments', 'rename'>>,
) {
  return useRosterMutation(renameDepartmentMutationOptions, options)
}
/** Deletes a department (`DEPARTMENT_NOT_EMPTY` unless `moveMembersTo`). */
export function useDeleteDepartment(
  options?: RosterMutationHookOptions<RosterUseCase<'departments', 'delete'>>,
) {
  return useRosterMutation(deleteDepartmentMutationOptions, options)
}

// ── Join requests ────────────────────────────────────────────────────────────────────────────

/** The join-request filter: `joinRequests.list` without the cursor. */
export type JoinRequestsFilter = Omit<RosterInput<RosterClient['joinRequests']['list']>, 'cursor'>

/** Infinite-query options for the org's join requests (`{ status: 'pending' }` for the inbox). */
export function joinRequestsInfiniteQueryOptions<TData = RosterPages<RosterUseCase<'joinRequests', 'list'>>>(
  client: RosterClient,
  filter: JoinRequestsFilter,
  options?: RosterInfiniteQueryHookOptions<RosterUseCase<'joinRequests', 'list'>, TData>,
) {
  return pagedQueryOptions(
    rosterKeys.joinRequestList(filter.orgId, filter),
    (cursor: string | undefined) => client.joinRequests.list(withCursor(filter, cursor)),
    options,
  )
}
/** People asking to join the org, page by page. */
export function useJoinRequests<TData = RosterPages<RosterUseCase<'joinRequests', 'list'>>>(
  filter: JoinRequestsFilter,
  options?: RosterInfiniteQueryHookOptions<RosterUseCase<'joinRequests', 'list'>, TData>,
) {
  return useInfiniteQuery(joinRequestsInfiniteQueryOptions(useRosterClient(), filter, options))
}
type ListMyJoinRequests = RosterUseCase<'joinRequests', 'listMine'>

/** Query options for the signed-in person's own join requests (`joinRequests.listMine`). */
export function myJoinRequestsQueryOptions<TData = RosterData<ListMyJoinRequests>>(
  client: RosterClient,
  options?: RosterQueryHookOptions<ListMyJoinRequests, TData>,
) {
  return rosterQueryOptions(rosterKeys.myJoinRequests(), () => client.joinRequests.listMine({}), options)
}
/**
 * The signed-in person's own join requests to every org, newest first: pending (cancellable),
 * approved, denied with the reason, cancelled. Takes `useQuery`'s options.
 *
 * @example
 * const { data: mine } = useMyJoinRequests()
 * const waiting = mine?.filter((r) => r.status === 'pending') ?? []
 */
export function useMyJoinRequests<TData = RosterData<ListMyJoinRequests>>(
  options?: RosterQueryHookOptions<ListMyJoinRequests, TData>,
) {
  return useQuery(myJoinRequestsQueryOptions(useRosterClient(), options))
}

// Deciding a request changes the inbox and (when approved) the directory of the request's org.
const decidedAffects = (data: { orgId: string }) => [
  rosterKeys.myJoinRequests(),
  rosterKeys.joinRequests(data.orgId),
  rosterKeys.members(data.orgId),
  rosterKeys.audit(data.orgId),
]
/** Mutation options for `joinRequests.create` (the signed-in person asks to join an org). */
export const createJoinRequestMutationOptions = defineMutation('joinRequests', 'create', (input) => [
  rosterKeys.myJoinRequests(),
  rosterKeys.joinRequests(input.orgId),
  rosterKeys.myOrgs(),
])
/** Mutation options for `joinRequests.approve` (type and grants of the new member). */
export const approveJoinRequestMutationOptions = defineMutation('joinRequests', 'approve', (_input, data) =>
  decidedAffects(data),
)
/** Mutation options for `joinRequests.deny` (the reason is mailed). */
export const denyJoinRequestMutationOptions = defineMutation('joinRequests', 'deny', (_input, data) =>
  decidedAffects(data),
)
/** Mutation options for `joinRequests.cancel` (by the requester). */
export const cancelJoinRequestMutationOptions = defineMutation('joinRequests', 'cancel', (_input, data) => [
  ...decidedAffects(data),
  rosterKeys.myOrgs(),
])
/** Asks to join an org. */
export function useCreateJoinRequest(
  options?: RosterMutationHookOptions<RosterUseCase<'joinRequests', 'create'>>,
) {
  return useRosterMutation(createJoinRequestMutationOptions, options)
}
/** Approves a join request: the requester becomes a member. */
export function useApproveJoinRequest(
  options?: RosterMutationHookOptions<RosterUseCase<'joinRequests', 'approve'>>,
) {
  return useRosterMutation(approveJoinRequestMutationOptions, options)
}
/** Denies a join request. */
export function useDenyJoinRequest(
  options?: RosterMutationHookOptions<RosterUseCase<'joinRequests', 'deny'>>,
) {
  return useRosterMutation(denyJoinRequestMutationOptions, options)
}
/** Cancels one's own pending join request. */
export function useCancelJoinRequest(
  options?: RosterMutationHookOptions<RosterUseCase<'joinRequests', 'cancel'>>,
) {
  return useRosterMutation(cancelJoinRequestMutationOptions, options)
}
