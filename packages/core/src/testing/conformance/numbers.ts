// Conformance of `numbers` (N1–N4, A13, L4, O3): an org's phone-number pool, one holder per number.
import { describe, expect } from 'vitest'
import type { Account } from '../../domain/account.js'
import type { PhoneNumber } from '../../domain/phone-number.js'
import type { NumberPageQuery, Storage, StorageRepositories } from '../../ports/storage.js'
import { at } from './fixtures.js'
import { type ConformanceTest, MODES, parallel, seedAccount, seedMember, seedOrg } from './harness.js'
import { seedPool } from './license-fixtures.js'

/** A pool number of `org`, available, imported at `T0`. */
function numberFor(org: { id: string }, number: string, overrides: Partial<PhoneNumber> = {}): PhoneNumber {
  return { orgId: org.id, number, accountId: null, importedAt: at(0), assignedAt: null, ...overrides }
}

/** Inserts available numbers and checks they all went in. */
async function seedNumbers(repos: StorageRepositories, org: { id: string }, numbers: string[]) {
  expect(await repos.numbers.insertMany(numbers.map((n) => numberFor(org, n)))).toEqual({
    inserted: numbers,
    existing: [],
  })
}

/** Walks every page of a query and returns the numbers in order. */
async function allNumbers(storage: Storage, query: Omit<NumberPageQuery, 'afterNumber'>): Promise<string[]> {
  const numbers: string[] = []
  let afterNumber: string | undefined
  for (let guard = 0; guard < 100; guard++) {
    const page = await storage.numbers.page({
      ...query,
      ...(afterNumber === undefined ? {} : { afterNumber }),
    })
    expect(page.length).toBeLessThanOrEqual(query.limit)
    numbers.push(...page.map((row) => row.number))
    const last = page.at(-1)
    if (!last) return numbers
    afterNumber = last.number
  }
  throw new Error('page never ran out of rows')
}

const A = '+33612345601'
const B = '+33612345602'
const C = '+33612345603'
const D = '+14155552671'

