// /Groups (RFC 7644 §3): the IdP side of `roster.scim.groups.*`. A PATCH's operations are folded
// into one core call — a new displayName/externalId, members who join, members who leave, or the
// whole member list — so a request is one transaction whatever it holds (docs/guides/scim.md,
// SC10–SC13: what a mapped group gives and takes back is the core's).
import type { RosterError, ScimGroupView } from '@roster/core'
import { projectionOf } from '../attributes.js'
import { fromRosterError, ScimError, scimErrors, scimResponse } from '../errors.js'
import { equalityOn, matches, parseFilter } from '../filter.js'
import { readOperations } from '../patch.js'
import type { ScimRequestContext, ScimRoute } from '../routes.js'
import { GROUP_SCHEMA, LIST_RESPONSE_SCHEMA } from '../schemas.js'
import { etagOf, ifMatchVersion } from '../user-mapping.js'
import { MAX_RESULTS } from './discovery.js'

const SCAN_PAGE = 1000

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A group as SCIM JSON (RFC 7643 §4.2). */
export function toGroupResource(view: ScimGroupView, baseUrl: string): Json {
  return {
    schemas: [GROUP_SCHEMA],
    id: view.id,
    ...(view.externalId !== null ? { externalId: view.externalId } : {}),
    displayName: view.displayName,
    ...(view.members
      ? {
          members: view.members.map((value) => ({
            value,
            $ref: `${baseUrl}/Users/${encodeURIComponent(value)}`,
            type: 'User',
          })),
        }
      : {}),
    meta: {
      resourceType: 'Group',
      created: view.created,
      lastModified: view.lastModified,
      location: `${baseUrl}/Groups/${encodeURIComponent(view.id)}`,
      version: etagOf(view.version),
    },
  }
}

/** The core's refusal as SCIM: a taken displayName is 409 `uniqueness`, a full pool 409. */
function groupError(error: RosterError, ifMatch = false): ScimError {
  if (error.code === 'INVALID_STATE') return scimErrors.uniqueness(error.message)
  if (error.code === 'NO_SEATS_AVAILABLE') return new ScimError(409, error.message)
  return fromRosterError(error, { ifMatch })
}

/** Does the request leave members out (`excludedAttributes=members`, or `attributes` without them)? */
function wantsMembers(url: URL): boolean {
  const list = (name: string) =>
    (url.searchParams.get(name) ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase().replace(`${GROUP_SCHEMA.toLowerCase()}:`, ''))
      .filter(Boolean)
  const attributes = list('attributes')
  if (attributes.length > 0) return attributes.some((a) => a === 'members' || a.startsWith('members.'))
  return !list('excludedAttributes').includes('members')
}

function groupResponse(context: ScimRequestContext, view: ScimGroupView, status = 200): Response {
  const resource = projectionOf(context.url)(toGroupResource(view, context.baseUrl))
  const location = `${context.baseUrl}/Groups/${encodeURIComponent(view.id)}`
  return scimResponse(status, resource, {
    etag: etagOf(view.version),
    ...(status === 201 ? { location } : {}),
  })
}

function positiveInt(url: URL, name: string, fallback: number, min: number): number {
  const raw = url.searchParams.get(name)
  if (raw === null || raw.trim() === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value)) throw scimErrors.invalidValue(`${name} must be an integer.`)
  return Math.max(min, value)
}

/** The member ids of a `members` value: `[{ value }]`, one `{ value }`, or bare ids. */
function memberIds(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value]
  return items.map((item) => {
    const id = isObject(item) ? item.value : item
    if (typeof id !== 'string' || id.trim() === '')
      throw scimErrors.invalidValue('Each member needs a value (a User id).')
    return id
  })
}

function text(value: unknown, attribute: string): string {
  if (typeof value !== 'string') throw scimErrors.invalidValue(`${attribute} must be a string.`)
  return value
}

/** A group as a POST or PUT body describes it. */
function toGroupFields(body: unknown) {
  if (!isObject(body)) throw scimErrors.invalidSyntax('The body must be a Group object.')
  const displayName = text(body.displayName, 'displayName')
  const externalId =
    body.externalId === undefined || body.externalId === null ? null : text(body.externalId, 'externalId')
  return { displayName, externalId, members: body.members === undefined ? [] : memberIds(body.members) }
}

