import type { MemberView } from '@roster/core'
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
import type { RosterData, RosterErrorOf, RosterInput } from './result.js'

type Members = RosterClient['members']
type ListMembers = RosterUseCase<'members', 'list'>
type GetMember = RosterUseCase<'members', 'get'>

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
 * `options` are `useInfiniteQuery`'s (`select`, `staleTime`, `enabled`…).
 *
 * @example
 * // Prefetch on the server, then render with useMembers on the client:
 * await queryClient.prefetchInfiniteQuery(membersInfiniteQueryOptions(client, { orgId }))
 */
export function membersInfiniteQueryOptions<TData = RosterPages<ListMembers>>(
  client: RosterClient,
  filter: MembersFilter,
  options?: RosterInfiniteQueryHookOptions<ListMembers, TData>,
) {
  return pagedQueryOptions(
    rosterKeys.memberList(filter.orgId, filter),
    (cursor: string | undefined) => client.members.list(withCursor(filter, cursor)),
    options,
  )
}

/**
 * The org's member directory, page by page. `data.pages.flatMap(p => p.items)` is the list so
 * far; `fetchNextPage()` loads more while `hasNextPage`. The second argument takes
 * `useInfiniteQuery`'s options; `select` changes the type of `data`.
 *
 * @example
 * const members = useMembers({ orgId, search, status: 'active' })
 * if (members.error?.code === 'FORBIDDEN') return <p>You cannot see the staff list.</p>
 * const emails = useMembers({ orgId }, { select: (d) => d.pages.flatMap((p) => p.items.map((m) => m.email)) })
 */
export function useMembers<TData = RosterPages<ListMembers>>(
  filter: MembersFilter,
  options?: RosterInfiniteQueryHookOptions<ListMembers, TData>,
) {
  return useInfiniteQuery(membersInfiniteQueryOptions(useRosterClient(), filter, options))
}

/**
 * Query options for one member (`members.get`), for `useQuery`, `useSuspenseQuery`,
 * `queryClient.prefetchQuery` or `ensureQueryData` with the key `useMember` uses.
 *
 * @example
 * const member = await queryClient.ensureQueryData(memberQueryOptions(client, { orgId, accountId }))
 */
export function memberQueryOptions<TData = RosterData<GetMember>>(
  client: RosterClient,
  input: RosterInput<Members['get']>,
  options?: RosterQueryHookOptions<GetMember, TData>,
) {
  return rosterQueryOptions(
    rosterKeys.member(input.orgId, input.accountId),
    () => client.members.get(input),
    options,
  )
}

/**
 * One member as the calling actor sees them, `allowedActions` included. The second argument takes
 * `useQuery`'s options (`enabled`, `select`, `staleTime`…).
 *
 * @example
 * const { data: member } = useMember({ orgId, accountId })
 * member?.allowedActions.includes('disable') && <DisableButton />
 * const { data: canDisable } = useMember({ orgId, accountId }, { select: (m) => m.allowedActions.includes('disable') })
 */
export function useMember<TData = RosterData<GetMember>>(
  input: RosterInput<Members['get']>,
  options?: RosterQueryHookOptions<GetMember, TData>,
) {
  return useQuery(memberQueryOptions(useRosterClient(), input, options))
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
