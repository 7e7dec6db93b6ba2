import type { RegisteredClient as RosterClient } from './register.js'
import {
  type QueryClient,
  type QueryKey,
  type UseMutationOptions,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query'
import { useRosterClient } from './provider.js'
import { type AnyUseCase, type RosterData, type RosterErrorOf, type RosterInput, unwrap } from './result.js'

/** The options a `*MutationOptions` builder returns: typed data, `RosterError` and input. */
export type RosterMutationOptions<F extends AnyUseCase> = UseMutationOptions<
  RosterData<F>,
  RosterErrorOf<F>,
  RosterInput<F>
> & { mutationKey: QueryKey }

/** A builder of mutation options for one use-case (see `addMemberMutationOptions`). */
export type RosterMutationOptionsBuilder<F extends AnyUseCase> = (
  client: RosterClient,
  queryClient: QueryClient,
) => RosterMutationOptions<F>

type Namespace = keyof RosterClient & string

/** The use-case `namespace.method` of a `RosterClient`, e.g. `RosterUseCase<'members', 'add'>`. */
export type RosterUseCase<
  NS extends Namespace,
  M extends keyof RosterClient[NS] & string,
> = RosterClient[NS][M] extends AnyUseCase ? RosterClient[NS][M] : never

/**
 * @internal Declares a mutation: which use-case it calls and which key prefixes its success makes
 * stale. `onSuccess` awaits the invalidation, so `mutateAsync` resolves once lists are fresh.
 */
export function defineMutation<NS extends Namespace, M extends keyof RosterClient[NS] & string>(
  namespace: NS,
  method: M,
  affects: (
    input: RosterInput<RosterUseCase<NS, M>>,
    data: RosterData<RosterUseCase<NS, M>>,
  ) => readonly QueryKey[],
): RosterMutationOptionsBuilder<RosterUseCase<NS, M>> {
  type F = RosterUseCase<NS, M>
  return (client, queryClient) => ({
    mutationKey: ['roster', namespace, method],
    mutationFn: (input: RosterInput<F>) => {
      const useCase = (client[namespace] as Record<string, AnyUseCase>)[method] as AnyUseCase
      return unwrap(useCase(input)) as Promise<RosterData<F>>
    },
    onSuccess: async (data: RosterData<F>, input: RosterInput<F>) => {
      await Promise.all(affects(input, data).map((queryKey) => queryClient.invalidateQueries({ queryKey })))
    },
  })
}

/**
 * What every mutation hook accepts: TanStack's mutation options for that use-case, less the two
 * the hook owns (`mutationFn`, `mutationKey`). `onSuccess` runs after the hook's own invalidation
 * has finished, so it sees fresh lists; `onError`, `onSettled`, `retry`, `meta`… pass through.
 */
export type RosterMutationHookOptions<F extends AnyUseCase> = Omit<
  UseMutationOptions<RosterData<F>, RosterErrorOf<F>, RosterInput<F>>,
  'mutationFn' | 'mutationKey'
>

/**
 * @internal The body of every mutation hook: the builder's options on the provider's client,
 * with the caller's options composed over them (the invalidation first, then the caller's
 * `onSuccess`), so neither replaces the other.
 */
export function useRosterMutation<F extends AnyUseCase>(
  builder: RosterMutationOptionsBuilder<F>,
  options: RosterMutationHookOptions<F> = {},
) {
  const own = builder(useRosterClient(), useQueryClient())
  return useMutation<RosterData<F>, RosterErrorOf<F>, RosterInput<F>>({
    ...options,
    ...own,
    onSuccess: async (...args) => {
      await own.onSuccess?.(...args)
      await options.onSuccess?.(...args)
    },
  })
}
