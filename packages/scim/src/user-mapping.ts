// SCIM User JSON ↔ the core's normalized SCIM user (docs/guides/scim.md, attribute mapping).
// What Roster acts on is read out of the resource (userName, the work email, names, phone,
// language, title, enterprise department, active); the resource itself, less what is never kept
// (password, server-set attributes), is stored as the user's attributes, so a GET answers what
// the IdP sent — multiple emails, employeeNumber, manager and all.
import { Language, Phone, type ScimUserFields, type ScimUserView } from '@roster/core'
import { scimErrors } from './errors.js'
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from './schemas.js'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The key of `object` named `name` ignoring case (SCIM attribute names are case-insensitive). */
export function keyOf(object: Json, name: string): string | undefined {
  const lower = name.toLowerCase()
  return Object.keys(object).find((key) => key.toLowerCase() === lower)
}

export function get(object: Json, name: string): unknown {
  const key = keyOf(object, name)
  return key === undefined ? undefined : object[key]
}

/** `true`, `false`, or the strings `"True"`/`"False"` Entra ID sends (any case); anything else is 400. */
export function booleanOf(value: unknown, attribute: string): boolean | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'boolean') return value
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true'
  throw scimErrors.invalidValue(`${attribute} must be a boolean.`)
}

function text(value: unknown, attribute: string): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw scimErrors.invalidValue(`${attribute} must be a string.`)
  const trimmed = value.trim()
  return trimmed === '' ? undefined : trimmed
}

/** The element of a multi-valued attribute Roster uses: type `work`, else the primary, else the first. */
function chosen(values: unknown, attribute: string): Json | undefined {
  if (values === undefined || values === null) return undefined
  if (!Array.isArray(values)) throw scimErrors.invalidValue(`${attribute} must be an array.`)
  const items = values.filter(isObject)
  const typed = (type: string) => items.find((item) => String(get(item, 'type') ?? '').toLowerCase() === type)
  return (
    typed('work') ??
    items.find((item) => booleanOf(get(item, 'primary'), `${attribute}.primary`) === true) ??
    items[0]
  )
}

/** Keys Roster never keeps as attributes: server-set, write-only, or computed. */
const NOT_KEPT = new Set([
  'id',
  'meta',
  'schemas',
  'username',
  'externalid',
  'active',
  'password',
  'groups',
  'roster',
])

/**
 * A SCIM User resource (POST, PUT, or the result of a PATCH) as the core's input. Booleans may be
 * strings; a phone or language tag the core would refuse is kept in the attributes only, so one
 * odd value from the IdP does not refuse the whole person. 400 `invalidValue` for what cannot be
 * read (no userName, no email).
 */
