import type { RosterClient } from '@roster/core/http'
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

/**
 * @internal Declares a mutation: which use-case it calls and which key prefixes its success makes
 * stale. `onSuccess` awaits the invalidation, so `mutateAsync` resolves once lists are fresh.
 */
export function defineMutation<F extends AnyUseCase>(
  name: readonly [string, string],
  pick: (client: RosterClient) => F,
  affects: (input: RosterInput<F>, data: RosterData<F>) => readonly QueryKey[],
): RosterMutationOptionsBuilder<F> {
  return (client, queryClient) => ({
    mutationKey: ['roster', ...name],
    mutationFn: (input: RosterInput<F>) => unwrap(pick(client)(input)) as Promise<RosterData<F>>,
    onSuccess: async (data: RosterData<F>, input: RosterInput<F>) => {
      await Promise.all(affects(input, data).map((queryKey) => queryClient.invalidateQueries({ queryKey })))
    },
  })
}
