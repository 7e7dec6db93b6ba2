// /Groups over HTTP as Okta and Microsoft Entra ID push them (issue 17; docs/guides/scim.md
// SC10–SC13): group push → add/remove members → rename → delete, with a mapped role following the
// members — on memory, PGlite and the server when ROSTER_TEST_DATABASE_URL is set.
import type { Storage } from '@roster/core/storage'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { GROUP_SCHEMA } from './index.js'
import { foldGroupPatch } from './resources/groups.js'
import { oktaUser, scimWorld, storageKinds } from './test-support.js'

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH], Operations })

describe('foldGroupPatch', () => {
  it('folds ops in order: a member added then removed is removed; replace resets; no-path objects', () => {
    expect(
      foldGroupPatch(
        patch(
          { op: 'add', path: 'members', value: [{ value: 'a' }, { value: 'b' }] },
          { op: 'Remove', path: 'members[value eq "b"]' },
          { op: 'replace', value: { displayName: 'New', externalId: 'x' } },
        ),
      ),
    ).toEqual({ displayName: 'New', externalId: 'x', addMembers: ['a'], removeMembers: ['b'] })
    expect(
      foldGroupPatch(
        patch(
          { op: 'replace', path: 'members', value: [{ value: 'c' }] },
          { op: 'add', path: 'members', value: [{ value: 'd' }] },
        ),
      ),
    ).toEqual({ members: ['c', 'd'] })
    expect(foldGroupPatch(patch({ op: 'remove', path: 'members' }))).toEqual({ members: [] })
    expect(() => foldGroupPatch(patch({ op: 'replace', path: 'id', value: 'x' }))).toThrow(
      /cannot be changed|read-only/,
    )
  })
})

for (const kind of storageKinds()) {
  describe(`/Groups (${kind.name})`, () => {
    let storage: Storage | undefined
    beforeEach(async () => {
      storage = await kind.open()
    })
    afterAll(() => kind.close())

    /** A world with two users and a role the admin maps groups to. */
    async function world() {
      const w = await scimWorld(storage, { connection: { credential: 'none' } })
      const ids: string[] = []
      for (const i of [1, 2]) ids.push((await w.scim('POST', '/Users', oktaUser(i))).json.id)
      const role = (
        await w.roster.roles.define(w.admin, {
          orgId: w.org.id,
          name: 'Caretaker',
          permissions: ['members:read'],
        })
      )._unsafeUnwrap()
      const roles = async (accountId: string) =>
        (await w.storage.grants.listFor(w.org.id, accountId)).map((g) => g.roleId).sort()
      const map = (groupId: string) =>
        w.roster.scim.mapGroup(w.admin, {
          orgId: w.org.id,
          connectionId: w.connectionId,
          groupId,
          mapping: { kind: 'role', roleId: role.id, resourceIds: 'every' },
        })
      return { ...w, ids, role, roles, map }
    }

    it('Okta: push → PATCH add/remove members → rename → delete, the mapped role following', async () => {
      const { scim, ids, role, roles, map } = await world()
      const [ada, grace] = ids as [string, string]
      const lookup = await scim('GET', `/Groups?filter=${encodeURIComponent('displayName eq "Caretakers"')}`)
      expect(lookup.json).toMatchObject({ totalResults: 0, Resources: [] })

      const pushed = await scim('POST', '/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: 'Caretakers',
        members: [],
      })
      expect(pushed.status).toBe(201)
      const id = pushed.json.id as string
      expect(pushed.json).toMatchObject({
        displayName: 'Caretakers',
        members: [],
        meta: { resourceType: 'Group' },
      })
      expect(pushed.headers.get('location')).toMatch(new RegExp(`/Groups/${id}$`))
      ;(await map(id))._unsafeUnwrap()

      const added = await scim(
        'PATCH',
        `/Groups/${id}`,
        patch({ op: 'add', path: 'members', value: [{ value: ada }, { value: grace }] }),
      )
      expect(added.status).toBe(204)
      expect(await roles(ada)).toEqual([role.id, 'member'].sort())
      const removed = await scim(
        'PATCH',
        `/Groups/${id}`,
        patch({ op: 'remove', path: `members[value eq "${grace}"]` }),
      )
      expect(removed.status).toBe(204)
      expect(await roles(grace)).toEqual(['member'])

      const renamed = await scim(
        'PATCH',
        `/Groups/${id}`,
        patch({ op: 'replace', path: 'displayName', value: 'Care team' }),
      )
      expect(renamed.status).toBe(204)
      const read = await scim('GET', `/Groups/${id}`)
      expect(read.json).toMatchObject({ displayName: 'Care team', members: [{ value: ada, type: 'User' }] })
      expect(read.headers.get('etag')).toBe(read.json.meta.version)

      // Okta's full push: PUT with the member list reconciles (grace back in, ada out).
      const put = await scim('PUT', `/Groups/${id}`, {
        schemas: [GROUP_SCHEMA],
        displayName: 'Care team',
        members: [{ value: grace }],
      })
      expect(put.status).toBe(200)
      expect(await roles(ada)).toEqual(['member'])
      expect(await roles(grace)).toEqual([role.id, 'member'].sort())

      expect((await scim('DELETE', `/Groups/${id}`)).status).toBe(204)
      expect(await roles(grace)).toEqual(['member'])
      expect((await scim('GET', `/Groups/${id}`)).status).toBe(404)
    })

    it('Entra ID: excludedAttributes=members, "Add"/"Remove" ops with value lists, displayName uniqueness', async () => {
      const { scim, ids, roles, role, map } = await world()
      const [ada, grace] = ids as [string, string]
      const created = await scim('POST', '/Groups', {
        schemas: [GROUP_SCHEMA],
        externalId: 'entra-g1',
        displayName: 'Office',
        members: [{ value: ada }],
      })
      const id = created.json.id as string
      ;(await map(id))._unsafeUnwrap()
      const lean = await scim(
        'GET',
        `/Groups?excludedAttributes=members&filter=${encodeURIComponent('externalId eq "entra-g1"')}`,
      )
      expect(lean.json.totalResults).toBe(1)
      expect(lean.json.Resources[0]).not.toHaveProperty('members')
      expect((await scim('GET', `/Groups/${id}?excludedAttributes=members`)).json).not.toHaveProperty(
        'members',
      )

      await scim('PATCH', `/Groups/${id}`, patch({ op: 'Add', path: 'members', value: [{ value: grace }] }))
      expect(await roles(grace)).toEqual([role.id, 'member'].sort())
      await scim('PATCH', `/Groups/${id}`, patch({ op: 'Remove', path: 'members', value: [{ value: ada }] }))
      expect(await roles(ada)).toEqual(['member'])

      const dup = await scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'OFFICE' })
      expect(dup.status).toBe(409)
      expect(dup.json).toMatchObject({ status: '409', scimType: 'uniqueness' })
      const unknown = await scim(
        'PATCH',
        `/Groups/${id}`,
        patch({ op: 'add', path: 'members', value: [{ value: 'nobody' }] }),
      )
      expect(unknown.status).toBe(400)
      expect(unknown.json.scimType).toBe('invalidValue')
      expect(
        (
          await scim(
            'PATCH',
            '/Groups/missing',
            patch({ op: 'add', path: 'members', value: [{ value: ada }] }),
          )
        ).status,
      ).toBe(404)
    })
  })
}
