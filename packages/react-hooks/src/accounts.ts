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
import type { RegisteredClient as RosterClient } from './register.js'
import type { RosterData, RosterInput } from './result.js'

const accountKey = (accountId: string) => [...rosterKeys.all, 'account', accountId] as const
// An account's fields show in every org it belongs to: refresh all of them.
const everywhere = (input: { accountId?: string }) => [
  ...(input.accountId ? [accountKey(input.accountId)] : []),
  [...rosterKeys.all, 'org'] as const,
]

/** Query options for one account (`accounts.get`: oneself, or a member of an org you manage). */
export function accountQueryOptions<TData = RosterData<RosterUseCase<'accounts', 'get'>>>(
  client: RosterClient,
  input: RosterInput<RosterClient['accounts']['get']>,
  options?: RosterQueryHookOptions<RosterUseCase<'accounts', 'get'>, TData>,
) {
  return rosterQueryOptions(accountKey(input.accountId), () => client.accounts.get(input), options)
}
/** One account: profile, status, `mustChangePassword`. */
export function useAccount<TData = RosterData<RosterUseCase<'accounts', 'get'>>>(
  input: RosterInput<RosterClient['accounts']['get']>,
  options?: RosterQueryHookOptions<RosterUseCase<'accounts', 'get'>, TData>,
) {
  return useQuery(accountQueryOptions(useRosterClient(), input, options))
}

/** Mutation options for `accounts.signUp` (public). */
export const signUpMutationOptions = defineMutation('accounts', 'signUp', () => [])
/** Mutation options for `accounts.updateProfile`. */
export const updateProfileMutationOptions = defineMutation('accounts', 'updateProfile', everywhere)
/** Mutation options for `accounts.changeEmail` (per `policy.emailChange`). */
export const changeEmailMutationOptions = defineMutation('accounts', 'changeEmail', everywhere)
/** Mutation options for `accounts.confirmEmail` (public: the mailed link). */
export const confirmEmailMutationOptions = defineMutation('accounts', 'confirmEmail', () => [rosterKeys.all])
/** Mutation options for `accounts.disable` (the whole account, every org). */
export const disableAccountMutationOptions = defineMutation('accounts', 'disable', everywhere)
/** Mutation options for `accounts.enable`. */
export const enableAccountMutationOptions = defineMutation('accounts', 'enable', everywhere)
/** Mutation options for `accounts.linkIdentity` (an SSO identity for sign-in). */
export const linkIdentityMutationOptions = defineMutation('accounts', 'linkIdentity', everywhere)
/** Mutation options for `credentials.requestPasswordReset` (public; answers the same for unknown emails). */
export const requestPasswordResetMutationOptions = defineMutation(
  'credentials',
  'requestPasswordReset',
  () => [],
)
/** Mutation options for `credentials.resetPassword` (public: the mailed link). */
export const resetPasswordMutationOptions = defineMutation('credentials', 'resetPassword', () => [])
/** Mutation options for `credentials.changePassword` (the signed-in person's own). */
export const changePasswordMutationOptions = defineMutation('credentials', 'changePassword', () => [])

/** Signs a person up (public); they get an activation mail. */
export function useSignUp(options?: RosterMutationHookOptions<RosterUseCase<'accounts', 'signUp'>>) {
  return useRosterMutation(signUpMutationOptions, options)
}
/** Edits one's own profile, or a member's under A17. */
export function useUpdateProfile(
  options?: RosterMutationHookOptions<RosterUseCase<'accounts', 'updateProfile'>>,
) {
  return useRosterMutation(updateProfileMutationOptions, options)
}
/** Changes an account's email. */
export function useChangeEmail(
  options?: RosterMutationHookOptions<RosterUseCase<'accounts', 'changeEmail'>>,
) {
  return useRosterMutation(changeEmailMutationOptions, options)
}
/** Confirms a new email from the mailed link. */
export function useConfirmEmail(
  options?: RosterMutationHookOptions<RosterUseCase<'accounts', 'confirmEmail'>>,
) {
  return useRosterMutation(confirmEmailMutationOptions, options)
}
/** Disables a whole account (every org). */
export function useDisableAccount(options?: RosterMutationHookOptions<RosterUseCase<'accounts', 'disable'>>) {
  return useRosterMutation(disableAccountMutationOptions, options)
}
/** Enables a disabled account. */
export function useEnableAccount(options?: RosterMutationHookOptions<RosterUseCase<'accounts', 'enable'>>) {
  return useRosterMutation(enableAccountMutationOptions, options)
}
/** Links an SSO identity (`{ provider, subject }`) to an account. */
export function useLinkIdentity(
  options?: RosterMutationHookOptions<RosterUseCase<'accounts', 'linkIdentity'>>,
) {
  return useRosterMutation(linkIdentityMutationOptions, options)
}
/** Mails a password-reset link. */
export function useRequestPasswordReset(
  options?: RosterMutationHookOptions<RosterUseCase<'credentials', 'requestPasswordReset'>>,
) {
  return useRosterMutation(requestPasswordResetMutationOptions, options)
}
/** Sets a new password from the mailed reset link (`TOKEN_EXPIRED`, `TOKEN_INVALID`). */
export function useResetPassword(
  options?: RosterMutationHookOptions<RosterUseCase<'credentials', 'resetPassword'>>,
) {
  return useRosterMutation(resetPasswordMutationOptions, options)
}
/** Changes the signed-in person's password (`INVALID_CREDENTIALS` for a wrong current one). */
export function useChangePassword(
  options?: RosterMutationHookOptions<RosterUseCase<'credentials', 'changePassword'>>,
) {
  return useRosterMutation(changePasswordMutationOptions, options)
}
