// SCIM groups end to end over the storage under test (SC10–SC12): what a mapped group gives its
// members and takes back, full pushes that reconcile and change nothing the second time, two groups
// giving one role, and concurrent PATCHes on a license group that never oversell the pool. Runs the
// real use-cases (`createRoster` over this storage), so memory, PGlite and Postgres are held to the
// same answers, including under real concurrency.
import { describe, expect } from 'vitest'
import { createRoster } from '../../create-roster.js'
import { systemActor } from '../../domain/actor.js'
import type { Storage } from '../../ports/storage.js'
import type { ScimPrincipal } from '../../use-cases/scim/authenticate-scim.js'
import { createFixedClock } from '../fixed-clock.js'
import { createMemoryMailer } from '../memory-mailer.js'
import type { Fixtures } from './fixtures.js'
import { type ConformanceTest, parallel, seedOrg } from './harness.js'

const admin = systemActor('conformance')

/** A roster over `storage`, an org, one SCIM connection (no mail: credential `none`) and `people` users. */
async function scimOrg(storage: Storage, f: Fixtures, people: number) {
  const roster = createRoster({
    storage,
    mailer: createMemoryMailer(),
    clock: createFixedClock(),
    transactionRetry: { attempts: 12, baseDelayMs: 5 },
  })
  const org = await seedOrg(storage, f)
  const orgId = org.id
  const created = (
    await roster.scim.createConnection(admin, { orgId, name: 'Okta', credential: 'none' })
  )._unsafeUnwrap()
  const connectionId = created.connection.connectionId
  const principal: ScimPrincipal = (
    await roster.scim.authenticate({ token: created.secret.token })
  )._unsafeUnwrap()
  const users: string[] = []
  for (let i = 0; i < people; i++) {
    const user = await roster.scim.users.provision(principal, {
      userName: `person${i}@example.com`,
      email: `person${i}@example.com`,
      firstName: 'Person',
      lastName: `Number${i}`,
    })
    users.push(user._unsafeUnwrap().id)
  }
  const role = (
    await roster.roles.define(admin, { orgId, name: 'Caretaker', permissions: ['members:read'] })
  )._unsafeUnwrap()
  const group = async (displayName: string, members: string[] = []) =>
    (await roster.scim.groups.create(principal, { displayName, members }))._unsafeUnwrap()
  const roleIds = async (accountId: string) =>
    (await storage.grants.listFor(orgId, accountId)).map((g) => `${g.roleId}@${g.scopeKind}`).sort()
  const map = (groupId: string, mapping: Parameters<typeof roster.scim.mapGroup>[1]['mapping']) =>
    roster.scim.mapGroup(admin, { orgId, connectionId, groupId, mapping })
  return { roster, orgId, connectionId, principal, users, role, group, roleIds, map }
}

