// The request sequences Okta and Microsoft Entra ID send (issue 17), written from their public
// provisioning guides: look the user up by userName, create, read, update, deactivate,
// reactivate (Okta with PUT and PATCH active; Entra ID with PATCH ops named "Replace"/"Add",
// booleans as strings, value-path email targets, DELETE). Plus idempotency and the race of two
// POSTs of one user — on memory, PGlite and the server when ROSTER_TEST_DATABASE_URL is set.
import type { Storage } from '@roster/core/storage'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { ENTERPRISE_USER_SCHEMA, LIST_RESPONSE_SCHEMA, USER_SCHEMA } from './index.js'
import { oktaUser, scimWorld, storageKinds } from './test-support.js'

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
const byUserName = (userName: string) =>
  `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}&startIndex=1&count=100`

for (const kind of storageKinds()) {
  describe(`IdP sequences (${kind.name})`, () => {
    let storage: Storage | undefined
    beforeEach(async () => {
      storage = await kind.open()
    })
    afterAll(() => kind.close())

    it('Okta: filter → create → get → PUT update → PATCH deactivate → PATCH reactivate', async () => {
      const { scim, roster, admin, org } = await scimWorld(storage)
      const status = async (id: string) =>
        (await roster.members.get(admin, { orgId: org.id, accountId: id }))._unsafeUnwrap().membershipStatus

      const lookup = await scim('GET', byUserName('ada1@example.com'))
      expect(lookup.status).toBe(200)
      expect(lookup.json).toEqual({
        schemas: [LIST_RESPONSE_SCHEMA],
        totalResults: 0,
        itemsPerPage: 0,
        startIndex: 1,
        Resources: [],
      })

      const created = await scim('POST', '/Users', oktaUser(1))
      expect(created.status).toBe(201)
      const { id } = created.json
      expect((await scim('GET', byUserName('ada1@example.com'))).json.Resources[0].id).toBe(id)
      expect((await scim('GET', `/Users/${id}`)).json.userName).toBe('ada1@example.com')

      // Okta pushes profile changes as a full PUT of the user.
      const updated = await scim('PUT', `/Users/${id}`, {
        ...oktaUser(1, { name: { givenName: 'Ada', familyName: 'King' } }),
        id,
      })
      expect(updated.status).toBe(200)
      expect(updated.json.name.familyName).toBe('King')

      const deactivated = await scim('PATCH', `/Users/${id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', value: { active: false } }],
      })
      expect(deactivated.json.active).toBe(false)
      expect(await status(id)).toBe('disabled')
      expect((await scim('GET', byUserName('ada1@example.com'))).json.Resources[0].active).toBe(false)

      const reactivated = await scim('PATCH', `/Users/${id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', value: { active: true } }],
      })
      expect(reactivated.json.active).toBe(true)
      expect(await status(id)).not.toBe('disabled')
    })

    it('Entra ID: filter → create → PATCH Replace/Add with string booleans and value paths → disable → enable → DELETE', async () => {
      const { scim, roster, admin, org } = await scimWorld(storage, { connection: { name: 'Entra ID' } })
      const member = async (id: string) =>
        (await roster.members.get(admin, { orgId: org.id, accountId: id }))._unsafeUnwrap()
      const userName = 'grace@contoso.example'
      expect((await scim('GET', byUserName(userName))).json.totalResults).toBe(0)
      const created = await scim('POST', '/Users', {
        schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
        externalId: 'e4a2c1d0-0000-4000-8000-000000000001',
        userName,
        active: true,
        displayName: 'Grace Hopper',
        emails: [{ primary: true, type: 'work', value: userName }],
        meta: { resourceType: 'User' },
        name: { formatted: 'Grace Hopper', familyName: 'Hopper', givenName: 'Grace' },
        roles: [],
        title: 'Rear Admiral',
        [ENTERPRISE_USER_SCHEMA]: { department: 'Navy', employeeNumber: '1906' },
      })
      expect(created.status).toBe(201)
      const { id } = created.json

      const patched = await scim('PATCH', `/Users/${id}`, {
        schemas: [PATCH],
        Operations: [
          { op: 'Replace', path: 'title', value: 'Commodore' },
          { op: 'Add', path: 'emails[type eq "work"].value', value: 'grace.hopper@contoso.example' },
          { op: 'Replace', path: 'name.givenName', value: 'Amazing Grace' },
          { op: 'Add', path: `${ENTERPRISE_USER_SCHEMA}:manager`, value: 'mgr-7' },
          { op: 'Replace', path: `${ENTERPRISE_USER_SCHEMA}:department`, value: 'Computing' },
        ],
      })
      expect(patched.status).toBe(200)
      expect(patched.json).toMatchObject({
        title: 'Commodore',
        name: { givenName: 'Amazing Grace' },
        [ENTERPRISE_USER_SCHEMA]: { department: 'Computing', manager: { value: 'mgr-7' } },
      })
      expect(await member(id)).toMatchObject({
        email: 'grace.hopper@contoso.example',
        firstName: 'Amazing Grace',
        title: 'Commodore',
      })

      const disable = { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] }
      expect((await scim('PATCH', `/Users/${id}`, disable)).json.active).toBe(false)
      expect((await member(id)).membershipStatus).toBe('disabled')
      const lookup = (await scim('GET', byUserName(userName))).json
      expect(lookup.Resources[0]).toMatchObject({ id, active: false })
      const enable = { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] }
      expect((await scim('PATCH', `/Users/${id}`, enable)).json.active).toBe(true)

      expect((await scim('DELETE', `/Users/${id}`)).status).toBe(204)
      expect((await scim('GET', `/Users/${id}`)).status).toBe(404)
      expect((await scim('GET', byUserName(userName))).json.totalResults).toBe(0)
    })

    it('SC5: the same push twice changes nothing: same version, no audit event', async () => {
      const { scim, roster, admin, org } = await scimWorld(storage)
      const { id } = (await scim('POST', '/Users', oktaUser(1))).json
      const body = { ...oktaUser(1, { title: 'Engineer' }), id }
      const first = await scim('PUT', `/Users/${id}`, body)
      const events = (await roster.audit.list(admin, { orgId: org.id }))._unsafeUnwrap().items.length
      const second = await scim('PUT', `/Users/${id}`, body)
      expect(second.status).toBe(200)
      expect(second.json.meta.version).toBe(first.json.meta.version)
      expect((await roster.audit.list(admin, { orgId: org.id }))._unsafeUnwrap().items.length).toBe(events)
    })

    it('SC3: two POSTs of one user at once make one account and one membership; the other is 409 uniqueness', async () => {
      const { scim, roster, admin, org } = await scimWorld(storage)
      const answers = await Promise.all([
        scim('POST', '/Users', oktaUser(1)),
        scim('POST', '/Users', oktaUser(1)),
      ])
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409])
      expect(answers.find((a) => a.status === 409)?.json.scimType).toBe('uniqueness')
      const members = (await roster.members.list(admin, { orgId: org.id }))._unsafeUnwrap()
      expect(members.items.filter((m: { email: string }) => m.email === 'ada1@example.com')).toHaveLength(1)
      expect((await scim('GET', '/Users')).json.totalResults).toBe(1)
    })
  })
}
