import type { RegisteredClient as RosterClient } from './register.js'
import { queryOptions, useQuery } from '@tanstack/react-query'
import {
  defineMutation,
  type RosterMutationHookOptions,
  type RosterUseCase,
  useRosterMutation,
} from './mutation.js'
import { useRosterClient } from './provider.js'
import { rosterKeys } from './query-keys.js'
import { type RosterData, type RosterErrorOf, type RosterInput, retryTransient, unwrap } from './result.js'

type Orgs = RosterClient['orgs']

/** Query options for the orgs the signed-in person belongs to (`orgs.listMine`). */
export function myOrgsQueryOptions(client: RosterClient) {
  return queryOptions<
    RosterData<Orgs['listMine']>,
    RosterErrorOf<Orgs['listMine']>,
    RosterData<Orgs['listMine']>,
    ReturnType<typeof rosterKeys.myOrgs>
  >({
    queryKey: rosterKeys.myOrgs(),
    queryFn: () => unwrap(client.orgs.listMine()),
    retry: retryTransient,
  })
}

/**
 * The orgs the signed-in person belongs to, with their role in each — pick the org a screen
 * works on.
 *
 * @example
 * const { data: orgs } = useMyOrgs()
 * const orgId = orgs?.[0]?.id
 */
export function useMyOrgs() {
  const client = useRosterClient()
  return useQuery(myOrgsQueryOptions(client))
}

/** Query options for one org (`orgs.get`). */
export function orgQueryOptions(client: RosterClient, input: RosterInput<Orgs['get']>) {
  return queryOptions<
    RosterData<Orgs['get']>,
    RosterErrorOf<Orgs['get']>,
    RosterData<Orgs['get']>,
    ReturnType<typeof rosterKeys.orgDetail>
  >({
    queryKey: rosterKeys.orgDetail(input.orgId),
    queryFn: () => unwrap(client.orgs.get(input)),
    retry: retryTransient,
  })
}

/** One org: name, slug, founder and settings. */
export function useOrg(input: RosterInput<Orgs['get']>) {
  const client = useRosterClient()
  return useQuery(orgQueryOptions(client, input))
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
