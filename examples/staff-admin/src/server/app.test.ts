import { describe, expect, it, vi } from 'vitest'
import { ADA, freshDemo, JOE, type TestDemo } from './test-demo.js'

// The demo server from outside, over loopback: rules DS1–DS4 and DS6 of docs/guides/demo-server.md.

const status = async (response: Promise<Response>) => (await response).status
const sessionStatus = (demo: TestDemo, cookie: string) =>
  status(fetch(`${demo.url}/auth/session`, { headers: { cookie } }))

/** The newest delivered mail to `to` once it arrives (delivery runs after the answer). */
async function mailTo(demo: TestDemo, to: string, template?: string) {
  return vi.waitFor(() => {
    const mail = [...demo.mailbox.delivered]
      .reverse()
      .find((m) => m.to === to && (!template || m.template === template))
    if (!mail) throw new Error(`no mail to ${to} yet`)
    return mail
  })
}

describe('sign-in', () => {
  it('A15: signs in with credentials.verify and sets an HttpOnly, SameSite cookie that authenticates the handler', async () => {
    const demo = await freshDemo()
    const wrong = await demo.post('/auth/sign-in', { ...demo.login, password: 'not the password' })
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' })
    expect(await status(demo.post('/api/roster/members/list', { orgId: demo.org.orgId }))).toBe(401)

    const signIn = await demo.post('/auth/sign-in', demo.login)
    expect(signIn.status).toBe(200)
    const setCookie = signIn.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    const cookie = setCookie.split(';')[0]!
    const list = await demo.post('/api/roster/members/list', { orgId: demo.org.orgId }, { cookie })
    expect(list.status).toBe(200)
    const page = (await list.json()) as { items: { email: string }[] }
    expect(page.items.map((m) => m.email)).toContain('ada@acme.test')
  })

  it('X3: sets the security headers on every answer', async () => {
    const demo = await freshDemo()
    for (const path of ['/', '/auth/session', '/nope', '/%zz']) {
      const response = await fetch(`${demo.url}${path}`)
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer')
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'")
    }
  })
})

describe('the dev mailbox', () => {
  it('DS1: a stranger without a session gets 401 and no mail, even right after requesting a reset', async () => {
    const demo = await freshDemo()
    expect(
      await status(demo.post('/api/roster/credentials/requestPasswordReset', { email: ADA.username })),
    ).toBe(200)
    await mailTo(demo, ADA.username, 'password-reset')
    const response = await fetch(`${demo.url}/dev/outbox`)
    expect(response.status).toBe(401)
    expect(await response.text()).not.toContain('token=')
  })

  it('DS1: guards every path under /dev/, not only /dev/outbox', async () => {
    const demo = await freshDemo()
    for (const path of ['/dev/outbox', '/dev/anything', '/dev/outbox/', '/dev/%6Futbox']) {
      expect(await status(fetch(`${demo.url}${path}`)), path).toBe(401)
    }
  })

  it('DS1: a member whose custom role holds members:update gets 403', async () => {
    const demo = await freshDemo()
    const cookie = await demo.signIn(ADA)
    const response = await fetch(`${demo.url}/dev/outbox`, { headers: { cookie } })
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ code: 'FORBIDDEN' })
  })

  it('DS1: an account that is not a member of the demo org gets 403', async () => {
    const demo = await freshDemo()
    const cookie = await demo.signIn(JOE)
    expect(await status(fetch(`${demo.url}/dev/outbox`, { headers: { cookie } }))).toBe(403)
  })

  it('DS1: an org-wide admin reads it, and loses it once their membership is disabled', async () => {
    const demo = await freshDemo()
    const founder = { accountId: demo.org.founderId }
    const katherine = (
      await demo.roster.members.list(founder, { orgId: demo.org.orgId, search: 'katherine' })
    )._unsafeUnwrap().items[0]!.accountId
    const assigned = await demo.roster.roles.assign(founder, {
      orgId: demo.org.orgId,
      accountId: katherine,
      grants: [{ roleId: 'admin', scope: 'org' }],
    })
    expect(assigned.isOk()).toBe(true)
    const cookie = await demo.signIn({ username: 'katherine@acme.test', password: ADA.password })
    expect(await status(fetch(`${demo.url}/dev/outbox`, { headers: { cookie } }))).toBe(200)

    const disabled = await demo.roster.members.disable(founder, {
      orgId: demo.org.orgId,
      accountId: katherine,
    })
    expect(disabled.isOk()).toBe(true)
    expect(await status(fetch(`${demo.url}/dev/outbox`, { headers: { cookie } }))).toBe(403)
  })

  it('DS1: the founder reads delivered mail newest first, with the links it carries', async () => {
    const demo = await freshDemo()
    await demo.post('/api/roster/credentials/requestPasswordReset', { email: ADA.username })
    await mailTo(demo, ADA.username, 'password-reset')
    const cookie = await demo.signIn(demo.login)
    const response = await fetch(`${demo.url}/dev/outbox`, { headers: { cookie } })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const mail = (await response.json()) as { to: string; template: string; url: string | null }[]
    expect(mail[0]).toMatchObject({ to: ADA.username, template: 'password-reset' })
    expect(mail[0]!.url).toMatch(new RegExp(`^${demo.url}/reset-password\\?token=`))
    expect(mail.find((m) => m.to === 'grace@acme.test')?.url).toMatch(
      new RegExp(`^${demo.url}/activate\\?token=`),
    )
  })
})

