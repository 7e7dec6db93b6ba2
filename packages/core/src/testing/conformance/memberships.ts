// Conformance of `memberships` writes and lookups (A2, A8, A13): insert, update, delete, counts and an
// account's memberships. The directory reads (`row`, `page`) are in `member-directory.ts`.
import { describe, expect } from 'vitest'
import { at } from './fixtures.js'
import {
  byId,
  type ConformanceTest,
  seedAccount,
  seedMember,
  seedOrg,
  sorted,
  sortGrants,
} from './harness.js'
export function membershipsConformance(test: ConformanceTest): void {
  describe('memberships', () => {
    test('find returns null for an unknown membership', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      expect(await storage.memberships.find(org.id, account.id)).toBeNull()
      expect(await storage.memberships.find(f.id(), account.id)).toBeNull()
    })

    test('insert stores the membership as given with its grants', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      const membership = f.membership(org, account, {
        type: 'guest',
        status: 'invited',
        title: 'Consultant',
        source: 'directory-1',
        createdAt: at(-2),
        updatedAt: at(-1),
      })
      const grants = [
        f.grant(org, account, 'member'),
        f.grant(org, account, 'admin', { scopeKind: 'resource', scopeValue: 'building-7' }),
        f.grant(org, account, 'admin', { scopeKind: 'type', scopeValue: 'building' }),
      ]
      expect(await storage.memberships.insert(membership, grants)).toEqual({ status: 'inserted' })
      expect(await storage.memberships.find(org.id, account.id)).toEqual(membership)
      expect(sortGrants(await storage.grants.listFor(org.id, account.id))).toEqual(sortGrants(grants))
    })

    test('insert with no grants stores a membership without grants', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      const { membership } = await seedMember(storage, f, org, account, { roles: [] })
      expect(await storage.memberships.find(org.id, account.id)).toEqual(membership)
      expect(await storage.grants.listFor(org.id, account.id)).toEqual([])
    })

    test('A2: insert returns exists for a second membership of (org, account) and stores nothing', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      const first = await seedMember(storage, f, org, account, { roles: ['member'] })
      const second = f.membership(org, account, { type: 'guest' })
      expect(await storage.memberships.insert(second, [f.grant(org, account, 'admin')])).toEqual({
        status: 'exists',
      })
      expect(await storage.memberships.find(org.id, account.id)).toEqual(first.membership)
      expect(await storage.grants.listFor(org.id, account.id)).toEqual(first.grants)
      expect(await storage.memberships.countInOrg(org.id)).toBe(1)
    })

    test('one account may be a member of several orgs', async ({ storage, f }) => {
      const account = await seedAccount(storage, f)
      const a = await seedOrg(storage, f)
      const b = await seedOrg(storage, f)
      const ma = await seedMember(storage, f, a, account)
      const mb = await seedMember(storage, f, b, account)
      expect(await storage.memberships.find(a.id, account.id)).toEqual(ma.membership)
      expect(await storage.memberships.find(b.id, account.id)).toEqual(mb.membership)
    })

    test('update patches the given fields and returns the membership; null when unknown', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      const { membership } = await seedMember(storage, f, org, account)
      const patch = {
        type: 'guest' as const,
        status: 'disabled' as const,
        departmentId: null,
        title: 'Auditor',
        source: 'directory-2',
        updatedAt: at(7),
      }
      const expected = { ...membership, ...patch }
      expect(await storage.memberships.update(org.id, account.id, patch)).toEqual(expected)
      expect(await storage.memberships.find(org.id, account.id)).toEqual(expected)
      expect(await storage.memberships.update(org.id, f.id(), { title: 'Ghost' })).toBeNull()
      expect(await storage.memberships.update(f.id(), account.id, { title: 'Ghost' })).toBeNull()
    })

    test('update leaves fields that are undefined in the patch unchanged', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      const { membership } = await seedMember(storage, f, org, account, { title: 'Engineer' })
      const expected = { ...membership, status: 'disabled' as const }
      expect(
        await storage.memberships.update(org.id, account.id, { status: 'disabled', title: undefined }),
      ).toEqual(expected)
      expect(await storage.memberships.find(org.id, account.id)).toEqual(expected)
    })

    test('A13: delete removes the membership and its grants only; false when it did not exist', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const other = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      const colleague = await seedAccount(storage, f)
      await seedMember(storage, f, org, account, { roles: ['member', 'admin'] })
      const colleagueMember = await seedMember(storage, f, org, colleague, { roles: ['member'] })
      const elsewhere = await seedMember(storage, f, other, account, { roles: ['admin'] })

      expect(await storage.memberships.delete(org.id, account.id)).toBe(true)
      expect(await storage.memberships.find(org.id, account.id)).toBeNull()
      expect(await storage.grants.listFor(org.id, account.id)).toEqual([])
      expect(await storage.memberships.row(org.id, account.id)).toBeNull()
      expect(await storage.grants.listFor(org.id, colleague.id)).toEqual(colleagueMember.grants)
      expect(await storage.memberships.find(other.id, account.id)).toEqual(elsewhere.membership)
      expect(await storage.grants.listFor(other.id, account.id)).toEqual(elsewhere.grants)
      expect(await storage.accounts.findById(account.id)).toEqual(account)
      expect(await storage.memberships.delete(org.id, account.id)).toBe(false)
    })

    test('a deleted membership can be inserted again, without the old grants', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      await seedMember(storage, f, org, account, { roles: ['admin'] })
      await storage.memberships.delete(org.id, account.id)
      const again = await seedMember(storage, f, org, account, { roles: ['member'] })
      expect(await storage.grants.listFor(org.id, account.id)).toEqual(again.grants)
    })

    test('countInOrg counts the org’s memberships of every status', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const other = await seedOrg(storage, f)
      expect(await storage.memberships.countInOrg(org.id)).toBe(0)
      await seedMember(storage, f, org, await seedAccount(storage, f))
      await seedMember(storage, f, org, await seedAccount(storage, f), { status: 'invited' })
      await seedMember(storage, f, org, await seedAccount(storage, f), { status: 'disabled' })
      await seedMember(storage, f, other, await seedAccount(storage, f))
      expect(await storage.memberships.countInOrg(org.id)).toBe(3)
      expect(await storage.memberships.countInOrg(other.id)).toBe(1)
      expect(await storage.memberships.countInOrg(f.id())).toBe(0)
    })

    test('listForAccount returns the account’s memberships in every org and status', async ({
      storage,
      f,
    }) => {
      const account = await seedAccount(storage, f)
      const a = await seedMember(storage, f, await seedOrg(storage, f), account)
      const b = await seedMember(storage, f, await seedOrg(storage, f), account, { status: 'invited' })
      await seedMember(storage, f, await seedOrg(storage, f), await seedAccount(storage, f))
      expect(byId(await storage.memberships.listForAccount(account.id))).toEqual(
        byId([a.membership, b.membership]),
      )
      expect(await storage.memberships.listForAccount(f.id())).toEqual([])
    })

    test('A8: activateInvited activates only the account’s invited memberships and returns their orgs', async ({
      storage,
      f,
    }) => {
      const account = await seedAccount(storage, f, { status: 'pending_activation' })
      const other = await seedAccount(storage, f)
      const orgA = await seedOrg(storage, f)
      const orgB = await seedOrg(storage, f)
      const orgC = await seedOrg(storage, f)
      const invitedA = await seedMember(storage, f, orgA, account, { status: 'invited' })
      const invitedB = await seedMember(storage, f, orgB, account, { status: 'invited', type: 'guest' })
      const disabled = await seedMember(storage, f, orgC, account, { status: 'disabled' })
      const othersInvite = await seedMember(storage, f, orgA, other, { status: 'invited' })

      expect(sorted(await storage.memberships.activateInvited(account.id, at(3)))).toEqual(
        sorted([orgA.id, orgB.id]),
      )
      expect(await storage.memberships.find(orgA.id, account.id)).toEqual({
        ...invitedA.membership,
        status: 'active',
        updatedAt: at(3),
      })
      expect(await storage.memberships.find(orgB.id, account.id)).toEqual({
        ...invitedB.membership,
        status: 'active',
        updatedAt: at(3),
      })
      expect(await storage.memberships.find(orgC.id, account.id)).toEqual(disabled.membership)
      expect(await storage.memberships.find(orgA.id, other.id)).toEqual(othersInvite.membership)
      expect(await storage.memberships.activateInvited(account.id, at(4))).toEqual([])
      expect(await storage.memberships.activateInvited(f.id(), at(4))).toEqual([])
    })
  })
}
