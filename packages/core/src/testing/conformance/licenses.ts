// Conformance of `licenses` (L1–L7, A13, O3): pools per (org, product), seat claims and releases, what
// the directory shows. Concurrent claims and resizes are in `license-races.ts`.
import { describe, expect } from 'vitest'
import { at } from './fixtures.js'
import { type ConformanceTest, seedAccount, seedMember, seedOrg } from './harness.js'
import { holderOf, line, member, orgWithEmployees, poolFor, seedPool } from './license-fixtures.js'
export function licensesConformance(test: ConformanceTest): void {
  describe('licenses', () => {
    test('findPool returns null and listPools [] for an org without pools', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      expect(await storage.licenses.findPool({ orgId: org.id, product: 'phone-line' })).toBeNull()
      expect(await storage.licenses.listPools(org.id)).toEqual([])
      expect(await storage.licenses.listSeats({ orgId: org.id, product: 'phone-line' })).toEqual([])
    })

    test('L1: insertPool stores every field; findPool returns it with assigned 0', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const pool = { ...poolFor(org, 'one-office', 25, at(-5)), updatedAt: at(-2) }
      expect(await storage.licenses.insertPool(pool)).toEqual({ status: 'inserted' })
      expect(await storage.licenses.findPool({ orgId: org.id, product: 'one-office' })).toEqual({
        ...pool,
        assigned: 0,
      })
    })

    test('L1: one pool per (org, product): a second insert is `exists` and changes nothing', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const other = await seedOrg(storage, f)
      await seedPool(storage, org, 'one-office', 5)
      expect(await storage.licenses.insertPool(poolFor(org, 'one-office', 99, at(3)))).toEqual({
        status: 'exists',
      })
      expect((await storage.licenses.findPool({ orgId: org.id, product: 'one-office' }))?.seats).toBe(5)
      // The same product in another org, and another product in the same org, are other pools.
      await seedPool(storage, other, 'one-office', 7)
      await seedPool(storage, org, 'One-Office', 1)
      expect((await storage.licenses.findPool({ orgId: other.id, product: 'one-office' }))?.seats).toBe(7)
    })

    test('listPools returns the org’s pools with their counts, by product, and no other org’s', async ({
      storage,
      f,
    }) => {
      const { org, people } = await orgWithEmployees(storage, f, 2)
      const other = await seedOrg(storage, f)
      await seedPool(storage, org, 'phone-line', 3)
      await seedPool(storage, org, 'crm', 2)
      await seedPool(storage, org, 'one-office', 1)
      await seedPool(storage, other, 'analytics', 4)
      await storage.licenses.claimSeat({ orgId: org.id, product: 'crm' }, member(people[0]!), at(1))
      await storage.licenses.claimSeat({ orgId: org.id, product: 'crm' }, member(people[1]!), at(1))
      const pools = await storage.licenses.listPools(org.id)
      expect(pools.map((p) => [p.product, p.seats, p.assigned])).toEqual([
        ['crm', 2, 2],
        ['one-office', 1, 0],
        ['phone-line', 3, 0],
      ])
      expect(pools.every((p) => p.orgId === org.id)).toBe(true)
    })

    test('L5: resizePool adds and removes seats, sets updatedAt and reports the counts', async ({
      storage,
      f,
    }) => {
      const { org, people } = await orgWithEmployees(storage, f, 1)
      const key = await seedPool(storage, org, 'crm', 5)
      await storage.licenses.claimSeat(key, member(people[0]!), at(1))
      expect(await storage.licenses.resizePool(key, 10, at(2))).toEqual({
        status: 'resized',
        before: 5,
        seats: 15,
        assigned: 1,
      })
      expect(await storage.licenses.resizePool(key, -14, at(3))).toEqual({
        status: 'resized',
        before: 15,
        seats: 1,
        assigned: 1,
      })
      const pool = await storage.licenses.findPool(key)
      expect(pool).toMatchObject({ seats: 1, assigned: 1, createdAt: at(0), updatedAt: at(3) })
    })

    test('L5: resizePool below the assigned count or below 0 is `in-use` and changes nothing', async ({
      storage,
      f,
    }) => {
      const { org, people } = await orgWithEmployees(storage, f, 2)
      const key = await seedPool(storage, org, 'crm', 3)
      await storage.licenses.claimSeat(key, member(people[0]!), at(1))
      await storage.licenses.claimSeat(key, member(people[1]!), at(1))
      expect(await storage.licenses.resizePool(key, -2, at(2))).toEqual({
        status: 'in-use',
        seats: 3,
        assigned: 2,
      })
      expect(await storage.licenses.resizePool(key, -4, at(2))).toEqual({
        status: 'in-use',
        seats: 3,
        assigned: 2,
      })
      expect(await storage.licenses.findPool(key)).toMatchObject({ seats: 3, assigned: 2, updatedAt: at(0) })
      // Down to exactly the assigned count is fine; an empty pool can go to 0.
      expect(await storage.licenses.resizePool(key, -1, at(3))).toMatchObject({ status: 'resized', seats: 2 })
      const empty = await seedPool(storage, org, 'analytics', 2)
      expect(await storage.licenses.resizePool(empty, -2, at(3))).toMatchObject({
        status: 'resized',
        seats: 0,
      })
      expect(await storage.licenses.resizePool(empty, -1, at(3))).toEqual({
        status: 'in-use',
        seats: 0,
        assigned: 0,
      })
    })

    test('resizePool returns not-found for an unknown pool', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      await seedPool(storage, org, 'crm', 1)
      expect(await storage.licenses.resizePool({ orgId: org.id, product: 'other' }, 1, at(1))).toEqual({
        status: 'not-found',
      })
      expect(await storage.licenses.resizePool({ orgId: f.id(), product: 'crm' }, 1, at(1))).toEqual({
        status: 'not-found',
      })
    })

    test('L1, L2: claimSeat claims until the pool is full, then `exhausted` storing nothing', async ({
      storage,
      f,
    }) => {
      const { org, people } = await orgWithEmployees(storage, f, 3)
      const key = await seedPool(storage, org, 'crm', 2)
      expect(await storage.licenses.claimSeat(key, member(people[0]!), at(1))).toEqual({
        status: 'claimed',
        seats: 2,
        assigned: 1,
      })
      expect(await storage.licenses.claimSeat(key, member(people[1]!), at(2))).toEqual({
        status: 'claimed',
        seats: 2,
        assigned: 2,
      })
      expect(await storage.licenses.claimSeat(key, member(people[2]!), at(3))).toEqual({
        status: 'exhausted',
        seats: 2,
        assigned: 2,
      })
      const seats = await storage.licenses.listSeats(key)
      expect(seats.map(holderOf).sort()).toEqual(
        [`member:${people[0]!.id}`, `member:${people[1]!.id}`].sort(),
      )
      expect(seats.find((s) => holderOf(s) === `member:${people[0]!.id}`)).toEqual({
        ...key,
        holder: member(people[0]!),
        claimedAt: at(1),
      })
      expect(await storage.licenses.findPool(key)).toMatchObject({ seats: 2, assigned: 2 })
    })

    test('claimSeat is `already-held` for a holder with a seat of the pool, `no-pool` without a pool', async ({
      storage,
      f,
    }) => {
      const { org, people } = await orgWithEmployees(storage, f, 1)
      const key = await seedPool(storage, org, 'crm', 5)
      await storage.licenses.claimSeat(key, member(people[0]!), at(1))
      expect(await storage.licenses.claimSeat(key, member(people[0]!), at(2))).toEqual({
        status: 'already-held',
      })
      expect(await storage.licenses.findPool(key)).toMatchObject({ assigned: 1 })
      expect(
        await storage.licenses.claimSeat({ orgId: org.id, product: 'nope' }, member(people[0]!), at(2)),
      ).toEqual({ status: 'no-pool' })
      expect(await storage.licenses.listSeats({ orgId: org.id, product: 'nope' })).toEqual([])
    })

    test('a number and a member are distinct holders; one holder may hold seats of several pools', async ({
      storage,
      f,
    }) => {
      const { org, people } = await orgWithEmployees(storage, f, 1)
      const lines = await seedPool(storage, org, 'phone-line', 5)
      const crm = await seedPool(storage, org, 'crm', 5)
      expect(await storage.licenses.claimSeat(lines, line('+33612345678'), at(1))).toMatchObject({
        status: 'claimed',
      })
      expect(await storage.licenses.claimSeat(lines, line('+33612345679'), at(1))).toMatchObject({
        status: 'claimed',
      })
      expect(await storage.licenses.claimSeat(lines, member(people[0]!), at(1))).toMatchObject({
        status: 'claimed',
      })
      expect(await storage.licenses.claimSeat(crm, member(people[0]!), at(1))).toMatchObject({
        status: 'claimed',
        assigned: 1,
      })
      expect(await storage.licenses.claimSeat(lines, line('+33612345678'), at(2))).toEqual({
        status: 'already-held',
      })
      const seats = await storage.licenses.listSeats(lines)
      expect(seats.map(holderOf).sort()).toEqual(
        [`member:${people[0]!.id}`, 'number:+33612345678', 'number:+33612345679'].sort(),
      )
      expect(seats.find((s) => s.holder.kind === 'number')).toMatchObject({
        orgId: org.id,
        product: 'phone-line',
      })
    })

    test('L4: releaseSeat frees the seat at once for another holder; `not-held` otherwise', async ({
      storage,
      f,
    }) => {
      const { org, people } = await orgWithEmployees(storage, f, 2)
      const key = await seedPool(storage, org, 'crm', 1)
      await storage.licenses.claimSeat(key, member(people[0]!), at(1))
      expect(await storage.licenses.releaseSeat(key, member(people[1]!))).toEqual({ status: 'not-held' })
      expect(await storage.licenses.releaseSeat(key, member(people[0]!))).toEqual({
        status: 'released',
        seats: 1,
        assigned: 0,
      })
      expect(await storage.licenses.releaseSeat(key, member(people[0]!))).toEqual({ status: 'not-held' })
      expect(await storage.licenses.listSeats(key)).toEqual([])
      expect(await storage.licenses.claimSeat(key, member(people[1]!), at(2))).toMatchObject({
        status: 'claimed',
      })
      expect(
        await storage.licenses.releaseSeat({ orgId: org.id, product: 'nope' }, member(people[1]!)),
      ).toEqual({ status: 'not-held' })
    })

    test('L7: memberships.row and page list the products a member holds a seat of', async ({
      storage,
      f,
    }) => {
      const { org, people } = await orgWithEmployees(storage, f, 2)
      const crm = await seedPool(storage, org, 'crm', 5)
      const office = await seedPool(storage, org, 'one-office', 5)
      const lines = await seedPool(storage, org, 'phone-line', 5)
      await storage.licenses.claimSeat(crm, member(people[0]!), at(1))
      await storage.licenses.claimSeat(office, member(people[0]!), at(1))
      // A seat held by a number is the number's, not a member's license.
      await storage.licenses.claimSeat(lines, line('+33612345678'), at(1))
      const row = await storage.memberships.row(org.id, people[0]!.id)
      expect([...(row?.licenses ?? [])].sort()).toEqual(['crm', 'one-office'])
      expect((await storage.memberships.row(org.id, people[1]!.id))?.licenses).toEqual([])
      const page = await storage.memberships.page({ orgId: org.id, limit: 10 })
      const byAccount = new Map(page.map((r) => [r.account.id, [...r.licenses].sort()]))
      expect(byAccount.get(people[0]!.id)).toEqual(['crm', 'one-office'])
      expect(byAccount.get(people[1]!.id)).toEqual([])
    })

    test('L7: page filters on `licensed` against requiredProducts; guests always count as licensed', async ({
      storage,
      f,
    }) => {
      const { org, people } = await orgWithEmployees(storage, f, 3)
      const guest = await seedAccount(storage, f)
      await seedMember(storage, f, org, guest, { type: 'guest' })
      const crm = await seedPool(storage, org, 'crm', 5)
      const office = await seedPool(storage, org, 'one-office', 5)
      // people[0]: both; people[1]: crm only; people[2]: none.
      await storage.licenses.claimSeat(crm, member(people[0]!), at(1))
      await storage.licenses.claimSeat(office, member(people[0]!), at(1))
      await storage.licenses.claimSeat(crm, member(people[1]!), at(1))
      const requiredProducts = ['crm', 'one-office']
      const query = { orgId: org.id, requiredProducts, limit: 50 }
      const unlicensed = await storage.memberships.page({ ...query, licensed: false })
      const licensed = await storage.memberships.page({ ...query, licensed: true })
      // The founder (seeded without a membership by seedOrg) is not a member here.
      expect(unlicensed.map((r) => r.account.id).sort()).toEqual([people[1]!.id, people[2]!.id].sort())
      expect(licensed.map((r) => r.account.id).sort()).toEqual([people[0]!.id, guest.id].sort())
      const limited = await storage.memberships.page({ ...query, licensed: false, limit: 1 })
      expect(limited).toHaveLength(1)
    })

    test('A13, L4: memberships.delete frees the member’s seats and nobody else’s', async ({ storage, f }) => {
      const { org, people } = await orgWithEmployees(storage, f, 2)
      const other = await seedOrg(storage, f)
      await seedMember(storage, f, other, people[0]!)
      const crm = await seedPool(storage, org, 'crm', 2)
      const office = await seedPool(storage, org, 'one-office', 2)
      const otherCrm = await seedPool(storage, other, 'crm', 2)
      await storage.licenses.claimSeat(crm, member(people[0]!), at(1))
      await storage.licenses.claimSeat(office, member(people[0]!), at(1))
      await storage.licenses.claimSeat(crm, member(people[1]!), at(1))
      await storage.licenses.claimSeat(otherCrm, member(people[0]!), at(1))

      expect(await storage.memberships.delete(org.id, people[0]!.id)).toBe(true)
      expect(await storage.licenses.findPool(crm)).toMatchObject({ seats: 2, assigned: 1 })
      expect(await storage.licenses.findPool(office)).toMatchObject({ seats: 2, assigned: 0 })
      expect((await storage.licenses.listSeats(crm)).map(holderOf)).toEqual([`member:${people[1]!.id}`])
      expect(await storage.licenses.listSeats(office)).toEqual([])
      expect(await storage.licenses.findPool(otherCrm)).toMatchObject({ assigned: 1 })
      expect((await storage.memberships.row(other.id, people[0]!.id))?.licenses).toEqual(['crm'])
      // Seats freed by the removal are claimable at once; a re-added member starts with none.
      await seedMember(storage, f, org, people[0]!)
      expect((await storage.memberships.row(org.id, people[0]!.id))?.licenses).toEqual([])
      expect(await storage.licenses.claimSeat(office, member(people[0]!), at(2))).toMatchObject({
        status: 'claimed',
        assigned: 1,
      })
    })

    test('O3: orgs.delete removes the org’s pools and seats, and no other org’s', async ({ storage, f }) => {
      const { org, people } = await orgWithEmployees(storage, f, 1)
      const other = await seedOrg(storage, f)
      await seedMember(storage, f, other, people[0]!)
      const crm = await seedPool(storage, org, 'crm', 2)
      const kept = await seedPool(storage, other, 'crm', 3)
      await storage.licenses.claimSeat(crm, member(people[0]!), at(1))
      await storage.licenses.claimSeat(kept, member(people[0]!), at(1))
      expect(await storage.orgs.delete(org.id)).toBe(true)
      expect(await storage.licenses.findPool(crm)).toBeNull()
      expect(await storage.licenses.listPools(org.id)).toEqual([])
      expect(await storage.licenses.listSeats(crm)).toEqual([])
      expect(await storage.licenses.findPool(kept)).toMatchObject({ seats: 3, assigned: 1 })
    })

    test('a claim inside a transaction that rejects is undone', async ({ storage, f }) => {
      const { org, people } = await orgWithEmployees(storage, f, 1)
      const key = await seedPool(storage, org, 'crm', 1)
      await expect(
        storage.transaction(async (tx) => {
          expect(await tx.licenses.claimSeat(key, member(people[0]!), at(1))).toMatchObject({
            status: 'claimed',
          })
          expect(await tx.licenses.findPool(key)).toMatchObject({ assigned: 1 })
          throw new Error('roll back')
        }),
      ).rejects.toThrow('roll back')
      expect(await storage.licenses.findPool(key)).toMatchObject({ seats: 1, assigned: 0 })
      expect(await storage.licenses.listSeats(key)).toEqual([])
      expect((await storage.memberships.row(org.id, people[0]!.id))?.licenses).toEqual([])
    })
  })
}
