import type { MemberView } from '@roster/core'
import type { RegisteredClient as RosterClient } from './register.js'
import {
  type InfiniteData,
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query'
import {
  defineMutation,
  type RosterMutationHookOptions,
  type RosterUseCase,
  useRosterMutation,
} from './mutation.js'
import { useRosterClient } from './provider.js'
import { rosterKeys } from './query-keys.js'
import { type RosterErrorOf, type RosterInput, retryTransient, unwrap } from './result.js'

type Members = RosterClient['members']

/** The filters of the member directory: `members.list`'s input without the cursor. */
export type MembersFilter = Omit<RosterInput<Members['list']>, 'cursor'>
/** One page of the member directory. */
export interface MembersPage {
  items: MemberView[]
  nextCursor: string | null
}
/** The error `members.list` fails with (`VALIDATION`, `FORBIDDEN`, `ORG_NOT_FOUND`…). */
export type MembersError = RosterErrorOf<Members['list']>

/**
 * Infinite-query options for the member directory: cursor paging, search and filters, and the
 * previous result kept on screen while a new search loads (`placeholderData: keepPreviousData`).
 *
 * @example
 * // Prefetch on the server, then render with useMembers on the client:
 * await queryClient.prefetchInfiniteQuery(membersInfiniteQueryOptions(client, { orgId }))
 */
export function membersInfiniteQueryOptions(client: RosterClient, filter: MembersFilter) {
  return infiniteQueryOptions<
    MembersPage,
    MembersError,
    InfiniteData<MembersPage, string | null>,
    ReturnType<typeof rosterKeys.memberList>,
    string | null
  >({
    queryKey: rosterKeys.memberList(filter.orgId, filter),
    queryFn: ({ pageParam }) =>
      unwrap(client.members.list({ ...filter, ...(pageParam ? { cursor: pageParam } : {}) })),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    retry: retryTransient,
  })
}

/**
 * The org's member directory, page by page. `data.pages.flatMap(p => p.items)` is the list so
 * far; `fetchNextPage()` loads more while `hasNextPage`.
 *
 * @example
 * const members = useMembers({ orgId, search, status: 'active' })
 * if (members.error?.code === 'FORBIDDEN') return <p>You cannot see the staff list.</p>
 */
export function useMembers(filter: MembersFilter) {
  const client = useRosterClient()
  return useInfiniteQuery(membersInfiniteQueryOptions(client, filter))
}

/** Query options for one member (`members.get`). */
export function memberQueryOptions(client: RosterClient, input: RosterInput<Members['get']>) {
  return queryOptions<
    MemberView,
    RosterErrorOf<Members['get']>,
    MemberView,
    ReturnType<typeof rosterKeys.member>
  >({
    queryKey: rosterKeys.member(input.orgId, input.accountId),
    queryFn: () => unwrap(client.members.get(input)),
    retry: retryTransient,
  })
}

/**
 * One member as the calling actor sees them, `allowedActions` included.
 *
 * @example
 * const { data: member } = useMember({ orgId, accountId })
 * member?.allowedActions.includes('disable') && <DisableButton />
 */
export function useMember(input: RosterInput<Members['get']>, options: { enabled?: boolean } = {}) {
  const client = useRosterClient()
  return useQuery({ ...memberQueryOptions(client, input), ...options })
}

// Member changes show in the directory, in seat and number counts, and in the audit log.
const memberAffects = (input: { orgId: string }) => [rosterKeys.org(input.orgId)]

/** Mutation options for `members.add`; success refreshes the org's lists. */
export const addMemberMutationOptions = defineMutation('members', 'add', memberAffects)
/** Mutation options for `members.addMany` (a CSV import: one result per row). */
export const addManyMembersMutationOptions = defineMutation('members', 'addMany', memberAffects)
/** Mutation options for `members.update`. */
export const updateMemberMutationOptions = defineMutation('members', 'update', memberAffects)
/** Mutation options for `members.disable`. */
export const disableMemberMutationOptions = defineMutation('members', 'disable', memberAffects)
/** Mutation options for `members.enable`. */
export const enableMemberMutationOptions = defineMutation('members', 'enable', memberAffects)
/** Mutation options for `members.remove` (frees their seats and numbers). */
export const removeMemberMutationOptions = defineMutation('members', 'remove', memberAffects)
/**
 * Adds a staff member or guest. `error.code` is typed: `'ALREADY_MEMBER' | 'EMAIL_BLOCKED' | …`.
 *
 * @example
 * const add = useAddMember()
 * add.mutate({ orgId, email, firstName, lastName }, { onSuccess: () => form.reset() })
 * add.error?.code === 'VALIDATION' && add.error.details?.issues
 */
export function useAddMember(options?: RosterMutationHookOptions<RosterUseCase<'members', 'add'>>) {
  return useRosterMutation(addMemberMutationOptions, options)
}

/** Adds many people at once (`members.addMany`); the result lists each row's outcome. */
export function useAddManyMembers(options?: RosterMutationHookOptions<RosterUseCase<'members', 'addMany'>>) {
  return useRosterMutation(addManyMembersMutationOptions, options)
}

/** Edits a member's department, title, type, or (A17) their account fields. */
export function useUpdateMember(options?: RosterMutationHookOptions<RosterUseCase<'members', 'update'>>) {
  return useRosterMutation(updateMemberMutationOptions, options)
}

/** Disables a member in this org (they keep their account and other orgs). */
export function useDisableMember(options?: RosterMutationHookOptions<RosterUseCase<'members', 'disable'>>) {
  return useRosterMutation(disableMemberMutationOptions, options)
}

/** Enables a disabled member. */
export function useEnableMember(options?: RosterMutationHookOptions<RosterUseCase<'members', 'enable'>>) {
  return useRosterMutation(enableMemberMutationOptions, options)
}

/** Removes a member from the org. */
export function useRemoveMember(options?: RosterMutationHookOptions<RosterUseCase<'members', 'remove'>>) {
  return useRosterMutation(removeMemberMutationOptions, options)
}

// The signed-in person's own memberships: their org list and that org's directory change.
const selfAffects = (input: { orgId: string }) => [rosterKeys.myOrgs(), rosterKeys.org(input.orgId)]
/** Mutation options for `members.leave` (the signed-in person leaves an org). */
export const leaveOrgMutationOptions = defineMutation('members', 'leave', selfAffects)
/** Mutation options for `members.acceptInvitation`. */
export const acceptInvitationMutationOptions = defineMutation('members', 'acceptInvitation', selfAffects)
/** Mutation options for `members.declineInvitation`. */
export const declineInvitationMutationOptions = defineMutation('members', 'declineInvitation', selfAffects)

/** Leaves an org (the founder cannot). */
export function useLeaveOrg(options?: RosterMutationHookOptions<RosterUseCase<'members', 'leave'>>) {
  return useRosterMutation(leaveOrgMutationOptions, options)
}
/** Accepts an invitation to an org (listed by `useMyOrgs` as `invited`). */
export function useAcceptInvitation(
  options?: RosterMutationHookOptions<RosterUseCase<'members', 'acceptInvitation'>>,
) {
  return useRosterMutation(acceptInvitationMutationOptions, options)
}
/** Declines an invitation to an org. */
export function useDeclineInvitation(
  options?: RosterMutationHookOptions<RosterUseCase<'members', 'declineInvitation'>>,
) {
  return useRosterMutation(declineInvitationMutationOptions, options)
}
