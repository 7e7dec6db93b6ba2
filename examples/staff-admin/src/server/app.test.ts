import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Demo, startDemo } from './app.js'
import { createSessions } from './session.js'

describe('createSessions', () => {
  it('accepts its own cookie and refuses a tampered, foreign or expired one', () => {
    let now = Date.parse('2026-01-01T00:00:00Z')
    const sessions = createSessions('s'.repeat(40), () => now)
    const cookie = sessions.issue('acc_1')
    expect(sessions.verify(cookie)).toBe('acc_1')
    expect(sessions.verify(cookie.replace('acc_1', 'acc_2'))).toBeNull()
    expect(createSessions('t'.repeat(40), () => now).verify(cookie)).toBeNull()
    expect(sessions.verify('garbage')).toBeNull()
    now += (sessions.maxAge + 1) * 1000
    expect(sessions.verify(cookie)).toBeNull()
  })
})

describe('the demo server', () => {
  let demo: Demo
  let dataDir: string
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'roster-demo-'))
    demo = await startDemo({ port: 0, dataDir, storage: 'memory', appDir: join(dataDir, 'no-app') })
  })
  afterAll(async () => {
    await demo?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })
  const json = (body: unknown, cookie?: string) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  })

  it('signs in with credentials.verify and sets an HttpOnly, SameSite cookie that authenticates the handler', async () => {
    const wrong = await fetch(
      `${demo.url}/auth/sign-in`,
      json({ ...demo.login, password: 'not the password' }),
    )
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' })

    const anonymous = await fetch(`${demo.url}/api/roster/members/list`, json({ orgId: demo.org.orgId }))
    expect(anonymous.status).toBe(401)

    const signIn = await fetch(`${demo.url}/auth/sign-in`, json(demo.login))
    expect(signIn.status).toBe(200)
    const setCookie = signIn.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    const cookie = setCookie.split(';')[0]!
    const list = await fetch(`${demo.url}/api/roster/members/list`, json({ orgId: demo.org.orgId }, cookie))
    expect(list.status).toBe(200)
    const page = (await list.json()) as { items: { email: string }[] }
    expect(page.items.map((m) => m.email)).toContain('ada@acme.test')
  })

  it('refuses a form-encoded sign-in (no cross-site form posts) and sets security headers', async () => {
    const response = await fetch(`${demo.url}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=fay%40acme.test&password=roster-demo-password',
    })
    expect(response.status).toBe(415)
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
  })

  it('lists the outbox in the dev mailbox, newest first, with activation links', async () => {
    const mail = (await (await fetch(`${demo.url}/dev/outbox`)).json()) as {
      to: string
      url: string | null
    }[]
    const grace = mail.find((m) => m.to === 'grace@acme.test')
    expect(grace?.url).toMatch(new RegExp(`^${demo.url}/activate\\?token=`))
  })
})
