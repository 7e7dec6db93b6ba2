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

type ListConnections = RosterUseCase<'connections', 'list'>

/** What `useConnections` accepts: `useQuery`'s options, and how often to poll while a run holds a connection. */
export type ConnectionsQueryHookOptions<TData = RosterData<ListConnections>> = RosterQueryHookOptions<
  ListConnections,
  TData
> & {
  /** Milliseconds between polls while a connection is `running`. Default 2000. */
  pollMs?: number
}

/**
 * Query options for the org's connections (`connections.list`): the directories it syncs and the
 * orgs whose members are its guests. While a run holds a connection (`running`), the query polls
 * every `pollMs` (default 2 s) — the sync progress a browser can see over HTTP. A `refetchInterval`
 * of the caller's replaces that polling.
 *
 * @example
 * await queryClient.prefetchQuery(connectionsQueryOptions(client, { orgId }))
 */
export function connectionsQueryOptions<TData = RosterData<ListConnections>>(
  client: RosterClient,
  input: RosterInput<RosterClient['connections']['list']>,
  { pollMs = 2000, ...options }: ConnectionsQueryHookOptions<TData> = {},
) {
  return rosterQueryOptions(rosterKeys.connections(input.orgId), () => client.connections.list(input), {
    refetchInterval: (query) => (query.state.data?.some((connection) => connection.running) ? pollMs : false),
    ...options,
  })
}
/**
 * The org's connections, polled while one is syncing. Takes `useQuery`'s options and `pollMs`.
 *
 * @example
 * const running = useConnections({ orgId }, { select: (all) => all.filter((c) => c.running) })
 */
export function useConnections<TData = RosterData<ListConnections>>(
  input: RosterInput<RosterClient['connections']['list']>,
  options?: ConnectionsQueryHookOptions<TData>,
) {
  return useQuery(connectionsQueryOptions(useRosterClient(), input, options))
}

// A sync adds, updates, disables or removes guests: the directory, seats and log change with it.
const connectionAffects = (orgId: string) => [
  rosterKeys.connections(orgId),
  rosterKeys.members(orgId),
  rosterKeys.licenses(orgId),
  rosterKeys.audit(orgId),
]
/** Mutation options for `connections.connectSource` (a registered `DirectorySource` for this org). */
export const connectSourceMutationOptions = defineMutation('connections', 'connectSource', (input) =>
  connectionAffects(input.orgId),
)
/** Mutation options for `connections.request` (the guest org asks the host org). */
export const requestConnectionMutationOptions = defineMutation('connections', 'request', (input) => [
  rosterKeys.connections(input.guestOrgId),
  rosterKeys.connections(input.hostOrgId),
])
/** Mutation options for `connections.approve` (the host org accepts the guest org). */
export const approveConnectionMutationOptions = defineMutation('connections', 'approve', (_input, data) =>
  connectionAffects(data.orgId),
)
/** Mutation options for `connections.sync`: runs it now; resolves with the `SyncReport`. */
export const syncConnectionMutationOptions = defineMutation('connections', 'sync', () => [
  [...rosterKeys.all, 'org'],
])
/** Mutation options for `connections.disconnect` (its guests are disabled or removed). */
export const disconnectMutationOptions = defineMutation('connections', 'disconnect', () => [
  [...rosterKeys.all, 'org'],
])

/** Connects a directory source to the org. */
export function useConnectSource(
  options?: RosterMutationHookOptions<RosterUseCase<'connections', 'connectSource'>>,
) {
  return useRosterMutation(connectSourceMutationOptions, options)
}
/** Asks another org to take this org's members as guests. */
export function useRequestConnection(
  options?: RosterMutationHookOptions<RosterUseCase<'connections', 'request'>>,
) {
  return useRosterMutation(requestConnectionMutationOptions, options)
}
/** Accepts a connection request. */
export function useApproveConnection(
  options?: RosterMutationHookOptions<RosterUseCase<'connections', 'approve'>>,
) {
  return useRosterMutation(approveConnectionMutationOptions, options)
}
/**
 * Syncs a connection now; `data` is the `SyncReport` (`added`, `updated`, `disabled`, `removed`,
 * `unchanged`, `errors`).
 *
 * @example
 * const sync = useSyncConnection()
 * sync.mutate({ connectionId }, { onSuccess: (report) => toast(`${report.added} added`) })
 */
export function useSyncConnection(options?: RosterMutationHookOptions<RosterUseCase<'connections', 'sync'>>) {
  return useRosterMutation(syncConnectionMutationOptions, options)
}
/** Ends a connection. */
export function useDisconnect(
  options?: RosterMutationHookOptions<RosterUseCase<'connections', 'disconnect'>>,
) {
  return useRosterMutation(disconnectMutationOptions, options)
}
