import {
  type InfiniteData,
  infiniteQueryOptions,
  keepPreviousData,
  type QueryKey,
} from '@tanstack/react-query'
import { retryTransient, unwrap } from './result.js'

type OkValue<R> = R extends { readonly value: infer T } ? T : never
type ErrValue<R> = R extends { readonly error: infer E } ? E : never

/**
 * @internal Infinite-query options over a keyset-paged use-case (`{ items, nextCursor }`): the
 * cursor is the page param, the previous data stays while filters change, and data and error
 * types come from the use-case.
 */
export function pagedQueryOptions<K extends QueryKey, R>(
  queryKey: K,
  page: (cursor: string | undefined) => R,
) {
  type PageOf = OkValue<Awaited<R>> & { nextCursor: string | null }
  return infiniteQueryOptions<
    PageOf,
    ErrValue<Awaited<R>>,
    InfiniteData<PageOf, string | null>,
    K,
    string | null
  >({
    queryKey,
    queryFn: ({ pageParam }) => unwrap(page(pageParam ?? undefined)) as Promise<PageOf>,
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    retry: retryTransient,
  })
}

/** @internal Drops `undefined` entries so `{ cursor: undefined }` is not sent as a key. */
export function withCursor<T extends object>(input: T, cursor: string | undefined): T & { cursor?: string } {
  return cursor ? { ...input, cursor } : input
}