describe('cross-site writes', () => {
  it('DS2: a cross-site text/plain POST cannot sign out, and the session keeps working', async () => {
    const demo = await freshDemo()
    const cookie = await demo.signIn(demo.login)
    const forged = await fetch(`${demo.url}/auth/sign-out`, {
      method: 'POST',
      headers: {
        'content-type': 'text/plain',
        origin: 'http://evil.test',
        'sec-fetch-site': 'cross-site',
        cookie,
      },
      body: '{}',
    })
    expect(forged.status).toBe(403)
    expect(forged.headers.get('set-cookie')).toBeNull()
    expect(await sessionStatus(demo, cookie)).toBe(200)
  })

  it('DS2: a text/plain or form write is refused with or without an Origin header, on every route', async () => {
    const demo = await freshDemo()
    const cookie = await demo.signIn(demo.login)
    const writes = ['/auth/sign-out', '/auth/sign-in', '/api/roster/credentials/requestPasswordReset']
    const kinds = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']
    for (const path of writes) {
      for (const type of kinds) {
        for (const origin of [undefined, 'http://evil.test', 'null']) {
          const response = await fetch(`${demo.url}${path}`, {
            method: 'POST',
            headers: { 'content-type': type, cookie, ...(origin ? { origin } : {}) },
            body: `email=${encodeURIComponent(ADA.username)}`,
          })
          expect(response.status, `${path} ${type} ${origin}`).toBe(403)
        }
      }
    }
    expect(await sessionStatus(demo, cookie)).toBe(200)
    expect(demo.mailbox.delivered.filter((m) => m.template === 'password-reset')).toHaveLength(0)
  })

  it('DS2: a same-origin write must still be JSON (415), even with an empty body', async () => {
    const demo = await freshDemo()
    const cookie = await demo.signIn(demo.login)
    for (const path of ['/auth/sign-out', '/api/roster/orgs/listMine']) {
      const response = await fetch(`${demo.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: demo.url, 'sec-fetch-site': 'same-origin', cookie },
      })
      expect(response.status, path).toBe(415)
    }
    expect(await sessionStatus(demo, cookie)).toBe(200)
  })
})

describe('sessions', () => {
  it('DS4: after sign-out the old cookie stops working at once, on every route', async () => {
    const demo = await freshDemo()
    const cookie = await demo.signIn(demo.login)
    const out = await demo.post('/auth/sign-out', {}, { cookie })
    expect(out.status).toBe(200)
    expect(out.headers.get('set-cookie')).toMatch(/roster_demo_session=;/)
    expect(await sessionStatus(demo, cookie)).toBe(401)
    expect(await status(demo.post('/api/roster/orgs/listMine', {}, { cookie }))).toBe(401)
    expect(await status(fetch(`${demo.url}/dev/outbox`, { headers: { cookie } }))).toBe(401)
  })

  it('DS4: signing out ends only that session', async () => {
    const demo = await freshDemo()
    const laptop = await demo.signIn(demo.login)
    const phone = await demo.signIn(demo.login)
    await demo.post('/auth/sign-out', {}, { cookie: laptop })
    expect(await sessionStatus(demo, laptop)).toBe(401)
    expect(await sessionStatus(demo, phone)).toBe(200)
  })

  it('DS4: a password reset through a mailed link ends every session of that account', async () => {
    const demo = await freshDemo()
    const ada = await demo.signIn(ADA)
    const fay = await demo.signIn(demo.login)
    await demo.post('/api/roster/credentials/requestPasswordReset', { email: ADA.username })
    const token = (await mailTo(demo, ADA.username, 'password-reset')).data.token as string
    const reset = await demo.post('/api/roster/credentials/resetPassword', {
      token,
      password: 'ada has a brand new password',
    })
    expect(reset.status).toBe(200)
    expect(await sessionStatus(demo, ada)).toBe(401)
    expect(await sessionStatus(demo, fay)).toBe(200)
  })

  it('DS4: changing your own password ends your other sessions and keeps you signed in here', async () => {
    const demo = await freshDemo()
    const here = await demo.signIn(ADA)
    const elsewhere = await demo.signIn(ADA)
    const changed = await demo.post(
      '/api/roster/credentials/changePassword',
      { currentPassword: ADA.password, newPassword: 'ada picked a new password' },
      { cookie: here },
    )
    expect(changed.status).toBe(200)
    const renewed = (changed.headers.get('set-cookie') ?? '').split(';')[0]!
    expect(renewed).toMatch(/^roster_demo_session=.+/)
    expect(await sessionStatus(demo, elsewhere)).toBe(401)
    expect(await sessionStatus(demo, here)).toBe(401)
    expect(await sessionStatus(demo, renewed)).toBe(200)
  })

  it('DS4: disabling an account ends its sessions', async () => {
    const demo = await freshDemo()
    const ada = await demo.signIn(ADA)
    const adaId = (await (await fetch(`${demo.url}/auth/session`, { headers: { cookie: ada } })).json()) as {
      accountId: string
    }
    const disabled = await demo.roster.accounts.disable(
      { accountId: demo.org.founderId },
      { accountId: adaId.accountId },
    )
    expect(disabled.isOk()).toBe(true)
    expect(await sessionStatus(demo, ada)).toBe(401)
  })
})

describe('malformed client input', () => {
  it('DS3: a malformed session cookie means signed out (401), never a 500', async () => {
    const demo = await freshDemo()
    const cookies = [
      'roster_demo_session=%zz',
      'roster_demo_session=%E0%A4%A',
      'roster_demo_session="unterminated',
      `roster_demo_session=${'a'.repeat(43)}`,
      `roster_demo_session=${'a'.repeat(5000)}`,
      'roster_demo_session',
      '=; ;;=roster_demo_session',
      'roster_demo_session=a.b.c; roster_demo_session=x',
    ]
    for (const cookie of cookies) {
      expect(await sessionStatus(demo, cookie), cookie).toBe(401)
      expect(await status(demo.post('/api/roster/orgs/listMine', {}, { cookie })), cookie).toBe(401)
      expect(await status(fetch(`${demo.url}/dev/outbox`, { headers: { cookie } })), cookie).toBe(401)
    }
  })

  it('DS3: a path that does not decode answers 400; an unknown path 404; the app pages 200', async () => {
    const demo = await freshDemo()
    expect(await status(fetch(`${demo.url}/%zz`))).toBe(400)
    expect(await status(fetch(`${demo.url}/assets/%E0%A4%A`))).toBe(400)
    expect(await status(fetch(`${demo.url}/%00`))).toBe(400)
    expect(await status(fetch(`${demo.url}/nope`))).toBe(404)
    expect(await status(fetch(`${demo.url}/assets/missing.js`))).toBe(404)
    expect(await status(fetch(`${demo.url}/assets/app.js`))).toBe(200)
    for (const page of ['/', '/sign-in', '/mailbox', '/activate', '/account']) {
      expect(await status(fetch(`${demo.url}${page}`)), page).toBe(200)
    }
    expect(await status(demo.post('/api/roster/members/%zz', {}))).toBe(404)
    expect(await status(demo.post('/nope', {}))).toBe(404)
  })

  it('DS3: bad ids answer 400 or 404 (as Roster judges them), bad JSON 400', async () => {
    const demo = await freshDemo()
    const cookie = await demo.signIn(demo.login)
    const badId = await demo.post(
      '/api/roster/members/get',
      { orgId: '../../x', accountId: '%zz' },
      { cookie },
    )
    expect([400, 404]).toContain(badId.status)
    expect(['VALIDATION', 'NOT_FOUND', 'ORG_NOT_FOUND']).toContain(
      ((await badId.json()) as { code: string }).code,
    )
    const badJson = await fetch(`${demo.url}/api/roster/orgs/listMine`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: demo.url, cookie },
      body: '{"not json',
    })
    expect(badJson.status).toBe(400)
    const signIn = await fetch(`${demo.url}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: demo.url },
      body: '[1,',
    })
    expect(signIn.status).toBe(400)
    for (const body of [{ username: 5, password: 'x' }, { username: 'fay@acme.test' }, null, 'fay']) {
      const shaped = await demo.post('/auth/sign-in', body)
      expect(shaped.status, JSON.stringify(body)).toBe(400)
      expect(await shaped.json()).toMatchObject({ code: 'VALIDATION' })
    }
  })

  it('DS3: an oversized body answers 413 before it is read, declared or streamed', async () => {
    const demo = await freshDemo()
    const big = JSON.stringify({ username: 'x'.repeat(20_000), password: 'y' })
    expect(await status(demo.post('/auth/sign-in', JSON.parse(big)))).toBe(413)
    const streamed = await fetch(`${demo.url}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: demo.url },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big))
          controller.close()
        },
      }),
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    const cookie = await demo.signIn(demo.login)
    const huge = { orgId: demo.org.orgId, search: 'z'.repeat(1_100_000) }
    expect(await status(demo.post('/api/roster/members/list', huge, { cookie }))).toBe(413)
  })
})

describe('client addresses', () => {
  it('DS6: without trustProxy a client cannot pick its own key through X-Forwarded-For', async () => {
    const demo = await freshDemo({
      trustProxy: false,
      rateLimits: { signIn: { limit: 2, windowSeconds: 60 } },
    })
    const answers: number[] = []
    for (const client of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
      answers.push(await status(demo.post('/auth/sign-in', { ...JOE, password: 'wrong' }, { client })))
    }
    expect(answers).toEqual([401, 401, 429])
  })
})
