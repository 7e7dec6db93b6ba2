import {
  type InfiniteData,
  infiniteQueryOptions,
  keepPreviousData,
  type QueryKey,
  type UseInfiniteQueryOptions,
} from '@tanstack/react-query'
import type { ResultAsync } from 'neverthrow'
import { type AnyUseCase, type RosterData, type RosterErrorOf, retryTransient, unwrap } from './result.js'

/** The pages a paged hook holds: `InfiniteData` of one use-case's `{ items, nextCursor }` pages. */
export type RosterPages<F extends AnyUseCase> = InfiniteData<RosterData<F>, string | null>

/**
 * What every paged (infinite) query hook and its `*InfiniteQueryOptions` factory accept beside the
 * filter: TanStack Query's `useInfiniteQuery` options — `enabled`, `select`, `staleTime`,
 * `placeholderData`, `maxPages`… — less those the factory owns (`queryKey`, `queryFn` and the
 * cursor: `initialPageParam`, `getNextPageParam`, `getPreviousPageParam`). `TData` is what `select`
 * returns (the `InfiniteData` of pages without one).
 *
 * @example
 * const rows = useMembers({ orgId }, { select: (data) => data.pages.flatMap((page) => page.items) })
 * //    rows.data is MemberView[] | undefined
 */
export type RosterInfiniteQueryHookOptions<F extends AnyUseCase, TData = RosterPages<F>> = Omit<
  UseInfiniteQueryOptions<RosterData<F>, RosterErrorOf<F>, TData, QueryKey, string | null>,
  'queryKey' | 'queryFn' | 'initialPageParam' | 'getNextPageParam' | 'getPreviousPageParam'
>

/**
 * @internal The one builder under every paged query (keyset `{ items, nextCursor }`): the cursor is
 * the page param, the previous data stays while filters change (`keepPreviousData`, unless the
 * caller passes its own `placeholderData`), only transient failures retry, and data and error types
 * come from the use-case.
 */
export function pagedQueryOptions<
  K extends QueryKey,
  TPage extends { nextCursor: string | null },
  E,
  TData = InfiniteData<TPage, string | null>,
>(
  queryKey: K,
  page: (cursor: string | undefined) => ResultAsync<TPage, E>,
  // NoInfer: the page and error types come from the use-case, `TData` from the caller's `select`.
  options: Omit<
    UseInfiniteQueryOptions<NoInfer<TPage>, NoInfer<E>, TData, K, string | null>,
    'queryKey' | 'queryFn' | 'initialPageParam' | 'getNextPageParam' | 'getPreviousPageParam'
  > = {},
) {
  return infiniteQueryOptions<TPage, E, TData, K, string | null>({
    placeholderData: keepPreviousData,
    retry: retryTransient,
    ...options,
    queryKey,
    queryFn: ({ pageParam }) => unwrap(page(pageParam ?? undefined)) as Promise<TPage>,
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  })
}

/** @internal Drops `undefined` entries so `{ cursor: undefined }` is not sent as a key. */
export function withCursor<T extends object>(input: T, cursor: string | undefined): T & { cursor?: string } {
  return cursor ? { ...input, cursor } : input
}
