import { ResultAsync } from 'neverthrow'
import type { Roster } from '../create-roster.js'
import { isRosterError, type RosterError, rosterError } from '../errors.js'
import type { RosterClient } from './procedures.js'

/** Options of `createRosterClient`. */
export interface RosterClientOptions {
  /** Where `createRosterHandler` is mounted, e.g. `/api/roster` or `https://app.example.com/api/roster`. */
  baseUrl: string
  /** A `fetch` to use (tests, SSR, custom agents). Default: the global `fetch`. */
  fetch?: typeof fetch
  /** Extra headers on every request (a bearer token, a CSRF header); a function is called per request. */
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>)
  /** `RequestInit.credentials`. Default `'same-origin'` (sends the session cookie). */
  credentials?: RequestCredentials
}

/**
 * A `RosterClient` over HTTP: the roster's namespaces and methods, minus the actor (the server
 * authenticates the request), each returning `ResultAsync` with the same typed `RosterError`s.
 * Transport failures are `NETWORK_ERROR`.
 *
 * @example
 * const client = createRosterClient({ baseUrl: '/api/roster' })
 * const page = await client.members.list({ orgId, search: 'ada' })
 * if (page.isErr() && page.error.code === 'FORBIDDEN') redirect('/sign-in')
 */
export function createRosterClient<R = Roster>(options: RosterClientOptions): RosterClient<R> {
  const base = options.baseUrl.replace(/\/+$/, '')
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args))

  async function call(name: string, input: unknown): Promise<unknown> {
    const extra = typeof options.headers === 'function' ? await options.headers() : (options.headers ?? {})
    const response = await doFetch(`${base}/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...extra },
      body: input === undefined ? '' : JSON.stringify(input),
      credentials: options.credentials ?? 'same-origin',
    })
    const body: unknown = await response.json().catch(() => undefined)
    if (response.ok) return body
    throw isRosterError(body) ? body : rosterError('NETWORK_ERROR', { details: { status: response.status } })
  }

  const namespaces = new Map<string, object>()
  return new Proxy({} as RosterClient<R>, {
    get(_target, namespace) {
      if (typeof namespace !== 'string' || namespace === 'then') return undefined
      let methods = namespaces.get(namespace)
      if (!methods) {
        methods = new Proxy(
          {},
          {
            get(_inner, method) {
              if (typeof method !== 'string' || method === 'then') return undefined
              return (input?: unknown) =>
                ResultAsync.fromPromise(
                  call(`${namespace}/${method}`, input),
                  (error): RosterError =>
                    isRosterError(error)
                      ? error
                      : rosterError('NETWORK_ERROR', {
                          details: { reason: error instanceof Error ? error.message : String(error) },
                        }),
                )
            },
          },
        )
        namespaces.set(namespace, methods)
      }
      return methods
    },
  })
}