/** A PatchOp body folded into one `groups.patch` input (operations applied in order). */
export function foldGroupPatch(body: unknown) {
  let displayName: string | undefined
  let externalId: string | null | undefined
  let replaced: Set<string> | undefined
  const delta = new Map<string, 'add' | 'remove'>()
  const setMembers = (ids: string[]) => {
    replaced = new Set(ids)
    delta.clear()
  }
  const change = (ids: string[], how: 'add' | 'remove') => {
    for (const id of ids) {
      if (replaced) {
        if (how === 'add') replaced.add(id)
        else replaced.delete(id)
      } else delta.set(id, how)
    }
  }
  const attribute = (name: string, op: string, value: unknown) => {
    const key = name.toLowerCase().replace(`${GROUP_SCHEMA.toLowerCase()}:`, '')
    if (key === 'displayname') displayName = text(value, 'displayName')
    else if (key === 'externalid') externalId = value === null ? null : text(value, 'externalId')
    else if (key === 'members') {
      if (op === 'replace') setMembers(memberIds(value))
      else change(memberIds(value), 'add')
    } else if (key === 'id' || key === 'meta' || key === 'schemas') {
      throw scimErrors.mutability(`${name} is read-only.`)
    } else throw scimErrors.invalidPath(`Groups have no attribute ${name} to change.`)
  }
  for (const operation of readOperations(body)) {
    const { op, path, value } = operation
    if (!path) {
      if (!isObject(value)) throw scimErrors.invalidValue(`An ${op} without a path needs an object value.`)
      for (const [key, inner] of Object.entries(value)) attribute(key, op, inner)
      continue
    }
    if (path.attribute.toLowerCase() !== 'members') {
      if (op === 'remove') {
        if (path.attribute.toLowerCase() === 'externalid') externalId = null
        else throw scimErrors.mutability(`${path.attribute} cannot be removed.`)
      } else attribute(path.attribute, op, value)
      continue
    }
    if (op === 'remove') {
      // `members[value eq "…"]` (Okta, the RFC), a value list (Entra), or every member.
      if (path.filter) {
        const id = equalityOn(path.filter, 'value')
        if (id === undefined) throw scimErrors.invalidFilter('Remove members by members[value eq "<id>"].')
        change([id], 'remove')
      } else if (value !== undefined) change(memberIds(value), 'remove')
      else setMembers([])
    } else if (path.filter) {
      throw scimErrors.invalidPath('Add or replace members with path "members" and a list of values.')
    } else attribute('members', op, value)
  }
  const adds = [...delta].filter(([, how]) => how === 'add').map(([id]) => id)
  const removes = [...delta].filter(([, how]) => how === 'remove').map(([id]) => id)
  return {
    ...(displayName !== undefined ? { displayName } : {}),
    ...(externalId !== undefined ? { externalId } : {}),
    ...(replaced ? { members: [...replaced] } : {}),
    ...(adds.length > 0 ? { addMembers: adds } : {}),
    ...(removes.length > 0 ? { removeMembers: removes } : {}),
  }
}

