// /Users (RFC 7644 §3): the IdP side of `roster.scim.users.*`. Each handler turns SCIM JSON into
// the core's input and the core's answer back into SCIM JSON; everything a write must do
// (validation, the org scope, the transaction, audit, mail) is the use-case's.
import type { ScimPrincipal, ScimUserView } from '@roster/core'
import { projectionOf } from '../attributes.js'
import { fromRosterError, ScimError, scimErrors, scimResponse } from '../errors.js'
import { equalityOn, type Filter, matches, parseFilter } from '../filter.js'
import { applyPatch } from '../patch.js'
import type { ScimRequestContext, ScimRoster, ScimRoute } from '../routes.js'
import { LIST_RESPONSE_SCHEMA } from '../schemas.js'
import { etagOf, ifMatchVersion, toUserFields, toUserResource } from '../user-mapping.js'
import { MAX_RESULTS } from './discovery.js'

/** The page the core lists in, walking the org for a filter it has no index for. */
const SCAN_PAGE = 1000

function userResponse(context: ScimRequestContext, view: ScimUserView, status = 200): Response {
  const resource = projectionOf(context.url)(toUserResource(view, context.baseUrl))
  const location = `${context.baseUrl}/Users/${encodeURIComponent(view.id)}`
  return scimResponse(status, resource, {
    etag: etagOf(view.version),
    ...(status === 201 ? { location } : {}),
  })
}

/** A 1-based integer query parameter (RFC 7644 §3.4.2.4); values below 1 count as 1. */
function positiveInt(url: URL, name: string, fallback: number, min: number): number {
  const raw = url.searchParams.get(name)
  if (raw === null || raw.trim() === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value)) throw scimErrors.invalidValue(`${name} must be an integer.`)
  return Math.max(min, value)
}

/** Every user of the connection, page by page in id order (stable), for filters storage cannot answer. */
async function* allUsers(roster: ScimRoster, principal: ScimPrincipal) {
  let afterId: string | undefined
  for (;;) {
    const page = await roster.scim.users.list(principal, {
      limit: SCAN_PAGE,
      ...(afterId ? { afterId } : {}),
    })
    if (page.isErr()) throw fromRosterError(page.error)
    yield* page.value.items
    if (page.value.items.length < SCAN_PAGE) return
    afterId = page.value.items.at(-1)!.id
  }
}

/** The users a filter matches, with the total: index lookups for userName, externalId and id. */
async function filtered(
  context: ScimRequestContext,
  filter: Filter,
  startIndex: number,
  count: number,
): Promise<{ items: ScimUserView[]; total: number }> {
  const { roster, principal, baseUrl } = context
  const userName = equalityOn(filter, 'userName')
  const externalId = equalityOn(filter, 'externalId')
  const id = equalityOn(filter, 'id')
  let candidates: AsyncIterable<ScimUserView> | ScimUserView[]
  if (userName !== undefined || externalId !== undefined) {
    const found = await roster.scim.users.list(principal, {
      limit: MAX_RESULTS,
      ...(userName !== undefined ? { userName } : {}),
      ...(externalId !== undefined ? { externalId } : {}),
    })
    if (found.isErr()) {
      // A value the core refuses as a userName (too long, control characters) matches nobody.
      if (found.error.code === 'VALIDATION') return { items: [], total: 0 }
      throw fromRosterError(found.error)
    }
    candidates = found.value.items
  } else if (id !== undefined) {
    const found = await roster.scim.users.get(principal, { id })
    if (found.isErr() && found.error.code !== 'NOT_FOUND' && found.error.code !== 'VALIDATION') {
      throw fromRosterError(found.error)
    }
    candidates = found.isOk() ? [found.value] : []
  } else {
    candidates = allUsers(roster, principal)
  }
  const items: ScimUserView[] = []
  let total = 0
  for await (const view of candidates) {
    if (!matches(toUserResource(view, baseUrl), filter)) continue
    total++
    if (total >= startIndex && items.length < count) items.push(view)
  }
  return { items, total }
}

/** An unfiltered page: the core pages by id; `startIndex` is walked to with keyset pages. */
async function unfiltered(
  context: ScimRequestContext,
  startIndex: number,
  count: number,
): Promise<{ items: ScimUserView[]; total: number }> {
  const { roster, principal } = context
  let skip = startIndex - 1
  let afterId: string | undefined
  for (;;) {
    const limit = skip > 0 ? Math.min(SCAN_PAGE, skip) : Math.max(1, count)
    const page = await roster.scim.users.list(principal, { limit, ...(afterId ? { afterId } : {}) })
    if (page.isErr()) throw fromRosterError(page.error)
    const { items, total } = page.value
    if (skip === 0 || items.length < limit) {
      return { items: skip === 0 && count > 0 ? items : [], total }
    }
    skip -= items.length
    afterId = items.at(-1)!.id
  }
}

