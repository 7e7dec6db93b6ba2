// The route table the handler dispatches on: each resource type (Users, Groups, discovery) is one
// file under `resources/` exporting its routes, so a new resource slots in without touching the
// others.
import type { ScimApi, ScimPrincipal } from '@roster/core'

/** What the handler needs of a roster: its SCIM use-cases. */
export interface ScimRoster {
  scim: ScimApi
}

export type ScimMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** One request as a route sees it. */
export interface ScimRequestContext {
  roster: ScimRoster
  request: Request
  url: URL
  /** `:name` segments of the route's path. */
  params: Record<string, string>
  /** The mounted base URL (origin + base path), for `meta.location`. */
  baseUrl: string
  /** The connection the bearer token belongs to (absent on the public discovery routes). */
  principal: ScimPrincipal
  /** Every route the handler serves (discovery lists the resource types that have some). */
  routes: readonly ScimRoute[]
  /** The request body as JSON (400 `invalidSyntax` when it is not; 413 past the connection's limit). */
  json(): Promise<unknown>
}

export interface ScimRoute {
  method: ScimMethod
  /** After the base path: `/Users`, `/Users/:id`. Matched ignoring the case of fixed segments. */
  path: string
  /** Discovery routes answer without a token (RFC 7644 §4); everything else needs one. */
  public?: boolean
  handle(context: ScimRequestContext): Promise<Response>
}

/** A route's path matched against a request path: the params, or null. */
export function matchRoute(pattern: string, segments: readonly string[]): Record<string, string> | null {
  const parts = pattern.split('/').filter(Boolean)
  if (parts.length !== segments.length) return null
  const params: Record<string, string> = {}
  for (const [i, part] of parts.entries()) {
    const segment = segments[i]!
    if (part.startsWith(':')) params[part.slice(1)] = segment
    else if (part.toLowerCase() !== segment.toLowerCase()) return null
  }
  return params
}
