// Type tests, checked by `pnpm typecheck`: every procedure the HTTP handler serves has a typed
// method on `RosterClient` — same name, its input, and a `ResultAsync` whose error is a
// `RosterError` — so a use-case added to the roster that the client type drops, or turns into
// `never`/`unknown`, fails the build here. The runtime half (the handler's procedures are the
// client's methods) is in procedures.test.ts.
import type { ResultAsync } from 'neverthrow'
import { expectTypeOf } from 'vitest'
import type { Roster } from '../create-roster.js'
import type { RosterError } from '../errors.js'
import type { PublicProcedure, RosterClient, RosterNamespaces, ServerOnlyProcedure } from './procedures.js'

type Namespaces = RosterNamespaces<Roster>

/** `namespace.method` of every use-case on the roster. */
type RosterProcedure = {
  [NS in keyof Namespaces & string]: `${NS}.${keyof Namespaces[NS] & string}`
}[keyof Namespaces & string]

/** `namespace.method` of every method on the client type. */
type ClientProcedure = {
  [NS in keyof RosterClient & string]: `${NS}.${keyof RosterClient[NS] & string}`
}[keyof RosterClient & string]

/** The client methods that are not a typed use-case call (never, unknown, or not a ResultAsync of a RosterError). */
type UntypedClientProcedure = {
  [NS in keyof RosterClient & string]: {
    [M in keyof RosterClient[NS] & string]: [RosterClient[NS][M]] extends [never]
      ? `${NS}.${M}`
      : unknown extends RosterClient[NS][M]
        ? `${NS}.${M}`
        : // biome-ignore lint/suspicious/noExplicitAny: any input, any value: only the shape is checked
          RosterClient[NS][M] extends (...args: any[]) => ResultAsync<unknown, RosterError>
          ? never
          : `${NS}.${M}`
  }[keyof RosterClient[NS] & string]
}[keyof RosterClient & string]

// What the handler serves — every use-case but the server-only ones — is exactly the client's methods.
expectTypeOf<ClientProcedure>().toEqualTypeOf<Exclude<RosterProcedure, ServerOnlyProcedure>>()
// …and each of them is a typed call.
expectTypeOf<UntypedClientProcedure>().toEqualTypeOf<never>()
// The public and server-only lists name real use-cases (a renamed one would drop out silently).
expectTypeOf<PublicProcedure>().toExtend<RosterProcedure>()
expectTypeOf<ServerOnlyProcedure>().toExtend<RosterProcedure>()
// A public use-case keeps its input as the only argument; one with an actor loses the actor.
expectTypeOf<RosterClient['accounts']['signUp']>().parameters.toEqualTypeOf<
  Parameters<Roster['accounts']['signUp']>
>()
expectTypeOf<RosterClient['members']['get']>()
  .parameter(0)
  .toEqualTypeOf<Parameters<Roster['members']['get']>[1]>()
