import type { ResultAsync } from 'neverthrow'
import type { Roster } from '../create-roster.js'
import type { RosterError, RosterErrorCode } from '../errors.js'

/**
 * A roster with any host permissions. `Roster<P>` is invariant in `P` (roles take and return
 * permissions), so `Roster<never>` is not a `Roster<string>`: the HTTP layer accepts either.
 */
// biome-ignore lint/suspicious/noExplicitAny: the host's permission union, whatever it is
export type AnyRoster = Roster<any>

/** Use-cases that take no actor: anyone may call them over HTTP. */
export const PUBLIC_PROCEDURES = [
  'accounts.signUp',
  'accounts.confirmEmail',
  'activation.activate',
  'activation.requestNewLink',
  'credentials.requestPasswordReset',
  'credentials.resetPassword',
] as const

/**
 * Use-cases the handler never exposes: the host calls them in-process from its own sign-in route,
 * SSO callback, bounce webhook (after checking the provider's signature) or scheduler.
 */
export const SERVER_ONLY_PROCEDURES = [
  'accounts.findByIdentity',
  'credentials.verify',
  'mail.reportBounce',
  'outbox.dispatch',
  'outbox.drain',
  'connections.runDue',
  // SCIM requests come with a bearer token, not a session: `@roster/scim`'s handler serves them.
  'scim.authenticate',
  'scim.users',
  'scim.groups',
] as const

export type PublicProcedure = (typeof PUBLIC_PROCEDURES)[number]
export type ServerOnlyProcedure = (typeof SERVER_ONLY_PROCEDURES)[number]

/** The roster's use-case namespaces (everything but `events` and `context`). */
export type RosterNamespaces<R = Roster> = Omit<R, 'events' | 'context'>

/**
 * The codes the HTTP layer answers with whatever the use-case, beside the use-case's own:
 * `NETWORK_ERROR` (the client: no answer, or one that is not a `RosterError`), `VALIDATION` (the
 * handler: not POST, not JSON, a body over `maxBodyBytes`) and `STORAGE_FAILURE` (the handler: an
 * unexpected throw, answered 500). A use-case that takes an actor can also answer
 * `UNAUTHENTICATED` (`authenticate` returned null).
 */
export type TransportErrorCode = 'NETWORK_ERROR' | 'VALIDATION' | 'STORAGE_FAILURE'

type CodeOf<E> = E extends { code: infer C extends RosterErrorCode } ? C : never

/** A use-case as a client sees it: the same input and value, its error union widened by `Extra`. */
type OverTransport<F, Extra extends RosterErrorCode> = F extends (
  ...args: infer A
) => ResultAsync<infer T, infer E>
  ? (...args: A) => ResultAsync<T, RosterError<CodeOf<E> | Extra>>
  : F

type DropActor<F> = F extends (actor: never, ...rest: infer A) => infer O
  ? OverTransport<(...args: A) => O, TransportErrorCode | 'UNAUTHENTICATED'>
  : never

/**
 * The use-case surface as seen by a signed-in client: the same namespaces and methods as the
 * roster, without the actor argument (the server authenticates the request) and without the
 * server-only use-cases; each error union also holds what the transport itself answers
 * (`TransportErrorCode`, and `UNAUTHENTICATED` where an actor is needed). Both `createRosterClient` (over HTTP) and `bindActor` (in process)
 * return one, so React hooks and tests run against either.
 */
export type RosterClient<R = Roster> = {
  [NS in keyof RosterNamespaces<R> & string]: {
    [M in keyof RosterNamespaces<R>[NS] & string as `${NS}.${M}` extends ServerOnlyProcedure
      ? never
      : M]: `${NS}.${M}` extends PublicProcedure
      ? OverTransport<RosterNamespaces<R>[NS][M], TransportErrorCode>
      : DropActor<RosterNamespaces<R>[NS][M]>
  }
}

/** @internal */
export function isPublic(name: string): boolean {
  return (PUBLIC_PROCEDURES as readonly string[]).includes(name)
}

/** @internal */
export function isServerOnly(name: string): boolean {
  return (SERVER_ONLY_PROCEDURES as readonly string[]).includes(name)
}

/** @internal The namespaces of a roster object that hold use-cases. */
export function useCaseNamespaces(roster: object): string[] {
  return Object.keys(roster).filter((key) => key !== 'events' && key !== 'context')
}
