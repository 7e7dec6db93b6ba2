// /Users over HTTP (issue 17; SC2–SC5, SC9) on memory, PGlite and — with ROSTER_TEST_DATABASE_URL —
// the real server: every endpoint, the mapping, paging, projections, ETags and the errors.
import type { Storage } from '@roster/core/storage'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { ENTERPRISE_USER_SCHEMA, ERROR_SCHEMA, USER_SCHEMA } from './index.js'
import { BASE, oktaUser, scimWorld, storageKinds } from './test-support.js'

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'

for (const kind of storageKinds()) {
  describe(`scim /Users (${kind.name})`, () => {
    let storage: Storage | undefined
    beforeEach(async () => {
      storage = await kind.open()
    })
    afterAll(() => kind.close())
    const world = (options?: Parameters<typeof scimWorld>[1]) => scimWorld(storage, options)

    it('SC3: POST creates the user: 201, Location, ETag, the resource as sent (password never kept)', async () => {
      const { scim, roster, admin, org, connectionId } = await world()
      const created = await scim('POST', '/Users', oktaUser(1, { title: 'Engineer' }))
      expect(created.status).toBe(201)
      const id = created.json.id
      expect(created.headers.get('location')).toBe(`${BASE}/Users/${id}`)
      expect(created.headers.get('etag')).toBe('W/"1"')
      expect(created.json).toMatchObject({
        schemas: [USER_SCHEMA],
        userName: 'ada1@example.com',
        externalId: '00u1okta',
        name: { givenName: 'Ada', familyName: 'Lovelace1' },
        emails: [{ value: 'ada1@example.com', type: 'work', primary: true }],
        displayName: 'Ada Lovelace1',
        locale: 'en-US',
        title: 'Engineer',
        active: true,
        meta: { resourceType: 'User', location: `${BASE}/Users/${id}`, version: 'W/"1"' },
      })
      expect(created.json.password).toBeUndefined()
      expect(JSON.stringify((await scim('GET', `/Users/${id}`)).json)).not.toContain('never-stored')
      const member = (await roster.members.get(admin, { orgId: org.id, accountId: id }))._unsafeUnwrap()
      expect(member).toMatchObject({
        firstName: 'Ada',
        lastName: 'Lovelace1',
        title: 'Engineer',
        source: connectionId,
      })
    })

    it('maps the enterprise extension and Entra ID shapes: department, employeeNumber, manager as a bare id, phone, language', async () => {
      const { scim, roster, admin, org } = await world()
      const created = await scim('POST', '/Users', {
        schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
        userName: 'grace@contoso.example',
        active: 'True',
        name: { givenName: 'Grace', familyName: 'Hopper', formatted: 'Grace Hopper' },
        emails: [
          { type: 'home', value: 'g@home.example' },
          { type: 'work', value: 'grace@contoso.example', primary: 'true' },
        ],
        phoneNumbers: [{ type: 'work', value: '+14155550100' }],
        preferredLanguage: 'fr-CA',
        [ENTERPRISE_USER_SCHEMA]: { department: 'Navy', employeeNumber: '1906', manager: 'mgr-1' },
      })
      expect(created.status).toBe(201)
      expect(created.json).toMatchObject({
        schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
        active: true,
        [ENTERPRISE_USER_SCHEMA]: { department: 'Navy', employeeNumber: '1906', manager: { value: 'mgr-1' } },
      })
      const member = (
        await roster.members.get(admin, { orgId: org.id, accountId: created.json.id })
      )._unsafeUnwrap()
      expect(member).toMatchObject({
        email: 'grace@contoso.example',
        phone: '+14155550100',
        language: 'fr-CA',
      })
      expect(member.department?.name).toBe('Navy')
    })

    it('SC9: bad input is 400 invalidValue and stores nothing (no userName, no email, a bad active, a bad email)', async () => {
      const { scim } = await world()
      for (const body of [
        oktaUser(1, { userName: undefined }),
        oktaUser(1, { userName: 'not-an-email', emails: [] }),
        oktaUser(1, { active: 'maybe' }),
        oktaUser(1, { emails: [{ type: 'work', value: 'nope' }] }),
        [1, 2],
      ]) {
        const refused = await scim('POST', '/Users', body)
        expect(refused.status).toBe(400)
        expect(refused.json).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400' })
        expect(['invalidValue', 'invalidSyntax']).toContain(refused.json.scimType)
      }
      expect((await scim('GET', '/Users')).json.totalResults).toBe(0)
    })

    it('SC3: a second POST of the userName, in any case, is 409 uniqueness', async () => {
      const { scim } = await world()
      expect((await scim('POST', '/Users', oktaUser(1))).status).toBe(201)
      const again = await scim('POST', '/Users', oktaUser(2, { userName: 'ADA1@example.com' }))
      expect(again.status).toBe(409)
      expect(again.json).toMatchObject({ schemas: [ERROR_SCHEMA], status: '409', scimType: 'uniqueness' })
    })

    it('GET by id; an unknown or malformed id is 404', async () => {
      const { scim } = await world()
      const { id } = (await scim('POST', '/Users', oktaUser(1))).json
      const got = await scim('GET', `/Users/${id}`)
      expect(got.status).toBe(200)
      expect(got.json.id).toBe(id)
      for (const unknown of ['nope', 'x'.repeat(200)]) {
        const missing = await scim('GET', `/Users/${unknown}`)
        expect(missing.status).toBe(404)
        expect(missing.json).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' })
      }
    })

    it('list: filter userName eq ignoring case (an index lookup), externalId, other filters; 400 invalidFilter', async () => {
      const { scim } = await world()
      for (let i = 1; i <= 3; i++)
        await scim('POST', '/Users', oktaUser(i, { title: i === 2 ? 'Boss' : 'Engineer' }))
      const q = (filter: string) => scim('GET', `/Users?filter=${encodeURIComponent(filter)}`)
      const byName = await q('userName eq "ADA2@EXAMPLE.COM"')
      expect(byName.json).toMatchObject({ totalResults: 1, itemsPerPage: 1, startIndex: 1 })
      expect(byName.json.Resources[0].userName).toBe('ada2@example.com')
      expect((await q('userName eq "nobody@example.com"')).json).toMatchObject({
        totalResults: 0,
        Resources: [],
      })
      expect(
        (await q('externalId eq "00u3okta"')).json.Resources.map((u: { userName: string }) => u.userName),
      ).toEqual(['ada3@example.com'])
      expect((await q('title eq "engineer"')).json.totalResults).toBe(2)
      expect((await q('emails[type eq "work" and value ew "2@example.com"]')).json.totalResults).toBe(1)
      expect((await q('not (title eq "Boss") and active eq true')).json.totalResults).toBe(2)
      const bad = await q('userName eq')
      expect(bad.status).toBe(400)
      expect(bad.json).toMatchObject({ scimType: 'invalidFilter' })
    })

    it('list: startIndex/count are 1-based with a stable order and integer totals; count=0 gives the total only', async () => {
      const { scim } = await world()
      for (let i = 1; i <= 5; i++) await scim('POST', '/Users', oktaUser(i))
      const all = (await scim('GET', '/Users')).json
      expect(all).toMatchObject({ totalResults: 5, itemsPerPage: 5, startIndex: 1 })
      const ids = all.Resources.map((u: { id: string }) => u.id)
      const pages = []
      for (const start of [1, 3, 5]) {
        const page = (await scim('GET', `/Users?startIndex=${start}&count=2`)).json
        expect(page).toMatchObject({ totalResults: 5, startIndex: start })
        pages.push(...page.Resources.map((u: { id: string }) => u.id))
      }
      expect(pages).toEqual(ids)
      expect((await scim('GET', '/Users?startIndex=9&count=2')).json).toMatchObject({
        totalResults: 5,
        Resources: [],
      })
      expect((await scim('GET', '/Users?count=0')).json).toMatchObject({
        totalResults: 5,
        itemsPerPage: 0,
        Resources: [],
      })
      expect((await scim('GET', '/Users?startIndex=0&count=1')).json).toMatchObject({
        startIndex: 1,
        itemsPerPage: 1,
      })
      expect((await scim('GET', '/Users?filter=title%20pr&startIndex=2&count=1')).json.totalResults).toBe(0)
      const filtered = (
        await scim('GET', `/Users?filter=${encodeURIComponent('userName sw "ada"')}&startIndex=2&count=2`)
      ).json
      expect(filtered.Resources.map((u: { id: string }) => u.id)).toEqual(ids.slice(1, 3))
      expect((await scim('GET', '/Users?count=abc')).status).toBe(400)
    })

    it('attributes and excludedAttributes project the resources; id and schemas always come', async () => {
      const { scim } = await world()
      const { id } = (await scim('POST', '/Users', oktaUser(1))).json
      const only = (await scim('GET', `/Users/${id}?attributes=userName,name.givenName`)).json
      expect(only).toEqual({
        schemas: [USER_SCHEMA],
        id,
        userName: 'ada1@example.com',
        name: { givenName: 'Ada' },
      })
      const without = (await scim('GET', `/Users?excludedAttributes=emails,name,meta,id`)).json.Resources[0]
      expect(without.id).toBe(id)
      expect(without.emails).toBeUndefined()
      expect(without.name).toBeUndefined()
      expect(without.userName).toBe('ada1@example.com')
    })

    it('PUT replaces the user, echoing id and meta with the next version; If-Match of an old version is 412', async () => {
      const { scim, roster, admin, org } = await world()
      const { id } = (await scim('POST', '/Users', oktaUser(1))).json
      const put = await scim(
        'PUT',
        `/Users/${id}`,
        oktaUser(1, { id, name: { givenName: 'Augusta', familyName: 'King' }, title: 'Countess' }),
      )
      expect(put.status).toBe(200)
      expect(put.json).toMatchObject({
        id,
        name: { givenName: 'Augusta', familyName: 'King' },
        title: 'Countess',
      })
      expect(put.json.meta.version).toBe('W/"2"')
      expect(put.headers.get('etag')).toBe('W/"2"')
      expect(
        (await roster.members.get(admin, { orgId: org.id, accountId: id }))._unsafeUnwrap(),
      ).toMatchObject({
        firstName: 'Augusta',
        title: 'Countess',
      })
      const stale = await scim('PUT', `/Users/${id}`, oktaUser(1, { title: 'x' }), { 'if-match': 'W/"1"' })
      expect(stale.status).toBe(412)
      expect(
        (await scim('PUT', `/Users/${id}`, oktaUser(1, { title: 'y' }), { 'if-match': 'W/"2"' })).status,
      ).toBe(200)
      expect((await scim('PUT', '/Users/nope', oktaUser(1))).status).toBe(404)
    })

    it('SC5: PATCH active "False" disables the membership, "True" re-enables it; the same PATCH twice changes nothing', async () => {
      const { scim, roster, admin, org } = await world()
      const { id } = (await scim('POST', '/Users', oktaUser(1))).json
      const off = { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] }
      const patched = await scim('PATCH', `/Users/${id}`, off)
      expect(patched.status).toBe(200)
      expect(patched.json.active).toBe(false)
      expect(
        (await roster.members.get(admin, { orgId: org.id, accountId: id }))._unsafeUnwrap().membershipStatus,
      ).toBe('disabled')
      const version = patched.json.meta.version
      const audit = (await roster.audit.list(admin, { orgId: org.id }))._unsafeUnwrap().items.length
      expect((await scim('PATCH', `/Users/${id}`, off)).json.meta.version).toBe(version)
      expect((await roster.audit.list(admin, { orgId: org.id }))._unsafeUnwrap().items.length).toBe(audit)
      const on = await scim('PATCH', `/Users/${id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', value: { active: true } }],
      })
      expect(on.json.active).toBe(true)
      expect(
        (await roster.members.get(admin, { orgId: org.id, accountId: id }))._unsafeUnwrap().membershipStatus,
      ).not.toBe('disabled')
    })

    it('SC5: a PATCH that leaves the user as it is writes nothing — Okta re-sending active true keeps version 1; a stale If-Match is still 412', async () => {
      const { scim, roster, admin, org } = await world()
      const { id } = (await scim('POST', '/Users', oktaUser(1))).json
      const audit = (await roster.audit.list(admin, { orgId: org.id }))._unsafeUnwrap().items.length
      const again = { schemas: [PATCH], Operations: [{ op: 'replace', value: { active: true } }] }
      const same = await scim('PATCH', `/Users/${id}`, again)
      expect(same.status).toBe(200)
      expect(same.json.meta.version).toBe('W/"1"')
      expect(same.headers.get('etag')).toBe('W/"1"')
      expect((await roster.audit.list(admin, { orgId: org.id }))._unsafeUnwrap().items.length).toBe(audit)
      expect((await scim('PATCH', `/Users/${id}`, again, { 'if-match': 'W/"0"' })).status).toBe(412)
      // A real change after it still applies and moves the version.
      const changed = await scim('PATCH', `/Users/${id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', path: 'title', value: 'Countess' }],
      })
      expect(changed.json).toMatchObject({ title: 'Countess', meta: { version: 'W/"2"' } })
    })

    it('PATCH paths: work email by value path, dotted keys, enterprise department; read-only id is mutability', async () => {
      const { scim, roster, admin, org } = await world()
      const { id } = (await scim('POST', '/Users', oktaUser(1))).json
      const patched = await scim('PATCH', `/Users/${id}`, {
        schemas: [PATCH],
        Operations: [
          { op: 'Add', path: 'emails[type eq "work"].value', value: 'ada.new@example.com' },
          {
            op: 'Replace',
            value: { 'name.familyName': 'Byron', [`${ENTERPRISE_USER_SCHEMA}:department`]: 'Math' },
          },
          { op: 'replace', path: 'title', value: 'Analyst' },
        ],
      })
      expect(patched.status).toBe(200)
      expect(patched.json).toMatchObject({
        emails: [{ value: 'ada.new@example.com', type: 'work' }],
        name: { familyName: 'Byron' },
        title: 'Analyst',
        [ENTERPRISE_USER_SCHEMA]: { department: 'Math' },
      })
      const member = (await roster.members.get(admin, { orgId: org.id, accountId: id }))._unsafeUnwrap()
      expect(member).toMatchObject({ email: 'ada.new@example.com', lastName: 'Byron', title: 'Analyst' })
      expect(member.department?.name).toBe('Math')
      const readOnly = await scim('PATCH', `/Users/${id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', path: 'id', value: 'x' }],
      })
      expect(readOnly.status).toBe(400)
      expect(readOnly.json.scimType).toBe('mutability')
      expect(
        (
          await scim('PATCH', '/Users/nope', {
            schemas: [PATCH],
            Operations: [{ op: 'replace', path: 'title', value: 'x' }],
          })
        ).status,
      ).toBe(404)
      const stale = await scim(
        'PATCH',
        `/Users/${id}`,
        { schemas: [PATCH], Operations: [{ op: 'replace', path: 'title', value: 'x' }] },
        { 'if-match': 'W/"1"' },
      )
      expect(stale.status).toBe(412)
    })

    it('SC5: DELETE is 204, then the user is gone (404 on GET, PUT, PATCH, DELETE) and a new POST takes it back', async () => {
      const { scim, roster, admin, org } = await world()
      const { id } = (await scim('POST', '/Users', oktaUser(1))).json
      const deleted = await scim('DELETE', `/Users/${id}`)
      expect(deleted.status).toBe(204)
      expect((await scim('GET', `/Users/${id}`)).status).toBe(404)
      expect((await scim('PUT', `/Users/${id}`, oktaUser(1))).status).toBe(404)
      expect((await scim('DELETE', `/Users/${id}`)).status).toBe(404)
      expect(
        (await roster.members.get(admin, { orgId: org.id, accountId: id }))._unsafeUnwrap().membershipStatus,
      ).toBe('disabled')
      const back = await scim('POST', '/Users', oktaUser(1))
      expect(back.status).toBe(201)
      expect(back.json.id).toBe(id)
    })

    it('SC2: another org’s token sees none of this org’s users (404 by id, empty lists, its own userNames)', async () => {
      const a = await world({ orgName: 'Acme' })
      const { id } = (await a.scim('POST', '/Users', oktaUser(1))).json
      const b = await scimWorld(a.storage, { orgName: 'Globex' })
      // Same storage, the other org's connection and token.
      const bToken = b.token
      for (const [method, body] of [
        ['GET'],
        ['PUT', oktaUser(1)],
        ['DELETE'],
        ['PATCH', { schemas: [PATCH], Operations: [{ op: 'replace', path: 'title', value: 'x' }] }],
      ] as const) {
        expect((await a.scim(method, `/Users/${id}`, body, {}, bToken)).status).toBe(404)
      }
      const listed = await a.scim(
        'GET',
        `/Users?filter=${encodeURIComponent('userName eq "ada1@example.com"')}`,
        undefined,
        {},
        bToken,
      )
      expect(listed.json.totalResults).toBe(0)
      expect((await a.scim('GET', '/Users', undefined, {}, bToken)).json.totalResults).toBe(0)
      expect((await a.scim('GET', `/Users/${id}`)).status).toBe(200)
    })
  })
}
