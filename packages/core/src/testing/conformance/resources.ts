import { describe, expect } from 'vitest'
import { resource } from './access-fixtures.js'
import { byId, type ConformanceTest, seedAccount, seedMember, seedOrg, sortGrants } from './harness.js'

export function resourcesConformance(test: ConformanceTest): void {
  describe('resources', () => {
    test('insert stores a resource; findByIds returns the org’s own only, each once', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const other = await seedOrg(storage, f)
      const tower = resource(f, org, { name: 'Tower A' })
      const foreign = resource(f, other)
      await storage.resources.insert(tower)
      await storage.resources.insert(foreign)
      expect(await storage.resources.findByIds(org.id, [tower.id, foreign.id, f.id(), tower.id])).toEqual([
        tower,
      ])
      expect(await storage.resources.findByIds(org.id, [])).toEqual([])
    })

    test('list pages by id ascending, filters by type, never returns more than limit', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const rows = [
        resource(f, org, { type: 'building' }),
        resource(f, org, { type: 'parking' }),
        resource(f, org, { type: 'building' }),
        resource(f, org, { type: 'building' }),
      ]
      for (const row of [...rows].reverse()) await storage.resources.insert(row)
      await storage.resources.insert(resource(f, await seedOrg(storage, f)))
      expect(await storage.resources.list({ orgId: org.id, limit: 10 })).toEqual(rows)
      const buildings = rows.filter((r) => r.type === 'building')
      const first = await storage.resources.list({ orgId: org.id, type: 'building', limit: 2 })
      expect(first).toEqual(buildings.slice(0, 2))
      expect(
        await storage.resources.list({ orgId: org.id, type: 'building', limit: 2, afterId: first[1]!.id }),
      ).toEqual(buildings.slice(2))
      expect(await storage.resources.list({ orgId: f.id(), limit: 10 })).toEqual([])
    })

    test('delete removes the resource and every grant at it, keeps grants at its type and elsewhere', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const tower = resource(f, org)
      const other = resource(f, org)
      await storage.resources.insert(tower)
      await storage.resources.insert(other)
      const account = await seedAccount(storage, f)
      await seedMember(storage, f, org, account, { roles: ['member'] })
      const atTower = f.grant(org, account, 'admin', { scopeKind: 'resource', scopeValue: tower.id })
      const atOther = f.grant(org, account, 'admin', { scopeKind: 'resource', scopeValue: other.id })
      const atType = f.grant(org, account, 'admin', { scopeKind: 'type', scopeValue: 'building' })
      await storage.grants.add([atTower, atOther, atType])
      expect(await storage.resources.delete(f.id(), tower.id)).toBe(false)
      expect(await storage.resources.delete(org.id, tower.id)).toBe(true)
      expect(await storage.resources.delete(org.id, tower.id)).toBe(false)
      expect(byId(await storage.resources.findByIds(org.id, [tower.id, other.id]))).toEqual([other])
      expect(sortGrants(await storage.grants.listFor(org.id, account.id))).toEqual(
        sortGrants([f.grant(org, account, 'member'), atOther, atType]),
      )
    })

    test('a delete rolled back with its transaction leaves the resource and its grants', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const tower = resource(f, org)
      await storage.resources.insert(tower)
      const account = await seedAccount(storage, f)
      await seedMember(storage, f, org, account, { roles: [] })
      const grant = f.grant(org, account, 'admin', { scopeKind: 'resource', scopeValue: tower.id })
      await storage.grants.add([grant])
      await expect(
        storage.transaction(async (tx) => {
          await tx.resources.delete(org.id, tower.id)
          throw new Error('roll back')
        }),
      ).rejects.toThrow('roll back')
      expect(await storage.resources.findByIds(org.id, [tower.id])).toEqual([tower])
      expect(await storage.grants.listFor(org.id, account.id)).toEqual([grant])
    })
  })
}
