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
