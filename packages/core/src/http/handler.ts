import type { Actor } from '../domain/actor.js'
import { isRosterError, ROSTER_ERRORS, type RosterError, rosterError } from '../errors.js'
import { type AnyRoster, isPublic, isServerOnly, useCaseNamespaces } from './procedures.js'

/** Options of `createRosterHandler`. */
export interface RosterHandlerOptions {
  /** Maps a request to the signed-in actor (from your session cookie or token), or null. */
  authenticate(request: Request): Promise<Actor | null> | Actor | null
  /** The path the handler is mounted under. Default `/`. */
  basePath?: string
  /** Largest accepted request body in bytes. Default 1 MB (a CSV of thousands of rows fits). */
  maxBodyBytes?: number
  /** Called with unexpected failures (they answer 500 without details). */
  onError?(error: unknown, request: Request): void
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }

function respond(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body ?? null), { status, headers: JSON_HEADERS })
}

function fail(error: RosterError, status = ROSTER_ERRORS[error.code].status): Response {
  // Storage and mailer failures carry driver messages in details: never send internals out.
  const safe: RosterError =
    error.code === 'STORAGE_FAILURE' || error.code === 'MAILER_FAILURE'
      ? { code: error.code, message: ROSTER_ERRORS[error.code].message }
      : error
  return respond(status, safe)
}

class BodyTooLarge extends Error {}

async function readBody(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > limit) throw new BodyTooLarge()
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw new BodyTooLarge()
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return new TextDecoder().decode(bytes)
}

/**
 * A Web-standard `(Request) => Promise<Response>` exposing every use-case of `roster` as JSON:
 * `POST {basePath}/{namespace}/{method}` with the input as the JSON body. The answer is the
 * use-case's value (200) or its `RosterError` with the mapped status (400, 401, 403, 404, 409,
 * 422, 429, 503). Mounts in Hono, Next.js route handlers, Remix, Bun, Deno, or `node:http` via an
 * adapter. Requests with a body must be `application/json` (which also keeps cross-site forms out).
 *
 * @example
 * const handler = createRosterHandler(roster, {
 *   basePath: '/api/roster',
 *   authenticate: async (request) => sessionActor(request.headers.get('cookie')),
 * })
 * app.all('/api/roster/*', (c) => handler(c.req.raw)) // Hono
 */
export function createRosterHandler(
  roster: AnyRoster,
  options: RosterHandlerOptions,
): (request: Request) => Promise<Response> {
  const basePath = `/${(options.basePath ?? '/').replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '')
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000
  const namespaces = new Set(useCaseNamespaces(roster))
  const source = roster as unknown as Record<string, Record<string, unknown>>

  return async (request) => {
    try {
      const { pathname } = new URL(request.url)
      if (!pathname.startsWith(`${basePath}/`))
        return fail(rosterError('NOT_FOUND', { details: { entity: 'route' } }))
      const [namespace, method, ...rest] = pathname.slice(basePath.length + 1).split('/')
      const name = `${namespace}.${method}`
      const methods = namespace && namespaces.has(namespace) ? source[namespace] : undefined
      // Own properties only: `constructor`, `toString` and friends are not use-cases.
      const fn = methods && method && Object.hasOwn(methods, method) ? methods[method] : undefined
      if (rest.length > 0 || typeof fn !== 'function' || isServerOnly(name)) {
        return fail(
          rosterError('NOT_FOUND', { message: `No use-case ${name}.`, details: { entity: 'route' } }),
        )
      }
      if (request.method !== 'POST') {
        return respond(405, rosterError('VALIDATION', { message: 'Use POST with a JSON body.' }))
      }
      const text = await readBody(request, maxBodyBytes)
      let input: unknown
      if (text.trim() !== '') {
        if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
          return respond(415, rosterError('VALIDATION', { message: 'Send the input as application/json.' }))
        }
        try {
          input = JSON.parse(text)
        } catch {
          return fail(
            rosterError('VALIDATION', {
              message: 'The body is not valid JSON.',
              details: { issues: [{ path: '', message: 'Invalid JSON' }] },
            }),
          )
        }
      }
      let result: unknown
      if (isPublic(name)) {
        result = await fn(input)
      } else {
        const actor = await options.authenticate(request)
        if (!actor) return fail(rosterError('UNAUTHENTICATED'))
        result = await fn(actor, input)
      }
      const outcome = result as { isOk(): boolean; value?: unknown; error?: unknown }
      if (outcome.isOk()) return respond(200, outcome.value)
      return isRosterError(outcome.error) ? fail(outcome.error) : fail(rosterError('STORAGE_FAILURE'))
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        return respond(
          413,
          rosterError('VALIDATION', { message: `The body is larger than ${maxBodyBytes} bytes.` }),
        )
      }
      options.onError?.(error, request)
      return respond(500, { code: 'STORAGE_FAILURE', message: 'Unexpected server error.' })
    }
  }
}
