import { describe, expect } from 'vitest'
import { at } from './fixtures.js'
import { type ConformanceTest, seedAccount, seedMember, seedOrg } from './harness.js'

export function orgsConformance(test: ConformanceTest): void {
  describe('orgs', () => {
    test('findById and findBySlug return null for an unknown org', async ({ storage, f }) => {
      await seedOrg(storage, f)
      expect(await storage.orgs.findById(f.id())).toBeNull()
      expect(await storage.orgs.findBySlug('no-such-org')).toBeNull()
    })

    test('insert stores every field as given; findById and findBySlug return it', async ({ storage, f }) => {
      const founder = await seedAccount(storage, f)
      const org = f.org(founder, {
        name: 'Acme Corp',
        slug: 'acme',
        email: 'contact@acme.example',
        settings: { joinRequests: false, requiredProducts: ['office', 'crm'] },
        createdAt: at(-3),
        updatedAt: at(-1),
      })
      expect(await storage.orgs.insert(org)).toEqual({ status: 'inserted' })
      expect(await storage.orgs.findById(org.id)).toEqual(org)
      expect(await storage.orgs.findBySlug('acme')).toEqual(org)
    })

    test('insert returns conflict on a taken slug and stores nothing', async ({ storage, f }) => {
      const first = await seedOrg(storage, f, { slug: 'acme' })
      const second = f.org(first.founderId, { slug: 'acme' })
      expect(await storage.orgs.insert(second)).toEqual({ status: 'conflict', field: 'slug' })
      expect(await storage.orgs.findById(second.id)).toBeNull()
      expect(await storage.orgs.findBySlug('acme')).toEqual(first)
    })

    test('update patches the given fields and returns the updated org', async ({ storage, f }) => {
      const org = await seedOrg(storage, f, { slug: 'acme' })
      const patch = {
        name: 'Acme 2',
        slug: 'acme-2',
        email: 'hello@acme.example',
        settings: { joinRequests: false, requiredProducts: ['office'] },
        updatedAt: at(9),
      }
      const expected = { ...org, ...patch }
      expect(await storage.orgs.update(org.id, patch)).toEqual({ status: 'updated', org: expected })
      expect(await storage.orgs.findById(org.id)).toEqual(expected)
      expect(await storage.orgs.findBySlug('acme')).toBeNull()
      expect(await storage.orgs.findBySlug('acme-2')).toEqual(expected)
    })

    test('update leaves fields that are undefined in the patch unchanged', async ({ storage, f }) => {
      const org = await seedOrg(storage, f, { email: 'hello@acme.example' })
      const expected = { ...org, name: 'Renamed' }
      expect(
        await storage.orgs.update(org.id, { name: 'Renamed', slug: undefined, email: undefined }),
      ).toEqual({ status: 'updated', org: expected })
      expect(await storage.orgs.findBySlug(org.slug)).toEqual(expected)
    })

    test('update returns not-found for an unknown org', async ({ storage, f }) => {
      const id = f.id()
      expect(await storage.orgs.update(id, { name: 'Ghost' })).toEqual({ status: 'not-found' })
      expect(await storage.orgs.findById(id)).toBeNull()
    })

    test('update returns conflict on another org’s slug, changing nothing; its own slug is fine', async ({
      storage,
      f,
    }) => {
      const taken = await seedOrg(storage, f, { slug: 'taken' })
      const org = await seedOrg(storage, f, { slug: 'mine' })
      expect(await storage.orgs.update(org.id, { slug: 'taken', name: 'X' })).toEqual({
        status: 'conflict',
        field: 'slug',
      })
      expect(await storage.orgs.findById(org.id)).toEqual(org)
      expect(await storage.orgs.findBySlug('taken')).toEqual(taken)
      expect(await storage.orgs.update(org.id, { slug: 'mine', name: 'Y' })).toEqual({
        status: 'updated',
        org: { ...org, name: 'Y' },
      })
    })

    test('delete removes the org with its memberships and grants, and nothing of other orgs', async ({
      storage,
      f,
    }) => {
      const alice = await seedAccount(storage, f)
      const bob = await seedAccount(storage, f)
      const org = await seedOrg(storage, f, { founder: alice })
      const other = await seedOrg(storage, f, { founder: alice })
      await seedMember(storage, f, org, alice, { roles: ['owner'] })
      await seedMember(storage, f, org, bob, { roles: ['member', 'admin'] })
      const kept = await seedMember(storage, f, other, bob, { roles: ['admin'] })

      expect(await storage.orgs.delete(org.id)).toBe(true)
      expect(await storage.orgs.findById(org.id)).toBeNull()
      expect(await storage.orgs.findBySlug(org.slug)).toBeNull()
      expect(await storage.memberships.find(org.id, alice.id)).toBeNull()
      expect(await storage.memberships.find(org.id, bob.id)).toBeNull()
      expect(await storage.memberships.countInOrg(org.id)).toBe(0)
      expect(await storage.grants.listFor(org.id, alice.id)).toEqual([])
      expect(await storage.grants.listFor(org.id, bob.id)).toEqual([])
      expect(await storage.memberships.page({ orgId: org.id, limit: 10 })).toEqual([])

      expect(await storage.orgs.findById(other.id)).toEqual(other)
      expect(await storage.memberships.find(other.id, bob.id)).toEqual(kept.membership)
      expect(await storage.grants.listFor(other.id, bob.id)).toEqual(kept.grants)
      expect(await storage.accounts.findById(alice.id)).toEqual(alice)
      expect(await storage.accounts.findById(bob.id)).toEqual(bob)
    })

    test('delete returns false for an unknown org', async ({ storage, f }) => {
      expect(await storage.orgs.delete(f.id())).toBe(false)
    })

    test('a deleted org frees its slug', async ({ storage, f }) => {
      const org = await seedOrg(storage, f, { slug: 'acme' })
      await storage.orgs.delete(org.id)
      await seedOrg(storage, f, { slug: 'acme' })
    })

    test('listForAccount returns each org with the membership, any status, oldest membership first', async ({
      storage,
      f,
    }) => {
      const person = await seedAccount(storage, f)
      // Orgs created in one order, joined in another: the order is the membership's.
      const first = await seedOrg(storage, f)
      const second = await seedOrg(storage, f)
      const third = await seedOrg(storage, f)
      await seedOrg(storage, f)
      const m2 = await seedMember(storage, f, second, person, { status: 'invited' })
      const m3 = await seedMember(storage, f, third, person, { status: 'disabled', type: 'guest' })
      const m1 = await seedMember(storage, f, first, person)
      await seedMember(storage, f, first, await seedAccount(storage, f))

      expect(await storage.orgs.listForAccount(person.id)).toEqual([
        { org: second, membership: m2.membership },
        { org: third, membership: m3.membership },
        { org: first, membership: m1.membership },
      ])
      expect(await storage.orgs.listForAccount(f.id())).toEqual([])
    })
  })
}
