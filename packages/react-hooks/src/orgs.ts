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

type ListMyOrgs = RosterUseCase<'orgs', 'listMine'>
type GetOrg = RosterUseCase<'orgs', 'get'>

/** Query options for the orgs the signed-in person belongs to (`orgs.listMine`). */
export function myOrgsQueryOptions<TData = RosterData<ListMyOrgs>>(
  client: RosterClient,
  options?: RosterQueryHookOptions<ListMyOrgs, TData>,
) {
  return rosterQueryOptions(rosterKeys.myOrgs(), () => client.orgs.listMine(), options)
}

/**
 * The orgs the signed-in person belongs to, with their role in each — pick the org a screen
 * works on. Takes `useQuery`'s options (`select`, `staleTime`…).
 *
 * @example
 * const { data: orgs } = useMyOrgs()
 * const orgId = orgs?.[0]?.org.id
 * const { data: activeOrgIds } = useMyOrgs({ select: (mine) => mine.filter((m) => m.membershipStatus === 'active').map((m) => m.org.id) })
 */
export function useMyOrgs<TData = RosterData<ListMyOrgs>>(
  options?: RosterQueryHookOptions<ListMyOrgs, TData>,
) {
  return useQuery(myOrgsQueryOptions(useRosterClient(), options))
}

/** Query options for one org (`orgs.get`). */
export function orgQueryOptions<TData = RosterData<GetOrg>>(
  client: RosterClient,
  input: RosterInput<RosterClient['orgs']['get']>,
  options?: RosterQueryHookOptions<GetOrg, TData>,
) {
  return rosterQueryOptions(rosterKeys.orgDetail(input.orgId), () => client.orgs.get(input), options)
}

/** One org: name, slug, founder and settings. Takes `useQuery`'s options. */
export function useOrg<TData = RosterData<GetOrg>>(
  input: RosterInput<RosterClient['orgs']['get']>,
  options?: RosterQueryHookOptions<GetOrg, TData>,
) {
  return useQuery(orgQueryOptions(useRosterClient(), input, options))
}

/** Mutation options for `orgs.create`. */
export const createOrgMutationOptions = defineMutation('orgs', 'create', () => [rosterKeys.myOrgs()])
/** Mutation options for `orgs.update` (name, email, settings such as `joinRequests`). */
export const updateOrgMutationOptions = defineMutation('orgs', 'update', (input) => [
  rosterKeys.org(input.orgId),
  rosterKeys.myOrgs(),
])

/** Founds an org with the signed-in person as founder. */
export function useCreateOrg(options?: RosterMutationHookOptions<RosterUseCase<'orgs', 'create'>>) {
  return useRosterMutation(createOrgMutationOptions, options)
}

/** Renames an org or changes its settings. */
export function useUpdateOrg(options?: RosterMutationHookOptions<RosterUseCase<'orgs', 'update'>>) {
  return useRosterMutation(updateOrgMutationOptions, options)
}

/** Mutation options for `orgs.transferFoundership`: the founder hands the org to another member. */
export const transferFoundershipMutationOptions = defineMutation('orgs', 'transferFoundership', (input) => [
  rosterKeys.org(input.orgId),
  rosterKeys.myOrgs(),
])

/** Makes another active employee the founder (only the founder may; offered as `transferFoundership`). */
export function useTransferFoundership(
  options?: RosterMutationHookOptions<RosterUseCase<'orgs', 'transferFoundership'>>,
) {
  return useRosterMutation(transferFoundershipMutationOptions, options)
}

/** Mutation options for `orgs.delete` (founder only, once no one else is left: `ORG_NOT_EMPTY`). */
export const deleteOrgMutationOptions = defineMutation('orgs', 'delete', (input) => [
  rosterKeys.org(input.orgId),
  rosterKeys.myOrgs(),
])

/** Deletes an org. */
export function useDeleteOrg(options?: RosterMutationHookOptions<RosterUseCase<'orgs', 'delete'>>) {
  return useRosterMutation(deleteOrgMutationOptions, options)
}
