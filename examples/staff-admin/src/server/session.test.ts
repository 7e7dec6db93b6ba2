import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSessions, SESSION_COOKIE, sessionToken } from './session.js'

const RUNS = Number(process.env.ROSTER_PROPERTY_RUNS ?? 200)

describe('createSessions', () => {
  it('DS4: a revoked session stops verifying at once; the others keep going', () => {
    const sessions = createSessions()
    const first = sessions.issue('acc_1')
    const second = sessions.issue('acc_1')
    expect(sessions.verify(first)).toBe('acc_1')
    sessions.revoke(first)
    expect(sessions.verify(first)).toBeNull()
    expect(sessions.verify(second)).toBe('acc_1')
  })

  it('DS4: revokeAccount ends every session of that account and no other', () => {
    const sessions = createSessions()
    const mine = [sessions.issue('acc_1'), sessions.issue('acc_1')]
    const theirs = sessions.issue('acc_2')
    expect(sessions.revokeAccount('acc_1')).toBe(2)
    for (const token of mine) expect(sessions.verify(token)).toBeNull()
    expect(sessions.verify(theirs)).toBe('acc_2')
  })

  it('DS4: a session expires after its lifetime', () => {
    let now = Date.parse('2026-01-01T00:00:00Z')
    const sessions = createSessions({ ttlSeconds: 60, now: () => now })
    const token = sessions.issue('acc_1')
    now += 59_000
    expect(sessions.verify(token)).toBe('acc_1')
    now += 1_000
    expect(sessions.verify(token)).toBeNull()
  })

  it('DS4: memory stays bounded: past maxSessions the least recently used session ends', () => {
    const sessions = createSessions({ maxSessions: 3 })
    const tokens = ['a', 'b', 'c'].map((id) => sessions.issue(id))
    expect(sessions.verify(tokens[0])).toBe('a') // a is now the most recently used
    sessions.issue('d')
    expect(sessions.size).toBe(3)
    expect(sessions.verify(tokens[1])).toBeNull()
    expect(sessions.verify(tokens[0])).toBe('a')
  })

  it('DS3: no string but an issued token verifies, and none throws', () => {
    const sessions = createSessions()
    const real = sessions.issue('acc_1')
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.base64String()), (value) => {
        fc.pre(value !== real)
        expect(sessions.verify(value)).toBeNull()
        expect(() => sessions.revoke(value)).not.toThrow()
      }),
      { numRuns: RUNS },
    )
  })

  it('DS3: reading the token from any Cookie header never throws', () => {
    const sessions = createSessions()
    const real = sessions.issue('acc_1')
    expect(sessionToken(`other=1; ${SESSION_COOKIE}=${real}`)).toBe(real)
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        const header = `${before}; ${SESSION_COOKIE}=${after}`
        expect(() => sessions.verify(sessionToken(header))).not.toThrow()
      }),
      { numRuns: RUNS },
    )
  })
})
