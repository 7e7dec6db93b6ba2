import { type QueryKey, queryOptions, type UseQueryOptions } from '@tanstack/react-query'
import type { ResultAsync } from 'neverthrow'
import { type AnyUseCase, type RosterData, type RosterErrorOf, retryTransient, unwrap } from './result.js'

/**
 * What every query hook (and its `*QueryOptions` factory) accepts beside its input: TanStack
 * Query's `useQuery` options for that use-case — `enabled`, `select`, `staleTime`,
 * `placeholderData`, `refetchInterval`, `meta`… — less the two the factory owns (`queryKey`,
 * `queryFn`). `TData` is what `select` returns (the use-case's value without one).
 *
 * @example
 * const email = useMember({ orgId, accountId }, { select: (member) => member.email, staleTime: 30_000 })
 * //    ^? UseQueryResult<string, GetMemberError | …>
 */
export type RosterQueryHookOptions<F extends AnyUseCase, TData = RosterData<F>> = Omit<
  UseQueryOptions<RosterData<F>, RosterErrorOf<F>, TData, QueryKey>,
  'queryKey' | 'queryFn'
>

/**
 * @internal The one builder under every non-paged query: the key, a `queryFn` that unwraps the
 * use-case's `ResultAsync` (its `RosterError` thrown as is, so `error.code` stays typed), the
 * transient-only `retry`, and the caller's options over them. Returned through TanStack's own
 * `queryOptions`, so the key is tagged with the data type (`queryClient.getQueryData(key)` is typed).
 */
export function rosterQueryOptions<K extends QueryKey, T, E, TData = T>(
  queryKey: K,
  call: () => ResultAsync<T, E>,
  // NoInfer: the value and error types come from the use-case, `TData` from the caller's `select`.
  options: Omit<UseQueryOptions<NoInfer<T>, NoInfer<E>, TData, K>, 'queryKey' | 'queryFn'> = {},
) {
  return queryOptions<T, E, TData, K>({
    retry: retryTransient,
    ...options,
    queryKey,
    queryFn: () => unwrap(call()) as Promise<T>,
  })
}
