import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRateLimiter } from './rate-limit.js'

const RUNS = Number(process.env.ROSTER_PROPERTY_RUNS ?? 200)

describe('createRateLimiter', () => {
  it('DS5: in any window of windowSeconds at most `limit` requests of one key are allowed (model check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 120 }),
        fc.array(
          fc.record({ wait: fc.integer({ min: 0, max: 40_000 }), key: fc.constantFrom('a', 'b', 'c') }),
          {
            maxLength: 60,
          },
        ),
        (limit, windowSeconds, steps) => {
          let now = 1_000_000
          const limiter = createRateLimiter({ limit, windowSeconds, now: () => now })
          const allowedAt = new Map<string, number[]>()
          for (const { wait, key } of steps) {
            now += wait
            const taken = limiter.take(key)
            const mine = allowedAt.get(key) ?? []
            const inWindow = mine.filter((time) => time > now - windowSeconds * 1000)
            // The model: allowed exactly when fewer than `limit` allowed requests are in the window.
            expect(taken.allowed).toBe(inWindow.length < limit)
            if (taken.allowed) allowedAt.set(key, [...mine, now])
            else {
              // Retry-After points at the moment the oldest counted request leaves the window.
              const oldest = inWindow[0]!
              expect(taken.retryAfterSeconds).toBe(
                Math.max(1, Math.ceil((oldest + windowSeconds * 1000 - now) / 1000)),
              )
            }
          }
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('DS5: waiting Retry-After seconds lets the next request through', () => {
    let now = 0
    const limiter = createRateLimiter({ limit: 2, windowSeconds: 60, now: () => now })
    limiter.take('k')
    now += 10_000
    limiter.take('k')
    const refused = limiter.take('k')
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 50 })
    now += 49_000
    expect(limiter.take('k').allowed).toBe(false)
    now += 1_000
    expect(limiter.take('k').allowed).toBe(true)
  })

  it('DS5: memory stays bounded by maxKeys however many clients come', () => {
    const limiter = createRateLimiter({ limit: 3, windowSeconds: 60, maxKeys: 100 })
    for (let i = 0; i < 10_000; i++) limiter.take(`client-${i}`)
    expect(limiter.size).toBe(100)
  })

  it('DS5: forget clears one key only', () => {
    const limiter = createRateLimiter({ limit: 1, windowSeconds: 60 })
    limiter.take('a')
    limiter.take('b')
    limiter.forget('a')
    expect(limiter.take('a').allowed).toBe(true)
    expect(limiter.take('b').allowed).toBe(false)
  })
})
