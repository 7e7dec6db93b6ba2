import { describe, expect } from 'vitest'
import { customRole } from './access-fixtures.js'
import { at } from './fixtures.js'
import { byId, type ConformanceTest, parallel, seedAccount, seedMember, seedOrg } from './harness.js'

export function rolesConformance(test: ConformanceTest): void {
  describe('roles', () => {
    test('insert stores a custom role; list (oldest first) and findByIds return it, per org', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const other = await seedOrg(storage, f)
      const first = customRole(f, org, {
        name: 'Caretaker',
        nameKey: 'caretaker',
        permissions: ['a:b', 'c:d'],
      })
      const second = customRole(f, org, { name: 'Manager', nameKey: 'manager' })
      const foreign = customRole(f, other, { name: 'Caretaker', nameKey: 'caretaker' })
      for (const role of [second, first, foreign])
        expect(await storage.roles.insert(role)).toEqual({ status: 'inserted' })
      expect(await storage.roles.list(org.id)).toEqual([first, second])
      expect(await storage.roles.list(f.id())).toEqual([])
      expect(
        byId(await storage.roles.findByIds(org.id, [second.id, first.id, foreign.id, f.id(), first.id])),
      ).toEqual([first, second])
      expect(await storage.roles.findByIds(org.id, [])).toEqual([])
    })

    test('insert returns conflict on a name key taken in the org, storing nothing', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const role = customRole(f, org, { name: 'Caretaker', nameKey: 'caretaker' })
      await storage.roles.insert(role)
      const dup = customRole(f, org, { name: 'CARETAKER', nameKey: 'caretaker' })
      expect(await storage.roles.insert(dup)).toEqual({ status: 'conflict', field: 'name' })
      expect(await storage.roles.list(org.id)).toEqual([role])
    })

    test('update patches name and permissions; conflict on another role’s name; not-found across orgs', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const role = customRole(f, org, { name: 'A', nameKey: 'a' })
      const taken = customRole(f, org, { name: 'B', nameKey: 'b' })
      await storage.roles.insert(role)
      await storage.roles.insert(taken)
      const patched = { ...role, name: 'a', nameKey: 'a', permissions: ['x:y'], updatedAt: at(5) }
      expect(
        await storage.roles.update(org.id, role.id, {
          name: 'a',
          nameKey: 'a',
          permissions: ['x:y'],
          updatedAt: at(5),
        }),
      ).toEqual({ status: 'updated', role: patched })
      expect(await storage.roles.update(org.id, role.id, { name: 'B', nameKey: 'b' })).toEqual({
        status: 'conflict',
        field: 'name',
      })
      expect(await storage.roles.update(f.id(), role.id, { name: 'Z', nameKey: 'z' })).toEqual({
        status: 'not-found',
      })
      expect(await storage.roles.update(org.id, f.id(), { name: 'Z', nameKey: 'z' })).toEqual({
        status: 'not-found',
      })
      expect(await storage.roles.findByIds(org.id, [role.id])).toEqual([patched])
    })

    test('R4: delete returns in-use with the grant count while granted at any scope, deleted after', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const role = customRole(f, org)
      await storage.roles.insert(role)
      const ann = await seedAccount(storage, f)
      const bob = await seedAccount(storage, f)
      await seedMember(storage, f, org, ann, { roles: [] })
      await seedMember(storage, f, org, bob, { roles: [] })
      await storage.grants.add([
        f.grant(org, ann, role.id, { scopeKind: 'resource', scopeValue: 'r-1' }),
        f.grant(org, bob, role.id, { scopeKind: 'type', scopeValue: 'building' }),
      ])
      expect(await storage.roles.delete(org.id, role.id)).toEqual({ status: 'in-use', grants: 2 })
      expect(await storage.roles.findByIds(org.id, [role.id])).toEqual([role])
      await storage.memberships.delete(org.id, ann.id)
      await storage.grants.remove(org.id, bob.id, [
        { roleId: role.id, scopeKind: 'type', scopeValue: 'building' },
      ])
      expect(await storage.roles.delete(f.id(), role.id)).toEqual({ status: 'not-found' })
      expect(await storage.roles.delete(org.id, role.id)).toEqual({ status: 'deleted' })
      expect(await storage.roles.delete(org.id, role.id)).toEqual({ status: 'not-found' })
      expect(await storage.roles.list(org.id)).toEqual([])
    })

    test('access.load returns the custom roles the member’s grants reference, and only those', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const held = customRole(f, org, { permissions: ['buildings:open'] })
      const notHeld = customRole(f, org)
      await storage.roles.insert(held)
      await storage.roles.insert(notHeld)
      const account = await seedAccount(storage, f)
      await seedMember(storage, f, org, account, { roles: ['member'] })
      await storage.grants.add([f.grant(org, account, held.id, { scopeKind: 'resource', scopeValue: 'r-1' })])
      const snapshot = await storage.access.load(org.id, account.id)
      expect(snapshot.customRoles).toEqual([
        { id: held.id, name: held.name, permissions: ['buildings:open'], builtIn: false },
      ])
    })

    test('concurrency: 20 parallel inserts of one name key store exactly one role', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const outcomes = await parallel(20, (i) =>
        storage.transaction((tx) =>
          tx.roles.insert(customRole(f, org, { name: i % 2 ? 'Opener' : 'OPENER', nameKey: 'opener' })),
        ),
      )
      expect(outcomes.filter((o) => o.status === 'inserted')).toHaveLength(1)
      expect(await storage.roles.list(org.id)).toHaveLength(1)
    })

    test('R4 concurrency: a delete and grants of the role racing never both commit', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const accounts = [
        await seedAccount(storage, f),
        await seedAccount(storage, f),
        await seedAccount(storage, f),
      ]
      for (const account of accounts) await seedMember(storage, f, org, account, { roles: [] })
      const role = customRole(f, org)
      await storage.roles.insert(role)
      // A grant transaction may also fail outright (e.g. a foreign-key violation): that is "not granted".
      const [deletion, ...attempts] = await Promise.allSettled([
        storage.transaction((tx) => tx.roles.delete(org.id, role.id)),
        ...accounts.map((account) =>
          storage.transaction(async (tx) => {
            // What assign does: check the role exists, then grant it.
            if ((await tx.roles.findByIds(org.id, [role.id])).length === 0) return false
            await tx.grants.add([f.grant(org, account, role.id)])
            return true
          }),
        ),
      ])
      expect(deletion.status).toBe('fulfilled')
      const deleted = (deletion as PromiseFulfilledResult<Awaited<ReturnType<typeof storage.roles.delete>>>)
        .value
      const granted = attempts.map((attempt) => attempt.status === 'fulfilled' && attempt.value === true)
      const roleLeft = (await storage.roles.findByIds(org.id, [role.id])).length
      const grantsLeft = (
        await Promise.all(accounts.map((account) => storage.grants.listFor(org.id, account.id)))
      ).flat().length
      if (deleted.status === 'deleted') {
        expect(roleLeft).toBe(0)
        expect(grantsLeft).toBe(0)
      } else {
        expect(deleted).toEqual({ status: 'in-use', grants: expect.any(Number) })
        expect(roleLeft).toBe(1)
        expect(grantsLeft).toBe(granted.filter(Boolean).length)
      }
    })
  })
}
