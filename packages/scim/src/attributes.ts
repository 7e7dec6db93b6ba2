// `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9): which attributes a response
// carries. `id` and `schemas` are always returned; paths name a top-level attribute, a
// sub-attribute (`name.givenName`) or an extension's (`urn:…:User:department`, or the URN alone).
import { attributeSegments } from './filter.js'

const ALWAYS = new Set(['id', 'schemas'])

function parseList(value: string | null): string[][] {
  if (!value) return []
  return value
    .split(',')
    .map((path) => path.trim())
    .filter(Boolean)
    .map((path) => {
      const lower = path.toLowerCase()
      // The URN of an extension alone names the whole extension object.
      if (lower.startsWith('urn:') && /:\d+\.\d+:[a-z]+$/i.test(lower)) return [lower]
      return attributeSegments(path)
    })
}

function pick(node: unknown, paths: string[][]): unknown {
  if (typeof node !== 'object' || node === null) return node
  if (Array.isArray(node)) return node.map((item) => pick(item, paths))
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) {
    const lower = key.toLowerCase()
    const here = paths.filter((path) => path[0] === lower)
    if (here.length === 0) continue
    if (here.some((path) => path.length === 1)) out[key] = value
    else
      out[key] = pick(
        value,
        here.map((path) => path.slice(1)),
      )
  }
  return out
}

function drop(node: unknown, paths: string[][]): unknown {
  if (typeof node !== 'object' || node === null) return node
  if (Array.isArray(node)) return node.map((item) => drop(item, paths))
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) {
    const lower = key.toLowerCase()
    const here = paths.filter((path) => path[0] === lower)
    if (here.some((path) => path.length === 1)) continue
    out[key] =
      here.length > 0
        ? drop(
            value,
            here.map((path) => path.slice(1)),
          )
        : value
  }
  return out
}

/** The projection a request asks for, from its query string. */
export function projectionOf(url: URL): (resource: Record<string, unknown>) => Record<string, unknown> {
  const attributes = parseList(url.searchParams.get('attributes'))
  const excluded = parseList(url.searchParams.get('excludedAttributes')).filter(
    (path) => !ALWAYS.has(path.join('.')),
  )
  if (attributes.length > 0) {
    const wanted = [...attributes, ['id'], ['schemas']]
    return (resource) => pick(resource, wanted) as Record<string, unknown>
  }
  if (excluded.length > 0) return (resource) => drop(resource, excluded) as Record<string, unknown>
  return (resource) => resource
}
