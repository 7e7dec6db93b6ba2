import {
  defineMutation,
  type RosterMutationHookOptions,
  type RosterUseCase,
  useRosterMutation,
} from './mutation.js'
import { rosterKeys } from './query-keys.js'

/** Mutation options for `activation.resend`: a fresh activation link for a pending member. */
export const resendActivationMutationOptions = defineMutation('activation', 'resend', (input) => [
  rosterKeys.member(input.orgId, input.accountId),
  rosterKeys.audit(input.orgId),
])
/**
 * Mutation options for `activation.activate` (public: the person opening their mailed link picks
 * a password). Their account and memberships turn active, so every cached roster query is stale.
 */
export const activateMutationOptions = defineMutation('activation', 'activate', () => [rosterKeys.all])
/** Mutation options for `activation.requestNewLink` (public; always succeeds, A9). */
export const requestNewLinkMutationOptions = defineMutation('activation', 'requestNewLink', () => [])

/** Mails a pending member a fresh activation link. */
export function useResendActivation(
  options?: RosterMutationHookOptions<RosterUseCase<'activation', 'resend'>>,
) {
  return useRosterMutation(resendActivationMutationOptions, options)
}

/**
 * Finishes activation from the mailed link. `error.code` is `'TOKEN_INVALID' | 'TOKEN_EXPIRED' | …`.
 *
 * @example
 * const activate = useActivate()
 * activate.mutate({ token: new URLSearchParams(location.search).get('token')!, password })
 * activate.error?.code === 'TOKEN_EXPIRED' && <RequestNewLinkForm />
 */
export function useActivate(options?: RosterMutationHookOptions<RosterUseCase<'activation', 'activate'>>) {
  return useRosterMutation(activateMutationOptions, options)
}

/** Asks for a fresh activation link by email (answers the same for unknown addresses). */
export function useRequestNewLink(
  options?: RosterMutationHookOptions<RosterUseCase<'activation', 'requestNewLink'>>,
) {
  return useRosterMutation(requestNewLinkMutationOptions, options)
}
