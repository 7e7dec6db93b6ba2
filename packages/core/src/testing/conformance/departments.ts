import { describe, expect } from 'vitest'
import { department } from './access-fixtures.js'
import { at } from './fixtures.js'
import { type ConformanceTest, parallel, seedAccount, seedMember, seedOrg } from './harness.js'

export function departmentsConformance(test: ConformanceTest): void {
  describe('departments', () => {
    test('insert stores a department; findById returns it, null for another org or an unknown id', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const sales = department(f, org, { name: 'Sales', nameKey: 'sales' })
      expect(await storage.departments.insert(sales)).toEqual({ status: 'inserted' })
      expect(await storage.departments.findById(org.id, sales.id)).toEqual(sales)
      expect(await storage.departments.findById(f.id(), sales.id)).toBeNull()
      expect(await storage.departments.findById(org.id, f.id())).toBeNull()
    })

    test('D2: insert returns conflict on a name key taken in the org; other orgs may use it', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const sales = department(f, org, { name: 'Sales', nameKey: 'sales' })
      await storage.departments.insert(sales)
      expect(
        await storage.departments.insert(department(f, org, { name: 'SALES', nameKey: 'sales' })),
      ).toEqual({
        status: 'conflict',
        field: 'name',
      })
      const other = await seedOrg(storage, f)
      expect(
        await storage.departments.insert(department(f, other, { name: 'Sales', nameKey: 'sales' })),
      ).toEqual({
        status: 'inserted',
      })
      expect((await storage.departments.list(org.id)).map((row) => row.department)).toEqual([sales])
    })

    test('list orders by name key and counts the members (any status) of each', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const zeta = department(f, org, { name: 'Zeta', nameKey: 'zeta' })
      const alpha = department(f, org, { name: 'alpha', nameKey: 'alpha' })
      await storage.departments.insert(zeta)
      await storage.departments.insert(alpha)
      await seedMember(storage, f, org, await seedAccount(storage, f), { departmentId: zeta.id })
      await seedMember(storage, f, org, await seedAccount(storage, f), {
        departmentId: zeta.id,
        status: 'disabled',
      })
      await seedMember(storage, f, org, await seedAccount(storage, f))
      expect(await storage.departments.list(org.id)).toEqual([
        { department: alpha, memberCount: 0 },
        { department: zeta, memberCount: 2 },
      ])
      expect(await storage.departments.list(f.id())).toEqual([])
    })

    test('rename: updated, conflict with another department’s key (not its own), not-found across orgs', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const sales = department(f, org, { name: 'Sales', nameKey: 'sales' })
      const support = department(f, org, { name: 'Support', nameKey: 'support' })
      await storage.departments.insert(sales)
      await storage.departments.insert(support)
      const patch = { name: 'SALES', nameKey: 'sales', updatedAt: at(3) }
      expect(await storage.departments.rename(org.id, sales.id, patch)).toEqual({
        status: 'updated',
        department: { ...sales, ...patch },
      })
      expect(
        await storage.departments.rename(org.id, support.id, {
          name: 'sales',
          nameKey: 'sales',
          updatedAt: at(4),
        }),
      ).toEqual({ status: 'conflict', field: 'name' })
      expect(await storage.departments.findById(org.id, support.id)).toEqual(support)
      expect(
        await storage.departments.rename(f.id(), sales.id, { name: 'X', nameKey: 'x', updatedAt: at(5) }),
      ).toEqual({ status: 'not-found' })
    })

    test('D2: delete is not-empty while members are in it, moves them to a target, refuses a bad target', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const other = await seedOrg(storage, f)
      const sales = department(f, org)
      const support = department(f, org)
      const foreign = department(f, other)
      for (const d of [sales, support, foreign]) await storage.departments.insert(d)
      const ann = await seedAccount(storage, f)
      const { membership } = await seedMember(storage, f, org, ann, { departmentId: sales.id })
      await seedMember(storage, f, org, await seedAccount(storage, f), { departmentId: sales.id })
      const now = at(7)
      expect(await storage.departments.delete(org.id, sales.id, { now })).toEqual({
        status: 'not-empty',
        members: 2,
      })
      for (const target of [foreign.id, f.id(), sales.id])
        expect(await storage.departments.delete(org.id, sales.id, { moveMembersTo: target, now })).toEqual({
          status: 'target-not-found',
        })
      expect(await storage.departments.findById(org.id, sales.id)).toEqual(sales)
      expect(await storage.departments.delete(org.id, sales.id, { moveMembersTo: support.id, now })).toEqual({
        status: 'deleted',
        moved: 2,
      })
      expect(await storage.departments.findById(org.id, sales.id)).toBeNull()
      expect(await storage.memberships.find(org.id, ann.id)).toEqual({
        ...membership,
        departmentId: support.id,
        updatedAt: now,
      })
      expect(await storage.departments.delete(org.id, sales.id, { now })).toEqual({ status: 'not-found' })
      const empty = department(f, org)
      await storage.departments.insert(empty)
      expect(await storage.departments.delete(org.id, empty.id, { now })).toEqual({
        status: 'deleted',
        moved: 0,
      })
    })

    test('memberships.row and page carry the department’s id and name', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const sales = department(f, org, { name: 'Sales', nameKey: 'sales' })
      await storage.departments.insert(sales)
      const ann = await seedAccount(storage, f)
      await seedMember(storage, f, org, ann, { departmentId: sales.id })
      const bob = await seedAccount(storage, f)
      await seedMember(storage, f, org, bob)
      expect((await storage.memberships.row(org.id, ann.id))?.department).toEqual({
        id: sales.id,
        name: 'Sales',
      })
      expect((await storage.memberships.row(org.id, bob.id))?.department).toBeNull()
      const page = await storage.memberships.page({ orgId: org.id, departmentId: sales.id, limit: 10 })
      expect(page.map((row) => [row.account.id, row.department])).toEqual([
        [ann.id, { id: sales.id, name: 'Sales' }],
      ])
    })

    test('D2 concurrency: 20 parallel inserts of one name in different case store exactly one', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const names = ['Field Ops', 'FIELD OPS', 'field ops', 'Field ops']
      const outcomes = await parallel(20, (i) =>
        storage.transaction((tx) =>
          tx.departments.insert(department(f, org, { name: names[i % 4]!, nameKey: 'field ops' })),
        ),
      )
      expect(outcomes.filter((o) => o.status === 'inserted')).toHaveLength(1)
      expect(outcomes.filter((o) => o.status === 'conflict')).toHaveLength(19)
      expect(await storage.departments.list(org.id)).toHaveLength(1)
    })
  })
}
