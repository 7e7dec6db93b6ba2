// createScimHandler's protocol frame (issue 17): bearer auth (SC1, SC2), the SCIM Error schema,
// discovery (RFC 7644 §4), routing, and the per-connection body and rate limits.
import { describe, expect, it } from 'vitest'
import { BASE, oktaUser, scimWorld } from './test-support.js'
import { ENTERPRISE_USER_SCHEMA, ERROR_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './index.js'

describe('scim handler', () => {
  it('SC2: no token, a wrong one or a revoked one is 401 in the Error schema, with a Bearer challenge', async () => {
    const { scim, roster, admin, org, connectionId } = await scimWorld(undefined)
    for (const bearer of [null, 'scim_wrong', 'x'.repeat(600)]) {
      const refused = await scim('GET', '/Users', undefined, {}, bearer)
      expect(refused.status).toBe(401)
      expect(refused.json).toEqual({ schemas: [ERROR_SCHEMA], status: '401', detail: expect.any(String) })
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/)
      expect(refused.headers.get('content-type')).toMatch(/^application\/scim\+json/)
    }
    expect((await scim('GET', '/Users')).status).toBe(200)
    ;(await roster.scim.revokeTokens(admin, { orgId: org.id, connectionId }))._unsafeUnwrap()
    expect((await scim('GET', '/Users')).status).toBe(401)
  })

  it('a Basic or malformed Authorization header is 401', async () => {
    const { scim, token } = await scimWorld(undefined)
    const basic = await scim(
      'GET',
      '/Users',
      undefined,
      { authorization: `Basic ${btoa(`x:${token}`)}` },
      null,
    )
    expect(basic.status).toBe(401)
    expect((await scim('GET', '/Users', undefined, { authorization: 'Bearer' }, null)).status).toBe(401)
    expect((await scim('GET', '/Users', undefined, { authorization: `bearer ${token}` }, null)).status).toBe(
      200,
    )
  })

  it('discovery: ServiceProviderConfig says patch, filter (maxResults 1000) and etag yes; bulk, sort, changePassword no', async () => {
    const { scim } = await scimWorld(undefined)
    const config = await scim('GET', '/ServiceProviderConfig', undefined, {}, null)
    expect(config.status).toBe(200)
    expect(config.json).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 1000 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: true },
      authenticationSchemes: [{ type: 'oauthbearertoken', primary: true }],
      meta: { resourceType: 'ServiceProviderConfig', location: `${BASE}/ServiceProviderConfig` },
    })
  })

  it('discovery: ResourceTypes lists what the handler serves (User with the enterprise extension, Group)', async () => {
    const { scim } = await scimWorld(undefined)
    const types = await scim('GET', '/ResourceTypes')
    expect(types.json).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 2,
      Resources: [
        {
          id: 'User',
          endpoint: '/Users',
          schema: USER_SCHEMA,
          schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }],
          meta: { location: `${BASE}/ResourceTypes/User` },
        },
        { id: 'Group', endpoint: '/Groups', schema: GROUP_SCHEMA },
      ],
    })
    expect((await scim('GET', '/ResourceTypes/User')).json.id).toBe('User')
    expect((await scim('GET', '/ResourceTypes/Group')).json.id).toBe('Group')
  })

  it('discovery: Schemas defines the core User, the enterprise extension and Group from RFC 7643', async () => {
    const { scim } = await scimWorld(undefined)
    const schemas = await scim('GET', '/Schemas')
    expect(schemas.json.Resources.map((s: { id: string }) => s.id)).toEqual([
      USER_SCHEMA,
      GROUP_SCHEMA,
      ENTERPRISE_USER_SCHEMA,
    ])
    const user = await scim('GET', `/Schemas/${USER_SCHEMA}`)
    const userName = user.json.attributes.find((a: { name: string }) => a.name === 'userName')
    expect(userName).toMatchObject({ type: 'string', required: true, caseExact: false, uniqueness: 'server' })
    const emails = user.json.attributes.find((a: { name: string }) => a.name === 'emails')
    expect(emails).toMatchObject({ type: 'complex', multiValued: true })
    expect(emails.subAttributes.map((a: { name: string }) => a.name)).toEqual([
      'value',
      'display',
      'type',
      'primary',
    ])
    const password = user.json.attributes.find((a: { name: string }) => a.name === 'password')
    expect(password).toMatchObject({ mutability: 'writeOnly', returned: 'never' })
    const enterprise = await scim('GET', `/Schemas/${ENTERPRISE_USER_SCHEMA}`)
    expect(enterprise.json.attributes.map((a: { name: string }) => a.name)).toEqual([
      'employeeNumber',
      'costCenter',
      'organization',
      'division',
      'department',
      'manager',
    ])
    expect((await scim('GET', '/Schemas/urn:nope')).status).toBe(404)
  })

  it('an unknown endpoint is 404 and a known one with the wrong method 405 naming the allowed ones', async () => {
    const { scim } = await scimWorld(undefined)
    const unknown = await scim('GET', '/Bulk')
    expect(unknown.status).toBe(404)
    expect(unknown.json).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' })
    const wrong = await scim('DELETE', '/Users')
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('GET, POST')
    expect((await scim('GET', '/../Users')).status).toBe(404)
  })

  it('a body that is not JSON is 400 invalidSyntax and stores nothing', async () => {
    const { scim } = await scimWorld(undefined)
    const broken = await scim('POST', '/Users', '{"userName":')
    expect(broken.status).toBe(400)
    expect(broken.json).toMatchObject({ status: '400', scimType: 'invalidSyntax' })
    expect((await scim('GET', '/Users')).json.totalResults).toBe(0)
  })

  it('limits: a body over the connection limit is 413 tooLarge, declared or streamed, and stores nothing', async () => {
    const { scim, handler, token } = await scimWorld(undefined, {
      handler: { limits: { maxBodyBytes: 2000 } },
    })
    const big = oktaUser(1, { title: 'x'.repeat(3000) })
    const declared = await scim('POST', '/Users', big)
    expect(declared.status).toBe(413)
    expect(declared.json).toMatchObject({ schemas: [ERROR_SCHEMA], status: '413', scimType: 'tooLarge' })
    const bytes = new TextEncoder().encode(JSON.stringify(big))
    const streamed = await handler(
      new Request(`${BASE}/Users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(bytes)
            controller.close()
          },
        }),
        duplex: 'half',
      } as RequestInit),
    )
    expect(streamed.status).toBe(413)
    expect((await scim('GET', '/Users')).json.totalResults).toBe(0)
    expect((await scim('POST', '/Users', oktaUser(1))).status).toBe(201)
  })

  it('limits: past the connection rate it is 429 with Retry-After; the bucket refills; another connection is not slowed', async () => {
    let now = 1_000_000
    const world = await scimWorld(undefined, {
      handler: { limits: { rateLimit: { perSecond: 2, burst: 3 } }, now: () => now },
    })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await world.scim('GET', '/Users')).status)
    expect(statuses).toEqual([200, 200, 200, 429])
    const limited = await world.scim('GET', '/Users')
    expect(limited.json).toMatchObject({ schemas: [ERROR_SCHEMA], status: '429' })
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    const other = (
      await world.roster.scim.createConnection(world.admin, { orgId: world.org.id, name: 'Entra' })
    )._unsafeUnwrap()
    expect((await world.scim('GET', '/Users', undefined, {}, other.secret.token)).status).toBe(200)
    now += 1000
    expect((await world.scim('GET', '/Users')).status).toBe(200)
  })

  it('limits can differ per connection, and rateLimit: false turns the rate limit off', async () => {
    const world = await scimWorld(undefined, {
      handler: { limits: () => ({ rateLimit: false, maxBodyBytes: 100 }) },
    })
    for (let i = 0; i < 600; i++) expect((await world.scim('GET', '/ServiceProviderConfig')).status).toBe(200)
    expect((await world.scim('POST', '/Users', oktaUser(1))).status).toBe(413)
  })

  it('the filter IdPs send before every POST (userName eq) is one index lookup, never a walk of the org', async () => {
    const world = await scimWorld(undefined)
    for (let i = 1; i <= 3; i++) await world.scim('POST', '/Users', oktaUser(i))
    const calls: unknown[] = []
    const list = world.roster.scim.users.list
    world.roster.scim.users.list = (principal, input) => {
      calls.push(input)
      return list(principal, input)
    }
    const found = await world.scim(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "ADA2@example.com"')}`,
    )
    expect(found.json.totalResults).toBe(1)
    expect(calls).toEqual([{ limit: 1000, userName: 'ADA2@example.com' }])
    calls.length = 0
    await world.scim('GET', `/Users?filter=${encodeURIComponent('title pr')}`)
    expect(calls).toEqual([{ limit: 1000 }])
  })

  it('an unexpected failure is 500 in the Error schema, without internals, and reported to onError', async () => {
    const seen: unknown[] = []
    const world = await scimWorld(undefined, { handler: { onError: (error) => seen.push(error) } })
    world.roster.scim.users.list = () => {
      throw new Error('driver says: secret detail')
    }
    const failed = await world.scim('GET', '/Users')
    expect(failed.status).toBe(500)
    expect(failed.json).toEqual({
      schemas: [ERROR_SCHEMA],
      status: '500',
      detail: 'Unexpected server error.',
    })
    expect(seen).toHaveLength(1)
  })
})
