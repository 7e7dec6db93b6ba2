import { PUBLIC_PROCEDURES } from '@roster/core/http'
import { describe, expect, it, vi } from 'vitest'
import { DEMO_LOCKOUT } from './client-limits.js'
import { ADA, freshDemo, JOE, type TestDemo } from './test-demo.js'

// Per-client limits over loopback (DS5). trustProxy is on in these demos, so X-Forwarded-For plays
// the clients: 198.51.100.x are distinct clients.

const A = '198.51.100.1'
const B = '198.51.100.2'

async function signInStatuses(
  demo: TestDemo,
  login: { username: string; password: string },
  times: number,
  client: string,
) {
  const statuses: number[] = []
  for (let i = 0; i < times; i++) statuses.push((await demo.post('/auth/sign-in', login, { client })).status)
  return statuses
}

describe('sign-in limits', () => {
  it('DS5: one client cannot lock an account: after maxAttempts − 1 wrong passwords it gets 429 with Retry-After, and the account is not locked', async () => {
    const demo = await freshDemo()
    const budget = DEMO_LOCKOUT.maxAttempts - 1
    const wrong = { ...JOE, password: 'not it' }
    expect(await signInStatuses(demo, wrong, budget, A)).toEqual(Array(budget).fill(401))
    const refused = await demo.post('/auth/sign-in', JOE, { client: A })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await refused.json()).toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: expect.any(Number) },
    })
    // Many more tries from A change nothing for the account: they never reach credentials.verify.
    expect(await signInStatuses(demo, wrong, 10, A)).toEqual(Array(10).fill(429))
    expect(await signInStatuses(demo, JOE, 1, B)).toEqual([200])
  })

  it('DS5: concurrent attempts from one client cannot slip past the budget, and the account stays unlocked', async () => {
    const demo = await freshDemo()
    const budget = DEMO_LOCKOUT.maxAttempts - 1
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        demo.post('/auth/sign-in', { ...JOE, password: `wrong ${i}` }, { client: A }).then((r) => r.status),
      ),
    )
    expect(statuses.filter((s) => s === 401)).toHaveLength(budget)
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - budget)
    expect((await demo.roster.credentials.verify(JOE)).isOk()).toBe(true)
  })

  it('DS5: the budget counts unknown usernames the same, so a 429 tells nothing about accounts', async () => {
    const demo = await freshDemo()
    const budget = DEMO_LOCKOUT.maxAttempts - 1
    const unknown = await signInStatuses(demo, { username: 'nobody@acme.test', password: 'x' }, budget + 1, A)
    const known = await signInStatuses(demo, { username: JOE.username, password: 'x' }, budget + 1, A)
    expect(unknown).toEqual(known)
    expect(unknown.at(-1)).toBe(429)
  })

  it('DS5: spellings of one username share one budget', async () => {
    const demo = await freshDemo()
    const spellings = [
      'joe@example.test',
      'JOE@example.test',
      ' joe@example.test ',
      'joe@exam\u200Bple.test',
      'ｊoe@example.test',
    ]
    const statuses: number[] = []
    for (const username of spellings)
      statuses.push((await demo.post('/auth/sign-in', { username, password: 'x' }, { client: A })).status)
    expect(statuses.slice(0, 4).every((s) => s !== 429)).toBe(true)
    expect(statuses[4]).toBe(429)
  })

  it('DS5: a successful sign-in forgets that client’s earlier failures at the account', async () => {
    const demo = await freshDemo()
    const wrong = { ...JOE, password: 'not it' }
    const budget = DEMO_LOCKOUT.maxAttempts - 1
    expect(await signInStatuses(demo, wrong, budget - 1, A)).toEqual(Array(budget - 1).fill(401))
    expect(await signInStatuses(demo, JOE, 1, A)).toEqual([200])
    expect(await signInStatuses(demo, wrong, budget, A)).toEqual(Array(budget).fill(401))
  })

  it('DS5: a password reset from the client lifts its sign-in budget for that account', async () => {
    const demo = await freshDemo()
    const budget = DEMO_LOCKOUT.maxAttempts - 1
    await signInStatuses(demo, { ...ADA, password: 'forgot it' }, budget, A)
    expect(await signInStatuses(demo, ADA, 1, A)).toEqual([429])
    await demo.post('/api/roster/credentials/requestPasswordReset', { email: ADA.username }, { client: A })
    const mail = await vi.waitFor(() => {
      const found = demo.mailbox.delivered.find(
        (m) => m.to === ADA.username && m.template === 'password-reset',
      )
      if (!found) throw new Error('no reset mail yet')
      return found
    })
    const password = 'ada remembers this one'
    const reset = await demo.post(
      '/api/roster/credentials/resetPassword',
      { token: mail.data.token, password },
      { client: A },
    )
    expect(reset.status).toBe(200)
    expect(await signInStatuses(demo, { ...ADA, password }, 1, A)).toEqual([200])
  })

  it('DS5: one client’s sign-ins across usernames are limited too; another client is not affected', async () => {
    const demo = await freshDemo({ rateLimits: { signIn: { limit: 3, windowSeconds: 600 } } })
    const statuses: number[] = []
    for (const username of ['a@x.test', 'b@x.test', 'c@x.test', 'd@x.test']) {
      statuses.push((await demo.post('/auth/sign-in', { username, password: 'x' }, { client: A })).status)
    }
    expect(statuses).toEqual([401, 401, 401, 429])
    expect(await signInStatuses(demo, JOE, 1, B)).toEqual([200])
  })

  it('DS5: IPv6 clients are limited by /64, so rotating the host part buys nothing', async () => {
    const demo = await freshDemo({ rateLimits: { signIn: { limit: 2, windowSeconds: 600 } } })
    const statuses: number[] = []
    for (const client of ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:ffff::3', '2001:db8:1:3::1']) {
      statuses.push((await demo.post('/auth/sign-in', { ...JOE, password: 'x' }, { client })).status)
    }
    expect(statuses).toEqual([401, 401, 429, 401])
  })
})

