import { describe, expect } from 'vitest'
import { type ConformanceTest, seedAccount, seedMember, seedOrg, sortGrants } from './harness.js'

export function grantsConformance(test: ConformanceTest): void {
  describe('grants', () => {
    test('listFor returns an empty list for a non-member or a member without grants', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      expect(await storage.grants.listFor(org.id, account.id)).toEqual([])
      expect(await storage.grants.listFor(f.id(), f.id())).toEqual([])
      await seedMember(storage, f, org, account, { roles: [] })
      expect(await storage.grants.listFor(org.id, account.id)).toEqual([])
    })

    test('listFor returns only that member’s grants in that org', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const other = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      const colleague = await seedAccount(storage, f)
      const mine = await seedMember(storage, f, org, account, { roles: ['member', 'admin'] })
      await seedMember(storage, f, org, colleague, { roles: ['owner'] })
      await seedMember(storage, f, other, account, { roles: ['owner'] })
      expect(sortGrants(await storage.grants.listFor(org.id, account.id))).toEqual(sortGrants(mine.grants))
    })

    test('add stores new grants and ignores ones the member already has (same role and scope)', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      const { grants: initial } = await seedMember(storage, f, org, account, { roles: ['member'] })
      const resource = f.grant(org, account, 'admin', { scopeKind: 'resource', scopeValue: 'room-1' })
      const type = f.grant(org, account, 'admin', { scopeKind: 'type', scopeValue: 'room' })
      const orgWide = f.grant(org, account, 'admin')
      // `member` at org scope is already held; `resource` is given twice in one call.
      await storage.grants.add([f.grant(org, account, 'member'), resource, resource, type])
      await storage.grants.add([orgWide, { ...type }])
      expect(sortGrants(await storage.grants.listFor(org.id, account.id))).toEqual(
        sortGrants([...initial, resource, type, orgWide]),
      )
      await storage.grants.add([])
      expect(await storage.grants.listFor(org.id, account.id)).toHaveLength(4)
    })

    test('the same role at another resource or scope kind is another grant', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      await seedMember(storage, f, org, account, { roles: [] })
      const grants = [
        f.grant(org, account, 'admin', { scopeKind: 'resource', scopeValue: 'a' }),
        f.grant(org, account, 'admin', { scopeKind: 'resource', scopeValue: 'b' }),
        f.grant(org, account, 'admin', { scopeKind: 'type', scopeValue: 'a' }),
      ]
      await storage.grants.add(grants)
      expect(sortGrants(await storage.grants.listFor(org.id, account.id))).toEqual(sortGrants(grants))
    })

    test('remove deletes the given grants of the member and returns how many existed', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      const colleague = await seedAccount(storage, f)
      await seedMember(storage, f, org, account, { roles: ['member', 'admin', 'auditor'] })
      const theirs = await seedMember(storage, f, org, colleague, { roles: ['member', 'admin'] })
      const removed = await storage.grants.remove(org.id, account.id, [
        { roleId: 'admin', scopeKind: 'org', scopeValue: '' },
        { roleId: 'auditor', scopeKind: 'org', scopeValue: '' },
        { roleId: 'owner', scopeKind: 'org', scopeValue: '' },
        { roleId: 'member', scopeKind: 'resource', scopeValue: 'x' },
      ])
      expect(removed).toBe(2)
      expect(await storage.grants.listFor(org.id, account.id)).toEqual([f.grant(org, account, 'member')])
      expect(sortGrants(await storage.grants.listFor(org.id, colleague.id))).toEqual(
        sortGrants(theirs.grants),
      )
      expect(await storage.grants.remove(org.id, account.id, [])).toBe(0)
      expect(
        await storage.grants.remove(org.id, account.id, [
          { roleId: 'admin', scopeKind: 'org', scopeValue: '' },
        ]),
      ).toBe(0)
      expect(
        await storage.grants.remove(f.id(), account.id, [
          { roleId: 'member', scopeKind: 'org', scopeValue: '' },
        ]),
      ).toBe(0)
    })

    test('listForChange returns the member’s grants, or null for a non-member', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      expect(await storage.grants.listForChange(org.id, account.id)).toBeNull()
      const mine = await seedMember(storage, f, org, account, { roles: ['member', 'admin'] })
      expect(sortGrants((await storage.grants.listForChange(org.id, account.id)) ?? [])).toEqual(
        sortGrants(mine.grants),
      )
      await storage.transaction(async (tx) => {
        expect(sortGrants((await tx.grants.listForChange(org.id, account.id)) ?? [])).toEqual(
          sortGrants(mine.grants),
        )
        expect(await tx.grants.listForChange(f.id(), account.id)).toBeNull()
      })
    })

    test('replace leaves exactly the given grants (duplicates once), and no other member’s', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      const colleague = await seedAccount(storage, f)
      await seedMember(storage, f, org, account, { roles: ['member', 'admin'] })
      const theirs = await seedMember(storage, f, org, colleague, { roles: ['member', 'admin'] })
      const room = f.grant(org, account, 'admin', { scopeKind: 'resource', scopeValue: 'room-1' })
      const member = f.grant(org, account, 'member')
      await storage.grants.replace(org.id, account.id, [member, room, { ...room }])
      expect(sortGrants(await storage.grants.listFor(org.id, account.id))).toEqual(sortGrants([member, room]))
      await storage.transaction(async (tx) => tx.grants.replace(org.id, account.id, []))
      expect(await storage.grants.listFor(org.id, account.id)).toEqual([])
      expect(sortGrants(await storage.grants.listFor(org.id, colleague.id))).toEqual(
        sortGrants(theirs.grants),
      )
    })

    test('R2: concurrent read-modify-writes through listForChange and replace lose no update', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      await seedMember(storage, f, org, account, { roles: ['member'] })
      const n = 8
      const extra = Array.from({ length: n }, (_, i) =>
        f.grant(org, account, 'member', { scopeKind: 'resource', scopeValue: `room-${i}` }),
      )
      // Each transaction adds its own grant to what it read: only if the reads serialize does
      // every one survive (a lost update would drop some).
      await Promise.all(
        extra.map((grant) =>
          storage.transaction(async (tx) => {
            const held = await tx.grants.listForChange(org.id, account.id)
            await tx.grants.replace(org.id, account.id, [...(held ?? []), grant])
          }),
        ),
      )
      expect(sortGrants(await storage.grants.listFor(org.id, account.id))).toEqual(
        sortGrants([f.grant(org, account, 'member'), ...extra]),
      )
    })
  })
}
