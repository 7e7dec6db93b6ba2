import { describe, expect, it } from 'vitest'
import { freshDemo, type TestDemo } from './test-demo.js'

// SCIM through the demo server over loopback (issue 17): an org admin creates a connection through
// the Roster handler, and the identity provider's requests reach `/scim/v2` with its bearer token
// alone, past the browser guards (no cookie, application/scim+json), with the security headers on.

const SCIM = 'application/scim+json'

/** Signs in as the demo's admin and creates a SCIM connection for the demo org; returns its token. */
async function scimToken(demo: TestDemo): Promise<{ token: string; cookie: string }> {
  const cookie = await demo.signIn(demo.login)
  const created = await demo.post(
    '/api/roster/scim/createConnection',
    { orgId: demo.org.orgId, name: 'Okta' },
    { cookie },
  )
  expect(created.status).toBe(200)
  const { secret } = (await created.json()) as { secret: { token: string } }
  return { token: secret.token, cookie }
}

function scim(demo: TestDemo, token: string | null, method: string, path: string, body?: unknown) {
  return fetch(`${demo.url}/scim/v2${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': SCIM } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
}

describe('SCIM at /scim/v2', () => {
  it('discovery answers without a token; /Users needs the connection token (a session cookie is not one)', async () => {
    const demo = await freshDemo()
    const config = await scim(demo, null, 'GET', '/ServiceProviderConfig')
    expect(config.status).toBe(200)
    expect(config.headers.get('content-type')).toMatch(/^application\/scim\+json/)
    expect(config.headers.get('x-content-type-options')).toBe('nosniff')
    expect(((await config.json()) as { patch: { supported: boolean } }).patch.supported).toBe(true)

    const { cookie } = await scimToken(demo)
    const withCookie = await fetch(`${demo.url}/scim/v2/Users`, { headers: { cookie } })
    expect(withCookie.status).toBe(401)
    expect(await withCookie.json()).toMatchObject({ status: '401' })
    expect((await scim(demo, 'scim_not-a-token', 'GET', '/Users')).status).toBe(401)
  })

  it('an IdP provisions, finds, deactivates and removes a person; the admin sees each step in members', async () => {
    const demo = await freshDemo()
    const { token, cookie } = await scimToken(demo)
    const memberStatus = async (accountId: string) => {
      const read = await demo.post(
        '/api/roster/members/get',
        { orgId: demo.org.orgId, accountId },
        { cookie },
      )
      return read.status === 200
        ? ((await read.json()) as { membershipStatus: string }).membershipStatus
        : read.status
    }

    const lookup = await scim(
      demo,
      token,
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "kim@acme.test"')}`,
    )
    expect(await lookup.json()).toMatchObject({ totalResults: 0, Resources: [] })
    const created = await scim(demo, token, 'POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'kim@acme.test',
      name: { givenName: 'Kim', familyName: 'Park' },
      emails: [{ value: 'kim@acme.test', type: 'work', primary: true }],
      active: true,
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    expect(created.headers.get('location')).toBe(`${demo.url}/scim/v2/Users/${id}`)
    expect(await memberStatus(id)).toBe('invited')

    const found = await scim(
      demo,
      token,
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "KIM@acme.test"')}`,
    )
    expect(await found.json()).toMatchObject({ totalResults: 1, Resources: [{ id }] })

    const off = await scim(demo, token, 'PATCH', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    })
    expect(off.status).toBe(200)
    expect(await memberStatus(id)).toBe('disabled')

    expect((await scim(demo, token, 'DELETE', `/Users/${id}`)).status).toBe(204)
    expect((await scim(demo, token, 'GET', `/Users/${id}`)).status).toBe(404)
  })
})
