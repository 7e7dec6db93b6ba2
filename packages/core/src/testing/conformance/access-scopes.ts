import { describe, expect } from 'vitest'
import { customRole, department, joinRequest, resource } from './access-fixtures.js'
import { type ConformanceTest, seedAccount, seedMember, seedOrg } from './harness.js'

/** The grant and directory queries of scoped access, and org deletion releasing the access tables. */
export function accessScopesConformance(test: ConformanceTest): void {
  describe('scoped access', () => {
    test('grants.holders: active members with an active account holding a role org-wide, each once, ascending, ≤ limit', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const seed = async (roles: string[], membership: object = {}, account: object = {}) => {
        const a = await seedAccount(storage, f, account)
        await seedMember(storage, f, org, a, { roles, ...membership })
        return a.id
      }
      const owner = await seed(['owner'])
      const both = await seed(['owner', 'admin'])
      await seed(['admin'], { status: 'disabled' })
      await seed(['admin'], { status: 'invited' })
      await seed(['admin'], {}, { status: 'disabled' })
      await seed(['member'])
      const scoped = await seed([])
      await storage.grants.add([f.grant(org, scoped, 'admin', { scopeKind: 'resource', scopeValue: 'r-1' })])
      expect(await storage.grants.holders(org.id, ['owner', 'admin'], 10)).toEqual([owner, both].sort())
      expect(await storage.grants.holders(org.id, ['owner', 'admin'], 1)).toEqual([[owner, both].sort()[0]])
      expect(await storage.grants.holders(org.id, ['nobody'], 10)).toEqual([])
      expect(await storage.grants.holders(f.id(), ['owner'], 10)).toEqual([])
    })

    test('memberships.page with resource: grants at it or its type; with roleId too, the same grant', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const seed = async (...grants: Array<[string, 'org' | 'resource' | 'type', string]>) => {
        const a = await seedAccount(storage, f)
        await seedMember(storage, f, org, a, { roles: [] })
        await storage.grants.add(
          grants.map(([roleId, scopeKind, scopeValue]) => f.grant(org, a, roleId, { scopeKind, scopeValue })),
        )
        return a.id
      }
      const atTower = await seed(['r1', 'resource', 'tower'])
      const atType = await seed(['r2', 'type', 'building'])
      const split = await seed(['r1', 'resource', 'other'], ['r2', 'resource', 'tower'])
      await seed(['admin', 'org', ''])
      await seed(['r1', 'type', 'parking'])
      const ids = async (query: { roleId?: string }) =>
        (
          await storage.memberships.page({
            orgId: org.id,
            resource: { id: 'tower', type: 'building' },
            limit: 10,
            ...query,
          })
        ).map((row) => row.account.id)
      expect(await ids({})).toEqual([atTower, atType, split])
      expect(await ids({ roleId: 'r1' })).toEqual([atTower])
      expect(await ids({ roleId: 'r2' })).toEqual([atType, split])
    })

    test('O3: orgs.delete releases the org’s roles, resources, departments and join requests', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const other = await seedOrg(storage, f)
      const keep = {
        role: customRole(f, other),
        resource: resource(f, other),
        department: department(f, other),
      }
      for (const o of [org, other]) {
        await storage.roles.insert(o === org ? customRole(f, org) : keep.role)
        await storage.resources.insert(o === org ? resource(f, org) : keep.resource)
        await storage.departments.insert(o === org ? department(f, org) : keep.department)
        await storage.joinRequests.insert(joinRequest(f, o, await seedAccount(storage, f)))
      }
      expect(await storage.orgs.delete(org.id)).toBe(true)
      expect(await storage.roles.list(org.id)).toEqual([])
      expect(await storage.resources.list({ orgId: org.id, limit: 10 })).toEqual([])
      expect(await storage.departments.list(org.id)).toEqual([])
      expect(await storage.joinRequests.list({ orgId: org.id, limit: 10 })).toEqual([])
      expect(await storage.roles.list(other.id)).toEqual([keep.role])
      expect(await storage.resources.list({ orgId: other.id, limit: 10 })).toEqual([keep.resource])
      expect(await storage.departments.list(other.id)).toEqual([
        { department: keep.department, memberCount: 0 },
      ])
      expect(await storage.joinRequests.list({ orgId: other.id, limit: 10 })).toHaveLength(1)
    })
  })
}
