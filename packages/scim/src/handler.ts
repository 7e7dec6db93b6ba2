import type { ScimPrincipal } from '@roster/core'
import { discoveryRoutes } from './resources/discovery.js'
import { groupRoutes } from './resources/groups.js'
import { userRoutes } from './resources/users.js'
import { errorResponse, ScimError, scimErrors } from './errors.js'
import { memoryRateLimiter, resolveLimits, type ScimLimits, type ScimRateLimiter } from './limits.js'
import { matchRoute, type ScimRequestContext, type ScimRoster, type ScimRoute } from './routes.js'

/** Options of `createScimHandler`. */
export interface ScimHandlerOptions {
  /** The path the handler is mounted under, e.g. `/scim/v2`. Default `/`. */
  basePath?: string
  /** Body and rate limits, for every connection or per connection. */
  limits?: ScimLimits | ((principal: ScimPrincipal) => ScimLimits)
  /** Where the rate limit counts (default: this process's memory). */
  rateLimiter?: ScimRateLimiter
  /** More resource routes (tried after the built-in ones). */
  routes?: readonly ScimRoute[]
  /** Called with unexpected failures (they answer 500 without details). */
  onError?(error: unknown, request: Request): void
  /** The clock of the rate limit, in milliseconds. Default `Date.now`. */
  now?(): number
}

/** The built-in resources, one file each (`resources/*.ts`). */
export const BUILT_IN_ROUTES: readonly ScimRoute[] = [...discoveryRoutes, ...userRoutes, ...groupRoutes]

async function readBody(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > limit) throw scimErrors.tooLarge(limit)
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
      throw scimErrors.tooLarge(limit)
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

/** The bearer token of a request, or null. */
function bearerOf(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')
  return match?.[1] ?? null
}

/**
 * A SCIM 2.0 service provider (RFC 7643/7644) over `roster.scim`, as a Web-standard
 * `(Request) => Promise<Response>`: discovery (`ServiceProviderConfig`, `ResourceTypes`,
 * `Schemas`), `Users` with filters, paging, PATCH and PUT, in `application/scim+json` with
 * failures in the SCIM Error schema. Every request but discovery needs the bearer token of a SCIM
 * connection (`roster.scim.createConnection`) and acts in that connection's one org (SC2); each
 * connection has a body limit (413) and a rate limit (429). Mounts like `createRosterHandler`.
 *
 * @example
 * import { createScimHandler } from '@roster/scim'
 *
 * const scim = createScimHandler(roster, { basePath: '/scim/v2' })
 * app.all('/scim/v2/*', (c) => scim(c.req.raw)) // Hono
 */
export function createScimHandler(
  roster: ScimRoster,
  options: ScimHandlerOptions = {},
): (request: Request) => Promise<Response> {
  const basePath = `/${(options.basePath ?? '/').replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '')
  const routes = [...BUILT_IN_ROUTES, ...(options.routes ?? [])]
  const limiter = options.rateLimiter ?? memoryRateLimiter()
  const now = options.now ?? Date.now

  return async (request) => {
    try {
      const url = new URL(request.url)
      const rest = url.pathname === basePath ? '/' : url.pathname.slice(basePath.length)
      if (!url.pathname.startsWith(basePath) || !rest.startsWith('/'))
        throw scimErrors.notFound('No such endpoint.')
      let segments: string[]
      try {
        segments = rest.split('/').filter(Boolean).map(decodeURIComponent)
      } catch {
        throw scimErrors.notFound('No such endpoint.')
      }
      const matches = routes.flatMap((route) => {
        const params = matchRoute(route.path, segments)
        return params ? [{ route, params }] : []
      })
      if (matches.length === 0) throw scimErrors.notFound('No such endpoint.')
      const method = request.method.toUpperCase()
      const found = matches.find(({ route }) => route.method === method)
      if (!found) throw scimErrors.methodNotAllowed(matches.map(({ route }) => route.method))

      let principal: ScimPrincipal | undefined
      if (!found.route.public) {
        const token = bearerOf(request)
        const authenticated = token ? await roster.scim.authenticate({ token }) : null
        if (!authenticated || authenticated.isErr()) throw scimErrors.unauthorized()
        principal = authenticated.value
      }
      const limits = principal
        ? resolveLimits(options.limits, principal)
        : resolveLimits(options.limits, ANONYMOUS)
      if (principal && limits.rateLimit) {
        const waitMs = await limiter.take(principal.connectionId, limits.rateLimit, now())
        if (waitMs > 0) throw scimErrors.rateLimited(Math.max(1, Math.ceil(waitMs / 1000)))
      }
      const context: ScimRequestContext = {
        roster,
        request,
        url,
        params: found.params,
        baseUrl: `${url.origin}${basePath}`,
        principal: principal ?? ANONYMOUS,
        routes,
        async json() {
          const text = await readBody(request, limits.maxBodyBytes)
          if (text.trim() === '') throw scimErrors.invalidSyntax('The request has no body.')
          try {
            return JSON.parse(text) as unknown
          } catch {
            throw scimErrors.invalidSyntax('The body is not valid JSON.')
          }
        },
      }
      return await found.route.handle(context)
    } catch (error) {
      if (error instanceof ScimError) return errorResponse(error)
      options.onError?.(error, request)
      return errorResponse(new ScimError(500, 'Unexpected server error.'))
    }
  }
}

/** The principal of a public route: it names no connection and reaches no org. */
const ANONYMOUS: ScimPrincipal = { orgId: '', connectionId: '', tokenId: '' }
