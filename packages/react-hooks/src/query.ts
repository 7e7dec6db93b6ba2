import { type QueryKey, queryOptions } from '@tanstack/react-query'
import { retryTransient, unwrap } from './result.js'

type OkValue<R> = R extends { readonly value: infer T } ? T : never
type ErrValue<R> = R extends { readonly error: infer E } ? E : never

/** @internal Query options over one use-case call, typed from its `ResultAsync`. */
export function rosterQueryOptions<K extends QueryKey, R>(
  queryKey: K,
  call: () => R,
  extra: { refetchInterval?: (data: OkValue<Awaited<R>> | undefined) => number | false } = {},
) {
  const { refetchInterval } = extra
  return queryOptions<OkValue<Awaited<R>>, ErrValue<Awaited<R>>, OkValue<Awaited<R>>, K>({
    queryKey,
    queryFn: () => unwrap(call()) as Promise<OkValue<Awaited<R>>>,
    retry: retryTransient,
    ...(refetchInterval ? { refetchInterval: (query) => refetchInterval(query.state.data) } : {}),
  })
}