async function list(context: ScimRequestContext): Promise<Response> {
  const { url } = context
  const startIndex = positiveInt(url, 'startIndex', 1, 1)
  // RFC 7644 §3.4.2.4: a count above the maximum is answered with at most the maximum.
  const count = Math.min(positiveInt(url, 'count', 100, 0), MAX_RESULTS)
  const filterText = url.searchParams.get('filter')
  const { items, total } =
    filterText !== null && filterText.trim() !== ''
      ? await filtered(context, parseFilter(filterText), startIndex, count)
      : await unfiltered(context, startIndex, count)
  const project = projectionOf(url)
  return scimResponse(200, {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: total,
    itemsPerPage: items.length,
    startIndex,
    Resources: items.map((view) => project(toUserResource(view, context.baseUrl))),
  })
}

async function current(context: ScimRequestContext): Promise<ScimUserView> {
  const found = await context.roster.scim.users.get(context.principal, { id: context.params.id! })
  if (found.isErr())
    throw found.error.code === 'VALIDATION' ? scimErrors.notFound() : fromRosterError(found.error)
  return found.value
}

/** Equal JSON values whatever the order of object keys. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameJson(item, b[i]))
    )
  }
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  const keys = Object.keys(x).filter((key) => x[key] !== undefined)
  return (
    keys.length === Object.keys(y).filter((key) => y[key] !== undefined).length &&
    keys.every((key) => Object.hasOwn(y, key) && sameJson(x[key], y[key]))
  )
}

/** PATCH reads, applies and replaces; a concurrent change in between makes it read again. */
const PATCH_ATTEMPTS = 3

export const userRoutes: readonly ScimRoute[] = [
  { method: 'GET', path: '/Users', handle: list },
  {
    method: 'POST',
    path: '/Users',
    async handle(context) {
      const fields = toUserFields(await context.json())
      const created = await context.roster.scim.users.provision(context.principal, fields)
      if (created.isErr()) throw fromRosterError(created.error)
      return userResponse(context, created.value, 201)
    },
  },
  {
    method: 'GET',
    path: '/Users/:id',
    async handle(context) {
      return userResponse(context, await current(context))
    },
  },
  {
    method: 'PUT',
    path: '/Users/:id',
    async handle(context) {
      const ifVersion = ifMatchVersion(context.request)
      const fields = toUserFields(await context.json())
      const replaced = await context.roster.scim.users.replace(context.principal, {
        ...fields,
        id: context.params.id!,
        ...(ifVersion !== undefined ? { ifVersion } : {}),
      })
      if (replaced.isErr()) {
        if (
          replaced.error.code === 'VALIDATION' &&
          /\bid\b/.test(JSON.stringify(replaced.error.details ?? {}))
        ) {
          throw scimErrors.notFound()
        }
        throw fromRosterError(replaced.error, { ifMatch: ifVersion !== undefined })
      }
      return userResponse(context, replaced.value)
    },
  },
  {
    method: 'PATCH',
    path: '/Users/:id',
    async handle(context) {
      const ifMatch = ifMatchVersion(context.request)
      const body = await context.json()
      for (let attempt = 1; ; attempt++) {
        const view = await current(context)
        const resource = toUserResource(view, context.baseUrl)
        const patched = applyPatch(resource, body)
        // A PATCH that leaves the user as it is (Okta re-sending `active: true`) writes nothing: the
        // stored user would otherwise take the rendered defaults (displayName, emails) as sent, a new version.
        if (sameJson(patched, resource)) {
          if (ifMatch !== undefined && ifMatch !== view.version) throw scimErrors.preconditionFailed()
          return userResponse(context, view)
        }
        const fields = toUserFields(patched)
        const replaced = await context.roster.scim.users.replace(context.principal, {
          ...fields,
          id: view.id,
          ifVersion: ifMatch ?? view.version,
        })
        if (replaced.isOk()) return userResponse(context, replaced.value)
        const error = fromRosterError(replaced.error, { ifMatch: true })
        const raced = error.status === 412 && ifMatch === undefined
        if (!raced || attempt === PATCH_ATTEMPTS) {
          throw raced ? new ScimError(409, 'The user kept changing; send the PATCH again.') : error
        }
      }
    },
  },
  {
    method: 'DELETE',
    path: '/Users/:id',
    async handle(context) {
      const removed = await context.roster.scim.users.deprovision(context.principal, {
        id: context.params.id!,
      })
      if (removed.isErr()) {
        throw removed.error.code === 'VALIDATION' ? scimErrors.notFound() : fromRosterError(removed.error)
      }
      return new Response(null, { status: 204 })
    },
  },
]
