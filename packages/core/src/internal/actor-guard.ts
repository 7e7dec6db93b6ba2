import { err, errAsync, ok, type Result } from 'neverthrow'
import { type Actor, isSystemActor, systemActor } from '../domain/actor.js'
import { type RosterError, rosterError } from '../errors.js'

/**
 * @internal The use-cases that take no actor (`namespace.method`): the public flows and the
 * server-only calls of the host's sign-in route, SSO callback, bounce webhook and dispatcher.
 * Every other method of a roster namespace takes the actor first, and `guardActors` checks it.
 */
export const ACTORLESS_USE_CASES: readonly string[] = [
  'accounts.signUp',
  'accounts.confirmEmail',
  'accounts.findByIdentity',
  'activation.activate',
  'activation.requestNewLink',
  'credentials.verify',
  'credentials.requestPasswordReset',
  'credentials.resetPassword',
  'mail.reportBounce',
  'outbox.dispatch',
  'outbox.drain',
  // The SCIM handler's token check: the request has a bearer token, not an actor.
  'scim.authenticate',
]

/** The most an account id may be (ids are generated; anything longer is not one). */
const MAX_ACCOUNT_ID = 64

function actorRefused(message: string): RosterError<'VALIDATION'> {
  return rosterError('VALIDATION', {
    message: `Invalid actor: ${message}.`,
    details: { field: 'actor', issues: [{ path: 'actor', message }] },
  })
}

/**
 * @internal Parses the actor a use-case was called with (X4: validated at the boundary like any
 * input): the system actor, or `{ accountId }` with a non-empty string id. Anything else — null,
 * undefined, a string, an object whose getter throws, a proxy — is `VALIDATION` with
 * `details.field: 'actor'`, never a `TypeError` deeper in. Returns a fresh frozen actor, so a getter
 * cannot answer one id to the permission check and another to the write.
 */
export function parseActor(value: unknown): Result<Actor, RosterError<'VALIDATION'>> {
  try {
    if (typeof value !== 'object' || value === null)
      return err(actorRefused('expected { accountId } or systemActor(reason)'))
    if (isSystemActor(value as Actor)) {
      const reason: unknown = (value as { reason?: unknown }).reason
      if (typeof reason !== 'string') return err(actorRefused('the system actor has no reason'))
      return ok(systemActor(reason))
    }
    const accountId: unknown = (value as { accountId?: unknown }).accountId
    if (typeof accountId !== 'string' || accountId.length === 0 || accountId.length > MAX_ACCOUNT_ID)
      return err(actorRefused('accountId must be an account id'))
    return ok(Object.freeze({ accountId }))
  } catch {
    // A throwing getter or proxy trap: the value is not an actor, whatever it throws.
    return err(actorRefused('the actor could not be read'))
  }
}

/**
 * @internal Wraps every actor-taking method of the roster's namespaces (everything not in
 * `ACTORLESS_USE_CASES`) so the actor is parsed once, where every use-case enters. A new use-case
 * is covered by being registered in a namespace.
 */
export function guardActors<N extends Record<string, object>>(namespaces: N): N {
  const guarded: Record<string, object> = {}
  for (const [namespace, methods] of Object.entries(namespaces)) {
    const wrapped: Record<string, unknown> = {}
    for (const [method, fn] of Object.entries(methods)) {
      wrapped[method] =
        typeof fn !== 'function' || ACTORLESS_USE_CASES.includes(`${namespace}.${method}`)
          ? fn
          : (actor: unknown, ...rest: unknown[]) => {
              const parsed = parseActor(actor)
              if (parsed.isErr()) return errAsync(parsed.error)
              return fn(parsed.value, ...rest)
            }
    }
    guarded[namespace] = wrapped
  }
  return guarded as N
}
