import { isIPv4, isIPv6 } from 'node:net'

/**
 * The key a client is rate-limited by (DS6): its IPv4 address, or the /64 prefix of its IPv6
 * address — one household or server usually holds a whole /64, so keying by the full address
 * would hand a single client 2^64 budgets. Anything unparsable shares one `unknown` bucket.
 *
 * @example
 * clientKey('203.0.113.7') // '203.0.113.7'
 * clientKey('::ffff:203.0.113.7') // '203.0.113.7'
 * clientKey('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 */
export function clientKey(address: string | undefined): string {
  const plain = (address ?? '')
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain)?.[1]
  if (mapped && isIPv4(mapped)) return mapped
  if (isIPv4(plain)) return plain
  if (isIPv6(plain)) return `${expandIPv6(plain).slice(0, 4).join(':')}::/64`
  return 'unknown'
}

/** The eight hextets of a valid IPv6 address, without leading zeros (`::` expanded). */
function expandIPv6(address: string): string[] {
  // An embedded IPv4 tail (`::1.2.3.4`) becomes two hextets.
  const withoutV4 = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_all, a, b, c, d) => {
    const hex = (hi: string, lo: string) => ((Number(hi) << 8) | Number(lo)).toString(16)
    return `${hex(a, b)}:${hex(c, d)}`
  })
  const [head = '', tail] = withoutV4.split('::') as [string, string | undefined]
  const left = head === '' ? [] : head.split(':')
  const right = tail === undefined || tail === '' ? [] : tail.split(':')
  const missing = tail === undefined ? 0 : 8 - left.length - right.length
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((part) =>
    Number.parseInt(part, 16).toString(16),
  )
}

/**
 * The address a request came from (DS6): the socket's peer, or — only when the operator says the
 * demo runs behind its own reverse proxy (`trustProxy`) — the last `X-Forwarded-For` hop, the one
 * that proxy appended. Without a proxy that header is whatever the client chose to send, so it is
 * ignored by default.
 */
export function requestAddress(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trustProxy: boolean,
): string | undefined {
  if (!trustProxy || !forwardedFor) return socketAddress
  const hops = forwardedFor
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
  return hops[hops.length - 1] ?? socketAddress
}
