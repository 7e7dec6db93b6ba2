import type { RegisteredClient as RosterClient } from './register.js'
import { useQuery } from '@tanstack/react-query'
import {
  defineMutation,
  type RosterMutationHookOptions,
  type RosterUseCase,
  useRosterMutation,
} from './mutation.js'
import { useRosterClient } from './provider.js'
import { rosterKeys } from './query-keys.js'
import { type RosterQueryHookOptions, rosterQueryOptions } from './query.js'
import type { RosterData, RosterInput } from './result.js'

// The admin side of SCIM provisioning (docs/guides/scim.md): an org's SCIM connections, their
// tokens, their recent activity and the groups they pushed (with what each gives). The IdP side is
// server-only and has no hooks.
type ListScimConnections = RosterUseCase<'scim', 'listConnections'>
type ScimActivity = RosterUseCase<'scim', 'activity'>
type ListScimGroups = RosterUseCase<'scim', 'listGroups'>

const scimKey = (orgId: string) => [...rosterKeys.org(orgId), 'scim'] as const

/**
 * Query options for the org's SCIM connections (`scim.listConnections`).
 *
 * @example
 * await queryClient.prefetchQuery(scimConnectionsQueryOptions(client, { orgId }))
 */
export function scimConnectionsQueryOptions<TData = RosterData<ListScimConnections>>(
  client: RosterClient,
  input: RosterInput<RosterClient['scim']['listConnections']>,
  options?: RosterQueryHookOptions<ListScimConnections, TData>,
) {
  return rosterQueryOptions(
    [...scimKey(input.orgId), 'connections'] as const,
    () => client.scim.listConnections(input),
    options,
  )
}
/**
 * The org's SCIM connections. Takes `useQuery`'s options.
 *
 * @example
 * const { data: connections } = useScimConnections({ orgId })
 */
export function useScimConnections<TData = RosterData<ListScimConnections>>(
  input: RosterInput<RosterClient['scim']['listConnections']>,
  options?: RosterQueryHookOptions<ListScimConnections, TData>,
) {
  return useQuery(scimConnectionsQueryOptions(useRosterClient(), input, options))
}

/**
 * Query options for one SCIM connection's recent activity (`scim.activity`: its audit trail, a page).
 *
 * @example
 * await queryClient.prefetchQuery(scimActivityQueryOptions(client, { orgId, connectionId }))
 */
export function scimActivityQueryOptions<TData = RosterData<ScimActivity>>(
  client: RosterClient,
  input: RosterInput<RosterClient['scim']['activity']>,
  options?: RosterQueryHookOptions<ScimActivity, TData>,
) {
  const { orgId, ...rest } = input
  return rosterQueryOptions(
    [...scimKey(orgId), 'activity', rest] as const,
    () => client.scim.activity(input),
    options,
  )
}
/**
 * A SCIM connection's recent activity (what the IdP pushed). Takes `useQuery`'s options.
 *
 * @example
 * const { data } = useScimActivity({ orgId, connectionId })
 */
export function useScimActivity<TData = RosterData<ScimActivity>>(
  input: RosterInput<RosterClient['scim']['activity']>,
  options?: RosterQueryHookOptions<ScimActivity, TData>,
) {
  return useQuery(scimActivityQueryOptions(useRosterClient(), input, options))
}

/**
 * Query options for the groups a SCIM connection pushed (`scim.listGroups`: each with its mapping
 * and member count, a page by id with the total).
 *
 * @example
 * await queryClient.prefetchQuery(scimGroupsQueryOptions(client, { orgId, connectionId }))
 */
export function scimGroupsQueryOptions<TData = RosterData<ListScimGroups>>(
  client: RosterClient,
  input: RosterInput<RosterClient['scim']['listGroups']>,
  options?: RosterQueryHookOptions<ListScimGroups, TData>,
) {
  const { orgId, ...rest } = input
  return rosterQueryOptions(
    [...scimKey(orgId), 'groups', rest] as const,
    () => client.scim.listGroups(input),
    options,
  )
}
/**
 * The groups a SCIM connection pushed, to map each to a role, department or license (SC10).
 * Takes `useQuery`'s options.
 *
 * @example
 * const { data } = useScimGroups({ orgId, connectionId })
 * const unmapped = data?.items.filter((group) => group.mapping === null)
 */
export function useScimGroups<TData = RosterData<ListScimGroups>>(
  input: RosterInput<RosterClient['scim']['listGroups']>,
  options?: RosterQueryHookOptions<ListScimGroups, TData>,
) {
  return useQuery(scimGroupsQueryOptions(useRosterClient(), input, options))
}

/**
 * Mutation options for `scim.mapGroup`. A mapping gives or takes away roles, a department or seats
 * of every member of the group, so success refreshes everything of the org (members, seats,
 * departments, audit and the groups).
 */
export const mapScimGroupMutationOptions = defineMutation('scim', 'mapGroup', (input) => [
  rosterKeys.org(input.orgId),
])
/**
 * Maps a SCIM group to what its members get (a role at resources or everywhere, a department, a
 * license seat), or unmaps it with `mapping: null`; its members lose only what the group gave.
 * `error.code` is typed, e.g. `'NO_SEATS_AVAILABLE'` when the pool cannot seat every member.
 *
 * @example
 * const map = useMapScimGroup()
 * map.mutate({ orgId, connectionId, groupId, mapping: { kind: 'role', roleId, resourceIds: 'every' } })
 */
export function useMapScimGroup(options?: RosterMutationHookOptions<RosterUseCase<'scim', 'mapGroup'>>) {
  return useRosterMutation(mapScimGroupMutationOptions, options)
}

/** Mutation options for `scim.createConnection`: `data` carries the bearer token, shown once. */
export const createScimConnectionMutationOptions = defineMutation('scim', 'createConnection', (input) => [
  scimKey(input.orgId),
  rosterKeys.connections(input.orgId),
])
/** Mutation options for `scim.rotateToken`: a new token (shown once); the old one stops working. */
export const rotateScimTokenMutationOptions = defineMutation('scim', 'rotateToken', (input) => [
  scimKey(input.orgId),
])
/** Mutation options for `scim.revokeTokens`: the connection's tokens stop working. */
export const revokeScimTokensMutationOptions = defineMutation('scim', 'revokeTokens', (input) => [
  scimKey(input.orgId),
])

/**
 * Creates a SCIM connection; show `data`'s token once and never again.
 *
 * @example
 * const create = useCreateScimConnection()
 * create.mutate({ orgId, name: 'Okta' }, { onSuccess: (created) => showOnce(created.token) })
 */
export function useCreateScimConnection(
  options?: RosterMutationHookOptions<RosterUseCase<'scim', 'createConnection'>>,
) {
  return useRosterMutation(createScimConnectionMutationOptions, options)
}
/** Rotates a SCIM connection's token (the new one is in `data`, shown once). */
export function useRotateScimToken(
  options?: RosterMutationHookOptions<RosterUseCase<'scim', 'rotateToken'>>,
) {
  return useRosterMutation(rotateScimTokenMutationOptions, options)
}
/** Revokes every token of a SCIM connection. */
export function useRevokeScimTokens(
  options?: RosterMutationHookOptions<RosterUseCase<'scim', 'revokeTokens'>>,
) {
  return useRosterMutation(revokeScimTokensMutationOptions, options)
}
