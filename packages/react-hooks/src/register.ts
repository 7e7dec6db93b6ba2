import type { Roster } from '@roster/core'
import type { RosterClient } from '@roster/core/http'

/**
 * Tells the hooks which roster they talk to, so inputs and outputs carry your own permissions
 * (`roles.define`, `roles.can`) — the pattern TanStack Router and Query use:
 *
 * @example
 * // roster.d.ts, anywhere in your app
 * declare module '@roster/react' {
 *   interface Register {
 *     roster: Roster<'doors:open' | 'parcels:log'> // or: typeof roster
 *   }
 * }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface Register {}

/** The registered roster type, or `Roster` (built-in permissions only) when none is registered. */
export type RegisteredRoster = Register extends { roster: infer R } ? R : Roster

/** The client type every hook uses: `RosterClient` of the registered roster. */
export type RegisteredClient = RosterClient<RegisteredRoster>