export function scimGroupsConformance(test: ConformanceTest): void {
  describe('scim groups (use-cases)', () => {
    test('SC10, SC11: a role group gives its role on add and takes it on remove; a hand-given role stays', async ({
      storage,
      f,
    }) => {
      const { roster, orgId, principal, users, role, group, roleIds, map } = await scimOrg(storage, f, 2)
      const [ada, grace] = users as [string, string]
      const g = await group('Caretakers')
      ;(await map(g.id, { kind: 'role', roleId: role.id, resourceIds: 'every' }))._unsafeUnwrap()
      ;(
        await roster.roles.assign(admin, {
          orgId,
          accountId: grace,
          grants: [{ roleId: role.id, scope: 'org' }],
        })
      )._unsafeUnwrap()

      ;(await roster.scim.groups.addMembers(principal, { id: g.id, members: [ada, grace] }))._unsafeUnwrap()
      expect(await roleIds(ada)).toEqual([`${role.id}@org`, 'member@org'].sort())
      ;(
        await roster.scim.groups.removeMembers(principal, { id: g.id, members: [ada, grace] })
      )._unsafeUnwrap()
      expect(await roleIds(ada)).toEqual(['member@org'])
      // Grace held it by hand before the group: the group never gave it, so it stays.
      expect(await roleIds(grace)).toEqual([`${role.id}@org`, 'member@org'].sort())
    })

    test('SC10: an unmapped group grants nothing; mapping it gives its members, unmapping takes back', async ({
      storage,
      f,
    }) => {
      const { roster, principal, users, role, group, roleIds, map } = await scimOrg(storage, f, 2)
      const g = await group('Engineering', users)
      expect(await roleIds(users[0]!)).toEqual(['member@org'])
      ;(await map(g.id, { kind: 'role', roleId: role.id, resourceIds: 'every' }))._unsafeUnwrap()
      for (const user of users) expect(await roleIds(user)).toContain(`${role.id}@org`)
      ;(await map(g.id, null))._unsafeUnwrap()
      for (const user of users) expect(await roleIds(user)).toEqual(['member@org'])
      const view = (await roster.scim.groups.get(principal, { id: g.id }))._unsafeUnwrap()
      expect(view).toMatchObject({ mapping: null, members: [...users].sort(), memberCount: 2 })
    })

    test('SC12: a full push reconciles the members, and the same push twice changes nothing', async ({
      storage,
      f,
    }) => {
      const { roster, orgId, principal, users, role, group, roleIds, map } = await scimOrg(storage, f, 3)
      const [a, b, c] = users as [string, string, string]
      const g = await group('Ops', [a, b])
      ;(await map(g.id, { kind: 'role', roleId: role.id, resourceIds: 'every' }))._unsafeUnwrap()
      const push = { id: g.id, displayName: 'Operations', members: [b, c] }
      const first = (await roster.scim.groups.replace(principal, push))._unsafeUnwrap()
      expect(first).toMatchObject({ displayName: 'Operations', members: [b, c].sort() })
      expect(await roleIds(a)).toEqual(['member@org'])
      expect(await roleIds(c)).toContain(`${role.id}@org`)

      const audit = async () => (await storage.audit.list({ orgId, limit: 1000 })).length
      const before = await audit()
      const again = (await roster.scim.groups.replace(principal, push))._unsafeUnwrap()
      expect(again.version).toBe(first.version)
      expect(await audit()).toBe(before)
      expect(await roleIds(b)).toContain(`${role.id}@org`)
    })

    test('SC11: two groups giving the same role: leaving one keeps it, leaving both takes it', async ({
      storage,
      f,
    }) => {
      const { roster, principal, users, role, group, roleIds, map } = await scimOrg(storage, f, 1)
      const [ada] = users as [string]
      const one = await group('One')
      const two = await group('Two')
      for (const g of [one, two]) {
        ;(await map(g.id, { kind: 'role', roleId: role.id, resourceIds: 'every' }))._unsafeUnwrap()
        ;(await roster.scim.groups.addMembers(principal, { id: g.id, members: [ada] }))._unsafeUnwrap()
      }
      ;(await roster.scim.groups.removeMembers(principal, { id: one.id, members: [ada] }))._unsafeUnwrap()
      expect(await roleIds(ada)).toContain(`${role.id}@org`)
      ;(await roster.scim.groups.delete(principal, { id: two.id }))._unsafeUnwrap()
      expect(await roleIds(ada)).toEqual(['member@org'])
    })

    test('SC10, SC11: a department group sets the department and clears it when the member leaves', async ({
      storage,
      f,
    }) => {
      const { roster, orgId, principal, users, group, map } = await scimOrg(storage, f, 1)
      const [ada] = users as [string]
      const sales = (await roster.departments.create(admin, { orgId, name: 'Sales' }))._unsafeUnwrap()
      const g = await group('Sales team')
      ;(await map(g.id, { kind: 'department', departmentId: sales.id }))._unsafeUnwrap()
      ;(await roster.scim.groups.addMembers(principal, { id: g.id, members: [ada] }))._unsafeUnwrap()
      expect((await storage.memberships.find(orgId, ada))?.departmentId).toBe(sales.id)
      ;(await roster.scim.groups.removeMembers(principal, { id: g.id, members: [ada] }))._unsafeUnwrap()
      expect((await storage.memberships.find(orgId, ada))?.departmentId).toBeNull()
    })

    test('SC10, L2: concurrent PATCHes adding members to a license group never oversell the pool', async ({
      storage,
      f,
    }) => {
      const { roster, orgId, principal, users, group, map } = await scimOrg(storage, f, 8)
      ;(await roster.licenses.createPool(admin, { orgId, product: 'one-office', seats: 3 }))._unsafeUnwrap()
      const g = await group('Office users')
      ;(await map(g.id, { kind: 'license', product: 'one-office' }))._unsafeUnwrap()
      const outcomes = await parallel(
        users.length,
        async (i) => await roster.scim.groups.addMembers(principal, { id: g.id, members: [users[i]!] }),
      )
      const codes = outcomes.map((o) => (o.isOk() ? 'ok' : o.error.code)).sort()
      expect(codes).toEqual([...Array(3).fill('ok'), ...Array(5).fill('NO_SEATS_AVAILABLE')].sort())
      const pool = await storage.licenses.findPool({ orgId, product: 'one-office' })
      expect(pool).toMatchObject({ seats: 3, assigned: 3 })
      // A refused PATCH stored nothing: exactly the seat holders are members.
      const view = (await roster.scim.groups.get(principal, { id: g.id }))._unsafeUnwrap()
      const holders = (await storage.licenses.listSeats({ orgId, product: 'one-office' })).map((seat) =>
        seat.holder.kind === 'member' ? seat.holder.accountId : seat.holder.number,
      )
      expect(view.members).toEqual(holders.sort())
    })
  })
}