describe('public use-case limits', () => {
  it('DS5: the mail-sending paths share one per-client limit; past it nothing more is mailed', async () => {
    const demo = await freshDemo({ rateLimits: { publicMail: { limit: 2, windowSeconds: 600 } } })
    const calls = [
      ['credentials/requestPasswordReset', { email: ADA.username }],
      ['activation/requestNewLink', { email: 'grace@acme.test' }],
      ['accounts/signUp', { email: 'new@acme.test', firstName: 'New', lastName: 'Person' }],
      ['credentials/requestPasswordReset', { email: ADA.username }],
    ] as const
    const statuses: number[] = []
    for (const [path, body] of calls)
      statuses.push((await demo.post(`/api/roster/${path}`, body, { client: A })).status)
    expect(statuses.slice(0, 2).every((s) => s < 400)).toBe(true)
    expect(statuses.slice(2)).toEqual([429, 429])
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(demo.mailbox.delivered.some((m) => m.to === 'new@acme.test')).toBe(false)
    expect(demo.mailbox.delivered.filter((m) => m.to === ADA.username)).toHaveLength(1)
    expect((await demo.post('/api/roster/accounts/signUp', calls[2][1], { client: B })).status).toBeLessThan(
      400,
    )
  })

  it('DS5: the token-redeeming paths are limited per client', async () => {
    const demo = await freshDemo({ rateLimits: { publicTokens: { limit: 2, windowSeconds: 600 } } })
    const guess = { token: 'a'.repeat(43), password: 'a long guessed password' }
    const statuses: number[] = []
    for (const path of ['activation/activate', 'credentials/resetPassword', 'accounts/confirmEmail']) {
      statuses.push((await demo.post(`/api/roster/${path}`, guess, { client: A })).status)
    }
    expect(statuses[0]).not.toBe(429)
    expect(statuses[1]).not.toBe(429)
    expect(statuses[2]).toBe(429)
  })

  it('DS5: every public use-case of the handler is rate limited (a new one cannot slip through)', async () => {
    const one = { limit: 1, windowSeconds: 600 }
    const demo = await freshDemo({ rateLimits: { publicMail: one, publicTokens: one } })
    for (const [index, name] of PUBLIC_PROCEDURES.entries()) {
      const client = `203.0.113.${index + 1}`
      const path = `/api/roster/${name.replace('.', '/')}`
      expect((await demo.post(path, {}, { client })).status, name).not.toBe(429)
      const second = await demo.post(path, {}, { client })
      expect(second.status, name).toBe(429)
      expect(second.headers.get('retry-after'), name).toMatch(/^\d+$/)
    }
  })
})
