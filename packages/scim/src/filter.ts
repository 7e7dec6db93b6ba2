// SCIM filters (RFC 7644 §3.4.2.2). Parsing is scim2-parse-filter's (a small, dependency-free
// parser: eq ne co sw ew pr gt ge lt le, and/or/not with precedence, parentheses, value paths);
// its own tester compares strings case-sensitively and knows nothing of types, so evaluation is
// here (judged for issue 17: sound once its quoted values are read as JSON strings, below; one
// fail-safe gap is pinned in filter.test.ts — a negative number followed by more filter text is
// refused as invalidFilter). Evaluation: strings ignore case unless the attribute is caseExact (RFC 7643 §2.2), dateTimes compare
// as instants, booleans also match "true"/"false" strings.
import { type Filter, parse } from 'scim2-parse-filter'
import { scimErrors } from './errors.js'
import { isCaseExact } from './schemas.js'

export type { Filter }

/** Parses a `filter` parameter; a syntax error is 400 `invalidFilter`. */
export function parseFilter(text: string): Filter {
  if (text.length > 4096) throw scimErrors.invalidFilter('The filter is longer than 4096 characters.')
  try {
    return withJsonStrings(parse(text))
  } catch (error) {
    throw scimErrors.invalidFilter(`The filter is not valid: ${(error as Error).message}`)
  }
}

/**
 * scim2-parse-filter keeps every backslash of a quoted value literally (but `\"`); RFC 7644 makes
 * the value a JSON string, so `"DOMAIN\\ada"` means one backslash. Values are read again as JSON
 * (a backslash that is no JSON escape stays literal, as the library had it).
 */
function withJsonStrings(filter: Filter): Filter {
  switch (filter.op) {
    case 'and':
    case 'or':
      return { ...filter, filters: filter.filters.map(withJsonStrings) }
    case 'not':
      return { ...filter, filter: withJsonStrings(filter.filter) }
    case '[]':
      return { ...filter, valFilter: withJsonStrings(filter.valFilter) }
    case 'pr':
      return filter
    default: {
      if (typeof filter.compValue !== 'string' || !filter.compValue.includes('\\')) return filter
      try {
        return { ...filter, compValue: JSON.parse(`"${filter.compValue.replace(/"/g, '\\"')}"`) as string }
      } catch {
        return filter
      }
    }
  }
}

/**
 * An attribute path as lower-cased segments: `name.givenName` → ['name', 'givenname'];
 * `urn:…:enterprise:2.0:User:department` → [the URN, 'department'] (the extension object is a
 * top-level key named by its URN).
 */
export function attributeSegments(path: string): string[] {
  const lower = path.toLowerCase()
  if (lower.startsWith('urn:')) {
    const i = lower.lastIndexOf(':')
    return [lower.slice(0, i), ...lower.slice(i + 1).split('.')]
  }
  return lower.split('.')
}

/** The values at `path` in a resource (arrays flattened): what a comparison is made against. */
function valuesAt(node: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return Array.isArray(node) ? node : [node]
  if (Array.isArray(node)) return node.flatMap((item) => valuesAt(item, path))
  if (typeof node !== 'object' || node === null) return []
  const [head, ...rest] = path
  const key = Object.keys(node).find((k) => k.toLowerCase() === head)
  if (key === undefined) return []
  return valuesAt((node as Record<string, unknown>)[key], rest)
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T/

function compare(op: string, actual: unknown, expected: unknown, caseExact: boolean): boolean {
  if (actual === null || actual === undefined)
    return op === 'ne' ? expected !== null : expected === null && op === 'eq'
  if (typeof actual === 'boolean') {
    // Booleans sent as strings ("True", "false") mean the boolean; any other string matches nothing.
    const wanted =
      typeof expected === 'string'
        ? (({ true: true, false: false } as Record<string, boolean>)[expected.toLowerCase()] ?? null)
        : expected
    if (op === 'eq') return actual === wanted
    if (op === 'ne') return actual !== wanted
    return false
  }
  if (typeof actual === 'number') {
    if (typeof expected !== 'number') return op === 'ne'
    return numeric(op, actual, expected)
  }
  if (typeof actual !== 'string' || typeof expected !== 'string') {
    return op === 'ne' ? actual !== expected : op === 'eq' && actual === expected
  }
  if (ISO_DATE.test(actual) && ISO_DATE.test(expected) && ['gt', 'ge', 'lt', 'le', 'eq', 'ne'].includes(op)) {
    const a = Date.parse(actual)
    const e = Date.parse(expected)
    if (!Number.isNaN(a) && !Number.isNaN(e)) return numeric(op, a, e)
  }
  const a = caseExact ? actual : actual.toLowerCase()
  const e = caseExact ? expected : expected.toLowerCase()
  switch (op) {
    case 'co':
      return a.includes(e)
    case 'sw':
      return a.startsWith(e)
    case 'ew':
      return a.endsWith(e)
    default:
      return numeric(op, a, e)
  }
}

function numeric<T extends number | string>(op: string, a: T, e: T): boolean {
  switch (op) {
    case 'eq':
      return a === e
    case 'ne':
      return a !== e
    case 'gt':
      return a > e
    case 'ge':
      return a >= e
    case 'lt':
      return a < e
    case 'le':
      return a <= e
    default:
      return false
  }
}

const present = (value: unknown) =>
  value !== undefined &&
  value !== null &&
  value !== '' &&
  !(Array.isArray(value) && value.length === 0) &&
  !(typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)

/** Does `resource` (SCIM JSON) match `filter`? */
export function matches(resource: unknown, filter: Filter): boolean {
  switch (filter.op) {
    case 'and':
      return filter.filters.every((f) => matches(resource, f))
    case 'or':
      return filter.filters.some((f) => matches(resource, f))
    case 'not':
      return !matches(resource, filter.filter)
    case '[]': {
      // A value path: some element of the multi-valued attribute matches the inner filter.
      const elements = valuesAt(resource, attributeSegments(filter.attrPath))
      return elements.some((element) => matches(element, filter.valFilter))
    }
    case 'pr':
      return valuesAt(resource, attributeSegments(filter.attrPath)).some(present)
    default: {
      const path = attributeSegments(filter.attrPath)
      const values = valuesAt(resource, path)
      // A multi-valued attribute without a sub-attribute compares its `value`s (RFC 7644 §3.4.2.2).
      const compared = values.map((value) =>
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? (value as Record<string, unknown>).value
          : value,
      )
      const exact = isCaseExact(path)
      if (filter.op === 'ne')
        return compared.length === 0 || compared.every((v) => compare('ne', v, filter.compValue, exact))
      return compared.some((value) => compare(filter.op, value, filter.compValue, exact))
    }
  }
}

/**
 * The value of `attribute eq "…"` when the filter is just that (or that `and` more): the lookups
 * storage answers by index, so the filter IdPs send before every POST never scans the org.
 */
export function equalityOn(filter: Filter, attribute: string): string | undefined {
  if (filter.op === 'eq' && filter.attrPath.toLowerCase() === attribute.toLowerCase()) {
    return typeof filter.compValue === 'string' ? filter.compValue : undefined
  }
  if (filter.op === 'and') {
    for (const part of filter.filters) {
      const found = equalityOn(part, attribute)
      if (found !== undefined) return found
    }
  }
  return undefined
}