export function numbersConformance(test: ConformanceTest): void {
  describe('numbers', () => {
    test('find returns null for a number not in the org’s pool', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const other = await seedOrg(storage, f)
      await seedNumbers(storage, other, [A])
      expect(await storage.numbers.find(org.id, A)).toBeNull()
      expect(await storage.numbers.find(other.id, B)).toBeNull()
    })

    test('N1: insertMany stores every field as given and reports inserted and existing in input order', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const other = await seedOrg(storage, f)
      const first = numberFor(org, A, { importedAt: at(-3) })
      expect(await storage.numbers.insertMany([first])).toEqual({ inserted: [A], existing: [] })
      expect(await storage.numbers.find(org.id, A)).toEqual(first)
      expect(
        await storage.numbers.insertMany([
          numberFor(org, C),
          numberFor(org, A, { importedAt: at(9) }),
          numberFor(org, B),
          numberFor(org, C),
        ]),
      ).toEqual({ inserted: [C, B], existing: [A, C] })
      expect(await storage.numbers.find(org.id, A)).toEqual(first)
      // The same number in another org is another row.
      expect(await storage.numbers.insertMany([numberFor(other, A)])).toEqual({ inserted: [A], existing: [] })
      expect(await storage.numbers.insertMany([])).toEqual({ inserted: [], existing: [] })
    })

    test('page orders by number, filters by status and holder, pages by afterNumber, one org only', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const other = await seedOrg(storage, f)
      const ada = await seedAccount(storage, f)
      const bob = await seedAccount(storage, f)
      await seedMember(storage, f, org, ada)
      await seedMember(storage, f, org, bob)
      await seedNumbers(storage, org, [C, A, D, B])
      await seedNumbers(storage, other, ['+33612345600'])
      await storage.numbers.assign(org.id, B, ada.id, at(1))
      await storage.numbers.assign(org.id, D, bob.id, at(1))

      expect(await allNumbers(storage, { orgId: org.id, limit: 3 })).toEqual([D, A, B, C])
      expect(await allNumbers(storage, { orgId: org.id, status: 'available', limit: 1 })).toEqual([A, C])
      expect(await allNumbers(storage, { orgId: org.id, status: 'assigned', limit: 10 })).toEqual([D, B])
      expect(await allNumbers(storage, { orgId: org.id, accountId: ada.id, limit: 10 })).toEqual([B])
      expect(
        (await storage.numbers.page({ orgId: org.id, afterNumber: A, limit: 1 })).map((r) => r.number),
      ).toEqual([B])
      const [row] = await storage.numbers.page({ orgId: org.id, accountId: bob.id, limit: 1 })
      expect(row).toEqual(numberFor(org, D, { accountId: bob.id, assignedAt: at(1) }))
    })

    test('N3: assign gives an available number to a member; holder and time are stored', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const ada = await seedAccount(storage, f)
      await seedMember(storage, f, org, ada)
      await seedNumbers(storage, org, [A, B])
      expect(await storage.numbers.assign(org.id, A, ada.id, at(2))).toEqual({ status: 'assigned' })
      expect(await storage.numbers.assign(org.id, B, ada.id, at(3))).toEqual({ status: 'assigned' })
      expect(await storage.numbers.find(org.id, A)).toEqual(
        numberFor(org, A, { accountId: ada.id, assignedAt: at(2) }),
      )
      // A member may hold several numbers (N3); the directory row lists them.
      expect([...((await storage.memberships.row(org.id, ada.id))?.numbers ?? [])].sort()).toEqual([A, B])
      const [pageRow] = await storage.memberships.page({ orgId: org.id, limit: 1 })
      expect([...(pageRow?.numbers ?? [])].sort()).toEqual([A, B])
    })

    test('N3: assign is already-held for the holder, unavailable (naming the holder) for anyone else, not-found outside the pool', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const ada = await seedAccount(storage, f)
      const bob = await seedAccount(storage, f)
      await seedMember(storage, f, org, ada)
      await seedMember(storage, f, org, bob)
      await seedNumbers(storage, org, [A])
      await storage.numbers.assign(org.id, A, ada.id, at(1))
      expect(await storage.numbers.assign(org.id, A, ada.id, at(2))).toEqual({ status: 'already-held' })
      expect(await storage.numbers.assign(org.id, A, bob.id, at(2))).toEqual({
        status: 'unavailable',
        accountId: ada.id,
      })
      expect(await storage.numbers.assign(org.id, B, bob.id, at(2))).toEqual({ status: 'not-found' })
      expect(await storage.numbers.assign(f.id(), A, bob.id, at(2))).toEqual({ status: 'not-found' })
      expect(await storage.numbers.find(org.id, A)).toMatchObject({ accountId: ada.id, assignedAt: at(1) })
      expect((await storage.memberships.row(org.id, bob.id))?.numbers).toEqual([])
    })

    test('N4, L4: unassign returns the number to the pool and releases every seat it holds', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const ada = await seedAccount(storage, f)
      await seedMember(storage, f, org, ada)
      const lines = await seedPool(storage, org, 'phone-line', 2)
      const legacy = await seedPool(storage, org, 'legacy-line', 2)
      await seedNumbers(storage, org, [A, B])
      await storage.numbers.assign(org.id, A, ada.id, at(1))
      await storage.numbers.assign(org.id, B, ada.id, at(1))
      await storage.licenses.claimSeat(lines, { kind: 'number', number: A }, at(1))
      await storage.licenses.claimSeat(legacy, { kind: 'number', number: A }, at(1))
      await storage.licenses.claimSeat(lines, { kind: 'number', number: B }, at(1))

      expect(await storage.numbers.unassign(org.id, A)).toEqual({ status: 'unassigned', accountId: ada.id })
      expect(await storage.numbers.find(org.id, A)).toEqual(numberFor(org, A))
      expect(await storage.licenses.findPool(lines)).toMatchObject({ assigned: 1 })
      expect(await storage.licenses.findPool(legacy)).toMatchObject({ assigned: 0 })
      expect((await storage.memberships.row(org.id, ada.id))?.numbers).toEqual([B])
      expect(await storage.numbers.unassign(org.id, A)).toEqual({ status: 'not-assigned' })
      expect(await storage.numbers.unassign(org.id, C)).toEqual({ status: 'not-found' })
    })

    test('L4: remove deletes the number, releases its seats and returns the row; null when absent', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const ada = await seedAccount(storage, f)
      await seedMember(storage, f, org, ada)
      const lines = await seedPool(storage, org, 'phone-line', 1)
      await seedNumbers(storage, org, [A, B])
      await storage.numbers.assign(org.id, A, ada.id, at(1))
      await storage.licenses.claimSeat(lines, { kind: 'number', number: A }, at(1))
      expect(await storage.numbers.remove(org.id, A)).toEqual(
        numberFor(org, A, { accountId: ada.id, assignedAt: at(1) }),
      )
      expect(await storage.numbers.find(org.id, A)).toBeNull()
      expect(await storage.licenses.findPool(lines)).toMatchObject({ seats: 1, assigned: 0 })
      expect(await storage.licenses.listSeats(lines)).toEqual([])
      expect((await storage.memberships.row(org.id, ada.id))?.numbers).toEqual([])
      expect(await storage.numbers.remove(org.id, B)).toEqual(numberFor(org, B))
      expect(await storage.numbers.remove(org.id, B)).toBeNull()
      // A removed number can be imported again.
      expect(await storage.numbers.insertMany([numberFor(org, A)])).toEqual({ inserted: [A], existing: [] })
    })

    test('A13: memberships.delete returns the member’s numbers to the pool and frees their seats', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const ada = await seedAccount(storage, f)
      const bob = await seedAccount(storage, f)
      await seedMember(storage, f, org, ada)
      await seedMember(storage, f, org, bob)
      const lines = await seedPool(storage, org, 'phone-line', 3)
      await seedNumbers(storage, org, [A, B, C])
      for (const [number, holder] of [
        [A, ada],
        [B, ada],
        [C, bob],
      ] as const) {
        await storage.numbers.assign(org.id, number, holder.id, at(1))
        await storage.licenses.claimSeat(lines, { kind: 'number', number }, at(1))
      }
      await storage.licenses.claimSeat(lines, { kind: 'member', accountId: ada.id }, at(1)).then((o) =>
        // Full pool: 3 numbers hold the 3 seats.
        expect(o.status).toBe('exhausted'),
      )

      expect(await storage.memberships.delete(org.id, ada.id)).toBe(true)
      expect(await storage.numbers.find(org.id, A)).toEqual(numberFor(org, A))
      expect(await storage.numbers.find(org.id, B)).toEqual(numberFor(org, B))
      expect(await storage.numbers.find(org.id, C)).toMatchObject({ accountId: bob.id })
      expect(await storage.licenses.findPool(lines)).toMatchObject({ seats: 3, assigned: 1 })
      expect((await storage.licenses.listSeats(lines)).map((s) => s.holder)).toEqual([
        { kind: 'number', number: C },
      ])
      expect((await storage.memberships.row(org.id, bob.id))?.numbers).toEqual([C])
      // Re-added, the member holds nothing; the numbers can go to someone else.
      await seedMember(storage, f, org, ada)
      expect((await storage.memberships.row(org.id, ada.id))?.numbers).toEqual([])
      expect(await storage.numbers.assign(org.id, A, bob.id, at(2))).toEqual({ status: 'assigned' })
    })

    test('O3: orgs.delete removes the org’s numbers and no other org’s', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const other = await seedOrg(storage, f)
      await seedNumbers(storage, org, [A, B])
      await seedNumbers(storage, other, [A])
      expect(await storage.orgs.delete(org.id)).toBe(true)
      expect(await storage.numbers.find(org.id, A)).toBeNull()
      expect(await storage.numbers.page({ orgId: org.id, limit: 10 })).toEqual([])
      expect(await storage.numbers.find(other.id, A)).toEqual(numberFor(other, A))
    })

    test('an assignment inside a transaction that rejects is undone', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const ada = await seedAccount(storage, f)
      await seedMember(storage, f, org, ada)
      const lines = await seedPool(storage, org, 'phone-line', 1)
      await seedNumbers(storage, org, [A])
      await expect(
        storage.transaction(async (tx) => {
          await tx.numbers.assign(org.id, A, ada.id, at(1))
          await tx.licenses.claimSeat(lines, { kind: 'number', number: A }, at(1))
          throw new Error('roll back')
        }),
      ).rejects.toThrow('roll back')
      expect(await storage.numbers.find(org.id, A)).toEqual(numberFor(org, A))
      expect(await storage.licenses.findPool(lines)).toMatchObject({ assigned: 0 })
      expect((await storage.memberships.row(org.id, ada.id))?.numbers).toEqual([])
    })

    describe('concurrency', () => {
      for (const [mode, run] of MODES) {
        test(`N3: 20 parallel assigns of one number to 20 members: exactly one holder (${mode})`, async ({
          storage,
          f,
        }) => {
          const org = await seedOrg(storage, f)
          const people: Account[] = []
          for (let i = 0; i < 20; i++) {
            const account = await seedAccount(storage, f)
            await seedMember(storage, f, org, account)
            people.push(account)
          }
          await seedNumbers(storage, org, [A])
          const outcomes = await parallel(20, (i) =>
            run(storage, (repos) => repos.numbers.assign(org.id, A, people[i]!.id, at(1))),
          )
          const winners = outcomes.flatMap((o, i) => (o.status === 'assigned' ? [i] : []))
          expect(winners).toHaveLength(1)
          const holder = people[winners[0] ?? -1]?.id
          expect(outcomes.filter((o) => o.status === 'unavailable' && o.accountId === holder)).toHaveLength(
            19,
          )
          expect(await storage.numbers.find(org.id, A)).toMatchObject({ accountId: holder })
          const holding = await Promise.all(people.map((p) => storage.memberships.row(org.id, p.id)))
          expect(holding.filter((row) => row?.numbers.includes(A))).toHaveLength(1)
        })

        test(`N1: parallel overlapping imports insert each number exactly once (${mode})`, async ({
          storage,
          f,
        }) => {
          const org = await seedOrg(storage, f)
          const numbers = [A, B, C, D]
          const outcomes = await parallel(10, (i) =>
            run(storage, (repos) =>
              repos.numbers.insertMany(
                [numbers[i % 4]!, numbers[(i + 1) % 4]!].map((n) => numberFor(org, n)),
              ),
            ),
          )
          expect(outcomes.flatMap((o) => o.inserted).sort()).toEqual([...numbers].sort())
          expect(outcomes.flatMap((o) => o.existing)).toHaveLength(20 - 4)
          expect(await allNumbers(storage, { orgId: org.id, limit: 10 })).toEqual([D, A, B, C])
        })
      }
    })
  })
}
