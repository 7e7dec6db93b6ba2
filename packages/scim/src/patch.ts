// PATCH (RFC 7644 §3.5.2) applied to a resource's JSON: the endpoint reads the resource, applies
// the operations here, and hands the result to the same use-case a PUT calls — so a PATCH is
// validated, authorized and audited exactly like a full replace. What real IdPs send is handled:
// op names in any case (Entra ID's "Replace"), operations without `path` whose value object has
// dotted keys ("name.givenName") or extension URNs, value-path targets like
// `emails[type eq "work"].value` (creating the work email when there is none on `add`), and
// `remove` with a value list (members to drop).
import { type Filter, matches, parseFilter } from './filter.js'
import { scimErrors } from './errors.js'
import { PATCH_OP_SCHEMA } from './schemas.js'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** One operation after reading: its op lower-cased, its path parsed. */
interface Operation {
  op: 'add' | 'replace' | 'remove'
  path?: Path
  value?: unknown
}

/** `urn:…:attr[filter].sub` in parts. */
interface Path {
  urn?: string
  attribute: string
  filter?: Filter
  sub?: string
}

/** Attributes a PATCH may not touch (RFC 7643 §3.1 readOnly, and `groups`, changed through Groups). */
const READ_ONLY = new Set(['id', 'meta', 'groups', 'schemas'])

/** At most this many operations in one request (400 `tooMany` above). */
export const MAX_OPERATIONS = 1000

/** Parses a PATCH `path` (RFC 7644 §3.5.2 PATH ABNF); a malformed one is 400 `invalidPath`. */
export function parsePath(path: string): Path {
  const trimmed = path.trim()
  const bracket = trimmed.indexOf('[')
  const head = bracket === -1 ? trimmed : trimmed.slice(0, bracket)
  let urn: string | undefined
  let attributePath = head
  if (head.toLowerCase().startsWith('urn:')) {
    const colon = head.lastIndexOf(':')
    urn = head.slice(0, colon)
    attributePath = head.slice(colon + 1)
  }
  let filter: Filter | undefined
  let sub: string | undefined
  if (bracket !== -1) {
    const close = trimmed.lastIndexOf(']')
    if (close < bracket) throw scimErrors.invalidPath(`The path ${path} has an unclosed [.`)
    try {
      filter = parseFilter(trimmed.slice(bracket + 1, close))
    } catch {
      throw scimErrors.invalidPath(`The filter in the path ${path} is not valid.`)
    }
    const after = trimmed.slice(close + 1)
    if (after !== '') {
      if (!/^\.[A-Za-z$][\w$-]*$/.test(after)) throw scimErrors.invalidPath(`The path ${path} is not valid.`)
      sub = after.slice(1)
    }
  } else {
    const dot = attributePath.indexOf('.')
    if (dot !== -1) {
      sub = attributePath.slice(dot + 1)
      attributePath = attributePath.slice(0, dot)
    }
  }
  const name = /^[A-Za-z$][\w$-]*$/
  if (
    !name.test(attributePath) ||
    (sub !== undefined && !name.test(sub)) ||
    (urn !== undefined && urn.length < 5)
  ) {
    throw scimErrors.invalidPath(`The path ${path} is not valid.`)
  }
  return {
    ...(urn ? { urn } : {}),
    attribute: attributePath,
    ...(filter ? { filter } : {}),
    ...(sub ? { sub } : {}),
  }
}

/** Reads a PatchOp body: schemas, Operations, each op. */
export function readOperations(body: unknown): Operation[] {
  if (!isObject(body)) throw scimErrors.invalidSyntax('The body must be a PatchOp object.')
  const schemas = body.schemas
  if (Array.isArray(schemas) && !schemas.includes(PATCH_OP_SCHEMA)) {
    throw scimErrors.invalidSyntax(`A PATCH body's schemas must include ${PATCH_OP_SCHEMA}.`)
  }
  const operations = body.Operations ?? body.operations
  if (!Array.isArray(operations) || operations.length === 0) {
    throw scimErrors.invalidSyntax('Operations must be a non-empty array.')
  }
  if (operations.length > MAX_OPERATIONS) {
    throw scimErrors.tooMany(`At most ${MAX_OPERATIONS} operations in one PATCH.`)
  }
  return operations.map((raw) => {
    if (!isObject(raw)) throw scimErrors.invalidSyntax('Each operation must be an object.')
    const op = String(raw.op ?? '').toLowerCase()
    if (op !== 'add' && op !== 'replace' && op !== 'remove') {
      throw scimErrors.invalidSyntax(`Unknown op ${String(raw.op)}: use add, replace or remove.`)
    }
    const path = typeof raw.path === 'string' && raw.path.trim() !== '' ? parsePath(raw.path) : undefined
    if (op === 'remove' && !path) throw scimErrors.noTarget('A remove needs a path.')
    if (op !== 'remove' && raw.value === undefined) throw scimErrors.invalidValue(`An ${op} needs a value.`)
    if (path && READ_ONLY.has(path.attribute.toLowerCase()) && !path.urn) {
      throw scimErrors.mutability(`${path.attribute} cannot be changed.`)
    }
    return { op, ...(path ? { path } : {}), ...(raw.value !== undefined ? { value: raw.value } : {}) }
  })
}

function keyOf(object: Json, name: string): string {
  const lower = name.toLowerCase()
  return Object.keys(object).find((key) => key.toLowerCase() === lower) ?? name
}

