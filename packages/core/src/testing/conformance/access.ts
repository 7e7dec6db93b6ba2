import { describe, expect } from 'vitest'
import { type ConformanceTest, seedAccount, seedMember, seedOrg, sortGrants } from './harness.js'

export function accessConformance(test: ConformanceTest): void {
  describe('access', () => {
    test('load returns the org, account status, membership and grants of a member', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f, { status: 'pending_activation' })
      const { membership } = await seedMember(storage, f, org, account, { roles: [], status: 'invited' })
      const grants = [
        f.grant(org, account, 'member'),
        f.grant(org, account, 'admin', { scopeKind: 'resource', scopeValue: 'door-1' }),
      ]
      await storage.grants.add(grants)
      await seedMember(storage, f, org, await seedAccount(storage, f), { roles: ['owner'] })
      await seedMember(storage, f, await seedOrg(storage, f), account, { roles: ['owner'] })

      const snapshot = await storage.access.load(org.id, account.id)
      expect({ ...snapshot, grants: sortGrants(snapshot.grants) }).toEqual({
        org,
        accountStatus: 'pending_activation',
        membership,
        grants: sortGrants(grants),
        // Built-in roles are not custom roles.
        customRoles: [],
      })
    })

    test('load of an account that is not a member has its status, no membership and no grants', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f, { status: 'disabled' })
      await seedMember(storage, f, await seedOrg(storage, f), account, { roles: ['owner'] })
      expect(await storage.access.load(org.id, account.id)).toEqual({
        org,
        accountStatus: 'disabled',
        membership: null,
        grants: [],
        customRoles: [],
      })
    })

    test('load of an unknown org and account is all null and empty', async ({ storage, f }) => {
      await seedOrg(storage, f)
      expect(await storage.access.load(f.id(), f.id())).toEqual({
        org: null,
        accountStatus: null,
        membership: null,
        grants: [],
        customRoles: [],
      })
    })

    test('load with `also` answers the target membership, its account status, the blocklist and the account of an email', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const actor = await seedAccount(storage, f)
      await seedMember(storage, f, org, actor, { roles: ['owner'] })
      const target = await seedAccount(storage, f, { status: 'pending_activation' })
      const { membership } = await seedMember(storage, f, org, target, { roles: [], status: 'invited' })
      await storage.blocklist.add(f.blocklistEntry(target.emailKey))

      const snapshot = await storage.access.load(org.id, actor.id, {
        member: { accountId: target.id },
        emailKey: target.emailKey,
      })
      expect(snapshot.membership?.accountId).toBe(actor.id)
      expect(snapshot.grants.map((g) => g.roleId)).toEqual(['owner'])
      // An adapter may leave `also` out (core then reads on its own); one that answers, answers right.
      if (snapshot.also) {
        expect(snapshot.also).toEqual({
          member: membership,
          memberAccountStatus: 'pending_activation',
          emailBlocked: true,
          accountByEmail: target,
        })
      }
      const nobody = await storage.access.load(org.id, actor.id, {
        member: { accountId: f.id() },
        emailKey: 'nobody@example.com',
      })
      if (nobody.also) {
        expect(nobody.also).toEqual({
          member: null,
          memberAccountStatus: null,
          emailBlocked: false,
          accountByEmail: null,
        })
      }
      // Without `also`, the snapshot is the plain one.
      expect(Object.keys(await storage.access.load(org.id, actor.id))).not.toContain('also')
    })

    test('load that locks the target membership inside a transaction: deleting it there still deletes it with its grants', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const actor = await seedAccount(storage, f)
      await seedMember(storage, f, org, actor, { roles: ['owner'] })
      const target = await seedAccount(storage, f)
      await seedMember(storage, f, org, target, { roles: ['admin'] })
      const deleted = await storage.transaction(async (tx) => {
        const snapshot = await tx.access.load(org.id, actor.id, {
          member: { accountId: target.id, lock: true },
        })
        if (snapshot.also) expect(snapshot.also.member?.accountId).toBe(target.id)
        return tx.memberships.delete(org.id, target.id)
      })
      expect(deleted).toBe(true)
      expect(await storage.memberships.find(org.id, target.id)).toBeNull()
      expect((await storage.access.load(org.id, target.id)).grants).toEqual([])
      // The same again finds nothing to delete.
      const again = await storage.transaction(async (tx) => {
        await tx.access.load(org.id, actor.id, { member: { accountId: target.id, lock: true } })
        return tx.memberships.delete(org.id, target.id)
      })
      expect(again).toBe(false)
    })

    test('load inside a transaction sees the transaction’s writes', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      const snapshot = await storage.transaction(async (tx) => {
        const membership = f.membership(org, account)
        await tx.memberships.insert(membership, [f.grant(org, account, 'admin')])
        await tx.accounts.update(account.id, { status: 'disabled' })
        return tx.access.load(org.id, account.id)
      })
      expect(snapshot.accountStatus).toBe('disabled')
      expect(snapshot.membership?.accountId).toBe(account.id)
      expect(snapshot.grants).toEqual([f.grant(org, account, 'admin')])
    })
  })
}