async function list(context: ScimRequestContext): Promise<Response> {
  const { url, roster, principal, baseUrl } = context
  const startIndex = positiveInt(url, 'startIndex', 1, 1)
  const count = Math.min(positiveInt(url, 'count', 100, 0), MAX_RESULTS)
  const members = wantsMembers(url)
  const filterText = url.searchParams.get('filter')
  const filter = filterText !== null && filterText.trim() !== '' ? parseFilter(filterText) : undefined
  const displayName = filter ? equalityOn(filter, 'displayName') : undefined
  const externalId = filter ? equalityOn(filter, 'externalId') : undefined
  const id = filter ? equalityOn(filter, 'id') : undefined
  const items: ScimGroupView[] = []
  let total = 0
  const consider = (view: ScimGroupView) => {
    if (filter && !matches(toGroupResource(view, baseUrl), filter)) return
    total++
    if (total >= startIndex && items.length < count) items.push(view)
  }
  if (displayName !== undefined || externalId !== undefined) {
    const found = await roster.scim.groups.list(principal, {
      limit: MAX_RESULTS,
      members: true,
      ...(displayName !== undefined ? { displayName } : {}),
      ...(externalId !== undefined ? { externalId } : {}),
    })
    if (found.isErr() && found.error.code !== 'VALIDATION') throw groupError(found.error)
    if (found.isOk()) for (const view of found.value.items) consider(view)
  } else if (id !== undefined) {
    const found = await roster.scim.groups.get(principal, { id })
    if (found.isErr() && found.error.code !== 'NOT_FOUND' && found.error.code !== 'VALIDATION')
      throw groupError(found.error)
    if (found.isOk()) consider(found.value)
  } else {
    let afterId: string | undefined
    for (;;) {
      // Without a filter only the page is needed; with one, every group is read (members too: a
      // filter may name them).
      const page = await roster.scim.groups.list(principal, {
        limit: SCAN_PAGE,
        members: filter !== undefined || members,
        ...(afterId ? { afterId } : {}),
      })
      if (page.isErr()) throw groupError(page.error)
      for (const view of page.value.items) consider(view)
      if (page.value.items.length < SCAN_PAGE) break
      afterId = page.value.items.at(-1)!.id
    }
  }
  const project = projectionOf(url)
  return scimResponse(200, {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: total,
    itemsPerPage: items.length,
    startIndex,
    Resources: items.map((view) =>
      project(toGroupResource(members ? view : { ...view, members: undefined }, baseUrl)),
    ),
  })
}

const notFoundOn = (error: RosterError) =>
  error.code === 'VALIDATION' && /\bid\b/.test(JSON.stringify(error.details ?? {}))

export const groupRoutes: readonly ScimRoute[] = [
  { method: 'GET', path: '/Groups', handle: list },
  {
    method: 'POST',
    path: '/Groups',
    async handle(context) {
      const created = await context.roster.scim.groups.create(
        context.principal,
        toGroupFields(await context.json()),
      )
      if (created.isErr()) throw groupError(created.error)
      return groupResponse(context, created.value, 201)
    },
  },
  {
    method: 'GET',
    path: '/Groups/:id',
    async handle(context) {
      const found = await context.roster.scim.groups.get(context.principal, {
        id: context.params.id!,
        members: wantsMembers(context.url),
      })
      if (found.isErr())
        throw found.error.code === 'VALIDATION' ? scimErrors.notFound() : groupError(found.error)
      return groupResponse(context, found.value)
    },
  },
  {
    method: 'PUT',
    path: '/Groups/:id',
    async handle(context) {
      const ifVersion = ifMatchVersion(context.request)
      const replaced = await context.roster.scim.groups.replace(context.principal, {
        ...toGroupFields(await context.json()),
        id: context.params.id!,
        ...(ifVersion !== undefined ? { ifVersion } : {}),
      })
      if (replaced.isErr())
        throw notFoundOn(replaced.error)
          ? scimErrors.notFound()
          : groupError(replaced.error, ifVersion !== undefined)
      return groupResponse(context, replaced.value)
    },
  },
  {
    method: 'PATCH',
    path: '/Groups/:id',
    async handle(context) {
      const ifVersion = ifMatchVersion(context.request)
      const patched = await context.roster.scim.groups.patch(context.principal, {
        ...foldGroupPatch(await context.json()),
        id: context.params.id!,
        ...(ifVersion !== undefined ? { ifVersion } : {}),
      })
      if (patched.isErr())
        throw notFoundOn(patched.error)
          ? scimErrors.notFound()
          : groupError(patched.error, ifVersion !== undefined)
      // Entra and Okta read nothing back from a group PATCH; 204 saves rendering every member.
      return new Response(null, { status: 204, headers: { etag: etagOf(patched.value.version) } })
    },
  },
  {
    method: 'DELETE',
    path: '/Groups/:id',
    async handle(context) {
      const removed = await context.roster.scim.groups.delete(context.principal, { id: context.params.id! })
      if (removed.isErr())
        throw removed.error.code === 'VALIDATION' ? scimErrors.notFound() : groupError(removed.error)
      return new Response(null, { status: 204 })
    },
  },
]