/** The object an attribute lives in: the resource, or its extension object (created on write). */
function containerOf(resource: Json, path: Path, create: boolean): Json | undefined {
  if (!path.urn) return resource
  const key = keyOf(resource, path.urn)
  const existing = resource[key]
  if (isObject(existing)) return existing
  if (!create) return undefined
  const made: Json = {}
  resource[key] = made
  return made
}

const sameValue = (a: unknown, b: unknown) =>
  isObject(a) && isObject(b) && a.value !== undefined
    ? a.value === b.value
    : JSON.stringify(a) === JSON.stringify(b)

/** `add` (and `replace`) of a value at a simple attribute: arrays grow, objects merge, the rest is set. */
function addAt(container: Json, name: string, value: unknown, replace: boolean) {
  const key = keyOf(container, name)
  const current = container[key]
  if (!replace && Array.isArray(current)) {
    const added = Array.isArray(value) ? value : [value]
    container[key] = [...current.filter((item) => !added.some((a) => sameValue(a, item))), ...added]
  } else if (!replace && isObject(current) && isObject(value)) {
    container[key] = { ...current, ...value }
  } else if (replace && isObject(current) && isObject(value) && !Array.isArray(value)) {
    container[key] = { ...current, ...value }
  } else {
    container[key] = value
  }
}

/** The elements an equality-only filter describes (`type eq "work"`): what `add` creates when none matches. */
function elementOf(filter: Filter): Json | undefined {
  if (filter.op === 'eq' && !filter.attrPath.includes('.')) return { [filter.attrPath]: filter.compValue }
  if (filter.op === 'and') {
    const parts = filter.filters.map(elementOf)
    if (parts.every(Boolean)) return Object.assign({}, ...parts)
  }
  return undefined
}

function applyWithPath(resource: Json, op: Operation, path: Path) {
  const container = containerOf(resource, path, op.op !== 'remove')
  if (!container) return
  const key = keyOf(container, path.attribute)
  if (path.filter) {
    const current = container[key]
    const elements = Array.isArray(current) ? current : []
    const matched = elements.filter((element) => matches(element, path.filter!))
    if (op.op === 'remove') {
      if (path.sub) {
        for (const element of matched) if (isObject(element)) delete element[keyOf(element, path.sub)]
      } else container[key] = elements.filter((element) => !matched.includes(element))
      return
    }
    if (matched.length === 0) {
      const created = op.op === 'add' ? elementOf(path.filter) : undefined
      if (!created) throw scimErrors.noTarget(`No value of ${path.attribute} matches the path's filter.`)
      const element = path.sub
        ? { ...created, [path.sub]: op.value }
        : { ...created, ...(isObject(op.value) ? op.value : { value: op.value }) }
      container[key] = [...elements, element]
      return
    }
    for (const element of matched) {
      if (!isObject(element)) continue
      if (path.sub) element[keyOf(element, path.sub)] = op.value
      else if (isObject(op.value)) Object.assign(element, op.value)
      else throw scimErrors.invalidValue(`A value for ${path.attribute}[…] must be an object.`)
    }
    return
  }
  if (path.sub) {
    const current = container[key]
    if (op.op === 'remove') {
      const targets = Array.isArray(current) ? current : [current]
      for (const target of targets) if (isObject(target)) delete target[keyOf(target, path.sub)]
      return
    }
    if (Array.isArray(current)) {
      for (const element of current) if (isObject(element)) element[keyOf(element, path.sub)] = op.value
      return
    }
    const object = isObject(current) ? current : {}
    object[keyOf(object, path.sub)] = op.value
    container[key] = object
    return
  }
  if (op.op === 'remove') {
    const current = container[key]
    // `remove` with a value list drops those values only (Entra ID removing group members).
    if (Array.isArray(current) && op.value !== undefined) {
      const removed = Array.isArray(op.value) ? op.value : [op.value]
      container[key] = current.filter((item) => !removed.some((r) => sameValue(r, item)))
    } else delete container[key]
    return
  }
  addAt(container, path.attribute, op.value, op.op === 'replace')
}

/**
 * Applies a PatchOp's operations to a copy of `resource` and returns it (the input is not
 * changed). Throws the SCIM error of the first operation that cannot apply.
 *
 * @example
 * const next = applyPatch(current, { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] })
 */
export function applyPatch(resource: Json, body: unknown): Json {
  const operations = readOperations(body)
  const next = structuredClone(resource)
  for (const op of operations) {
    if (op.path) {
      applyWithPath(next, op, op.path)
      continue
    }
    // No path: the value is an object of attributes to add or replace (RFC 7644 §3.5.2.1/3).
    if (!isObject(op.value))
      throw scimErrors.invalidValue(`An ${op.op} without a path needs an object value.`)
    for (const [name, value] of Object.entries(op.value)) {
      const lower = name.toLowerCase()
      if (READ_ONLY.has(lower)) {
        // IdPs echo id/schemas back in whole-resource replaces; the same value is no change.
        if (JSON.stringify(next[keyOf(next, name)]) === JSON.stringify(value) || lower === 'schemas') continue
        throw scimErrors.mutability(`${name} cannot be changed.`)
      }
      const isExtension = lower.startsWith('urn:') && /:\d+\.\d+:[a-z]+$/i.test(lower)
      if (isExtension && isObject(value)) {
        for (const [sub, subValue] of Object.entries(value)) {
          applyWithPath(next, { op: op.op, value: subValue }, { urn: name, attribute: sub })
        }
      } else if (name.includes('.') || lower.startsWith('urn:')) {
        // Dotted keys ("name.givenName", "urn:…:User:department") are paths.
        applyWithPath(next, { op: op.op, value }, parsePath(name))
      } else {
        addAt(next, name, value, op.op === 'replace')
      }
    }
  }
  return next
}