export function toUserFields(resource: unknown): ScimUserFields {
  if (!isObject(resource)) throw scimErrors.invalidSyntax('The body must be a SCIM User object.')
  const userName = text(get(resource, 'userName'), 'userName')
  if (!userName) throw scimErrors.invalidValue('userName is required.')
  const name = get(resource, 'name')
  if (name !== undefined && name !== null && !isObject(name))
    throw scimErrors.invalidValue('name must be an object.')
  const displayName = text(get(resource, 'displayName'), 'displayName')
  const [displayFirst, ...displayRest] = (displayName ?? '').split(/\s+/).filter(Boolean)

  const email =
    text(get(chosen(get(resource, 'emails'), 'emails') ?? {}, 'value'), 'emails.value') ??
    (/^[^@\s]+@[^@\s]+$/.test(userName) ? userName : undefined)
  if (!email)
    throw scimErrors.invalidValue('emails: a work or primary email is required (or an email as userName).')
  const localPart = email.split('@')[0]!
  const firstName =
    text(isObject(name) ? get(name, 'givenName') : undefined, 'name.givenName') ?? displayFirst ?? localPart
  const lastName =
    text(isObject(name) ? get(name, 'familyName') : undefined, 'name.familyName') ??
    (displayRest.length > 0 ? displayRest.join(' ') : firstName)

  const phoneValue = text(
    get(chosen(get(resource, 'phoneNumbers'), 'phoneNumbers') ?? {}, 'value'),
    'phoneNumbers.value',
  )
  const phone = phoneValue !== undefined && Phone.safeParse(phoneValue).success ? phoneValue : null
  // preferredLanguage is an Accept-Language value ("en-US, fr;q=0.5"); locale may use "_".
  const languageValue = (
    text(get(resource, 'preferredLanguage'), 'preferredLanguage') ?? text(get(resource, 'locale'), 'locale')
  )
    ?.split(/[,;]/)[0]
    ?.trim()
    .replace(/_/g, '-')
  const language = languageValue && Language.safeParse(languageValue).success ? languageValue : null

  const enterpriseKey = keyOf(resource, ENTERPRISE_USER_SCHEMA)
  const enterprise = enterpriseKey ? resource[enterpriseKey] : undefined
  if (enterprise !== undefined && enterprise !== null && !isObject(enterprise)) {
    throw scimErrors.invalidValue(`${ENTERPRISE_USER_SCHEMA} must be an object.`)
  }
  const department = isObject(enterprise) ? text(get(enterprise, 'department'), 'department') : undefined

  const attributes: Json = {}
  for (const [key, value] of Object.entries(resource)) {
    if (NOT_KEPT.has(key.toLowerCase()) || value === null || value === undefined) continue
    attributes[key] = value
  }
  if (enterpriseKey && isObject(enterprise)) {
    // Entra ID sends the manager as its id alone; RFC 7643 §4.3 makes it `{ value }`.
    const managerKey = keyOf(enterprise, 'manager')
    const manager = managerKey ? enterprise[managerKey] : undefined
    attributes[enterpriseKey] =
      typeof manager === 'string' && managerKey
        ? { ...enterprise, [managerKey]: manager === '' ? undefined : { value: manager } }
        : enterprise
  }
  const externalId = text(get(resource, 'externalId'), 'externalId')
  const active = booleanOf(get(resource, 'active'), 'active')
  return {
    userName,
    externalId: externalId ?? null,
    active: active ?? true,
    email,
    firstName,
    lastName,
    phone,
    language,
    title: text(get(resource, 'title'), 'title') ?? null,
    department: department ?? null,
    attributes,
  }
}

/** The ETag of a user version (RFC 7644 §3.14): weak, as a PUT of equal content keeps it. */
export const etagOf = (version: number) => `W/"${version}"`

/** The version an `If-Match` header names (`W/"3"`, `"3"`), or undefined for none or `*`. */
export function ifMatchVersion(request: Request): number | undefined {
  const header = request.headers.get('if-match')?.trim()
  if (!header || header === '*') return undefined
  const match = /^(?:W\/)?"(\d+)"$/.exec(header)
  if (!match) throw scimErrors.invalidValue('If-Match must be an ETag this provider sent (W/"<version>").')
  return Number(match[1])
}

/** A core SCIM user as a SCIM User resource. */
export function toUserResource(view: ScimUserView, baseUrl: string): Json {
  const attributes = view.attributes as Json
  const enterprise = keyOf(attributes, ENTERPRISE_USER_SCHEMA)
  const resource: Json = {
    schemas: enterprise ? [USER_SCHEMA, ENTERPRISE_USER_SCHEMA] : [USER_SCHEMA],
    id: view.id,
    ...(view.externalId !== null ? { externalId: view.externalId } : {}),
    userName: view.userName,
    name: { givenName: view.firstName, familyName: view.lastName },
    displayName: `${view.firstName} ${view.lastName}`,
    emails: [{ value: view.email, type: 'work', primary: true }],
    ...(view.phone ? { phoneNumbers: [{ value: view.phone, type: 'work' }] } : {}),
    ...(view.language ? { preferredLanguage: view.language } : {}),
    ...(view.title ? { title: view.title } : {}),
    ...(view.department && !enterprise ? { [ENTERPRISE_USER_SCHEMA]: { department: view.department } } : {}),
    // What the IdP sent wins over the defaults above: its own shape of name, emails, phones.
    ...attributes,
    active: view.active,
    meta: {
      resourceType: 'User',
      created: view.created,
      lastModified: view.lastModified,
      location: `${baseUrl}/Users/${encodeURIComponent(view.id)}`,
      version: etagOf(view.version),
    },
  }
  if (view.department && !enterprise) resource.schemas = [USER_SCHEMA, ENTERPRISE_USER_SCHEMA]
  return resource
}
