import type { RegisteredClient as RosterClient } from './register.js'
import type { QueryClient, QueryKey, UseMutationOptions } from '@tanstack/react-query'
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
