import { rosterError } from '@roster/core'
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { csrf } from 'hono/csrf'

const SAFE_METHODS = /^(GET|HEAD|OPTIONS)$/

function jsonError(status: number, error: ReturnType<typeof rosterError>): Response {
  return new Response(JSON.stringify(error), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  })
}

/**
 * CSRF protection for every write of the demo — sign-in, sign-out and the Roster handler alike
 * (DS2). Two layers, each enough against a browser on its own:
 *
 * 1. Hono's `csrf()`: a form-like write (`text/plain`, urlencoded, multipart — the only kinds a
 *    cross-site page can send without asking first) must come from this origin, judged by
 *    `Sec-Fetch-Site` or `Origin`; else 403.
 * 2. JSON only: every write must say `application/json` (else 415). A cross-site `fetch` with that
 *    type needs a CORS preflight, which this server never grants.
 *
 * @example
 * app.use('*', ...sameOriginJsonWrites())
 */
export function sameOriginJsonWrites(): MiddlewareHandler[] {
  const jsonOnly: MiddlewareHandler = async (c, next) => {
    if (SAFE_METHODS.test(c.req.method)) return next()
    const type = (c.req.header('content-type') ?? '').toLowerCase()
    if (!/^application\/json\s*(;|$)/.test(type)) {
      return jsonError(
        415,
        rosterError('VALIDATION', { message: 'Send JSON (content-type: application/json).' }),
      )
    }
    return next()
  }
  return [csrf(), jsonOnly]
}

/** The JSON answer to a write that `csrf()` refused (it throws a plain-text 403). */
export function crossSiteRefused(): Response {
  return jsonError(403, rosterError('FORBIDDEN', { message: 'Cross-site requests are refused.' }))
}

/**
 * Refuses bodies larger than `maxBytes` with 413 before they are read into memory (DS3): by
 * `Content-Length` up front, and by counting a chunked body as it streams.
 *
 * @example
 * app.use('/auth/*', limitBody(16 * 1024))
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () =>
      jsonError(413, rosterError('VALIDATION', { message: `The body is larger than ${maxBytes} bytes.` })),
  })
}
