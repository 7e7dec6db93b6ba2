import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { clientKey, requestAddress } from './client-address.js'

const RUNS = Number(process.env.ROSTER_PROPERTY_RUNS ?? 200)

/** Eight hextets as numbers, written out in full (no `::`). */
const hextets = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 })
const write = (parts: number[]) => parts.map((p) => p.toString(16)).join(':')

/** The same address with the longest run of zero hextets folded into `::`, as RFC 5952 writes it. */
function compress(parts: number[]): string {
  let best = { at: -1, length: 0 }
  for (let i = 0; i < 8; i++) {
    let j = i
    while (j < 8 && parts[j] === 0) j++
    if (j - i > best.length) best = { at: i, length: j - i }
  }
  if (best.length < 2) return write(parts)
  return `${write(parts.slice(0, best.at))}::${write(parts.slice(best.at + best.length))}`
}

describe('clientKey', () => {
  it('DS6: an IPv4 address is its own key, also written as IPv4-mapped IPv6', () => {
    fc.assert(
      fc.property(fc.ipV4(), (address) => {
        expect(clientKey(address)).toBe(address)
        expect(clientKey(`::ffff:${address}`)).toBe(address)
      }),
      { numRuns: RUNS },
    )
  })

  it('DS6: IPv6 addresses share a key exactly when they share the /64, however they are written', () => {
    fc.assert(
      fc.property(hextets, hextets, (a, b) => {
        const samePrefix = a.slice(0, 4).every((part, i) => part === b[i])
        expect(clientKey(write(a)) === clientKey(compress(b))).toBe(samePrefix)
        expect(clientKey(compress(a))).toBe(clientKey(write(a)))
        expect(clientKey(write([...a.slice(0, 4), ...b.slice(4)]))).toBe(clientKey(write(a)))
      }),
      { numRuns: RUNS },
    )
  })

  it('DS6: anything that is not an address shares one bucket, and nothing throws', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect(() => clientKey(value)).not.toThrow()
      }),
      { numRuns: RUNS },
    )
    expect(clientKey(undefined)).toBe('unknown')
    expect(clientKey('not an address')).toBe('unknown')
  })
})

describe('requestAddress', () => {
  it('DS6: X-Forwarded-For counts only behind a trusted proxy, and only its last hop', () => {
    expect(requestAddress('10.0.0.1', '1.2.3.4', false)).toBe('10.0.0.1')
    expect(requestAddress('10.0.0.1', 'spoofed, 1.2.3.4', true)).toBe('1.2.3.4')
    expect(requestAddress('10.0.0.1', undefined, true)).toBe('10.0.0.1')
  })
})
