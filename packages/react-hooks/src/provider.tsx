import type { AnyRoster, RosterClient } from '@roster/core/http'
import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query'
import { createContext, type ReactNode, useContext, useState } from 'react'
import type { RegisteredClient } from './register.js'

const RosterClientContext = createContext<RosterClient<AnyRoster> | null>(null)

/** Props of `RosterProvider`. */
export interface RosterProviderProps {
  /** `createRosterClient({ baseUrl })` in the browser; `bindActor(roster, actor)` in tests and SSR. */
  client: RosterClient<AnyRoster>
  /**
   * The TanStack `QueryClient` to use. Default: the one of an enclosing `QueryClientProvider`, or
   * else a new one made once for this provider.
   */
  queryClient?: QueryClient
  children?: ReactNode
}

/**
 * Makes a `RosterClient` available to every Roster hook below it, on TanStack Query.
 *
 * @example
 * const client = createRosterClient({ baseUrl: '/api/roster' })
 * root.render(
 *   <RosterProvider client={client}>
 *     <StaffScreen orgId={orgId} />
 *   </RosterProvider>,
 * )
 */
export function RosterProvider({ client, queryClient, children }: RosterProviderProps) {
  const enclosing = useContext(QueryClientContext)
  const [own] = useState(() => (queryClient || enclosing ? null : new QueryClient()))
  const inner = <RosterClientContext.Provider value={client}>{children}</RosterClientContext.Provider>
  const chosen = queryClient ?? own
  return chosen ? <QueryClientProvider client={chosen}>{inner}</QueryClientProvider> : inner
}

/**
 * The `RosterClient` of the nearest `RosterProvider`, for calling a use-case directly or building
 * your own query options. Throws when there is none (a setup mistake, not a runtime failure).
 *
 * @example
 * const client = useRosterClient()
 * const data = useQuery(memberQueryOptions(client, { orgId, accountId }))
 */
export function useRosterClient(): RegisteredClient {
  const client = useContext(RosterClientContext)
  if (!client) throw new Error('@roster/react: wrap your tree in <RosterProvider client={…}>')
  return client as unknown as RegisteredClient
}
