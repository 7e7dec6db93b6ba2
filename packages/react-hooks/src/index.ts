// @roster/react: React hooks for Roster on TanStack Query. Explicit named exports only.
export { RosterProvider, useRosterClient, type RosterProviderProps } from './provider.js'
export { rosterKeys } from './query-keys.js'
export {
  unwrap,
  retryTransient,
  type AnyUseCase,
  type RosterData,
  type RosterErrorOf,
  type RosterInput,
} from './result.js'
export type { RosterMutationOptions, RosterMutationOptionsBuilder } from './mutation.js'
export {
  membersInfiniteQueryOptions,
  memberQueryOptions,
  addMemberMutationOptions,
  addManyMembersMutationOptions,
  updateMemberMutationOptions,
  disableMemberMutationOptions,
  enableMemberMutationOptions,
  removeMemberMutationOptions,
  useMembers,
  useMember,
  useAddMember,
  useAddManyMembers,
  useUpdateMember,
  useDisableMember,
  useEnableMember,
  useRemoveMember,
  type MembersFilter,
  type MembersPage,
  type MembersError,
} from './members.js'
export {
  myOrgsQueryOptions,
  orgQueryOptions,
  createOrgMutationOptions,
  updateOrgMutationOptions,
  useMyOrgs,
  useOrg,
  useCreateOrg,
  useUpdateOrg,
} from './orgs.js'
export {
  resendActivationMutationOptions,
  activateMutationOptions,
  requestNewLinkMutationOptions,
  useResendActivation,
  useActivate,
  useRequestNewLink,
} from './activation.js'
