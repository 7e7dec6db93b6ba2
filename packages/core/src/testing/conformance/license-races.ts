// Conformance of `licenses` under concurrent calls (L2, L5): parallel claims never exceed the seats
// purchased, one holder gets one seat, resizes lose no update.
import { describe, expect } from 'vitest'
import { at } from './fixtures.js'
import { type ConformanceTest, MODES, parallel, seedOrg } from './harness.js'
import { holderOf, member, orgWithEmployees, seedPool } from './license-fixtures.js'

export function licenseRacesConformance(test: ConformanceTest): void {
  describe('licenses', () => {
    describe('concurrency', () => {
      for (const [mode, run] of MODES) {
        test(`L2: 40 parallel claims by distinct members on 10 seats, 5 rounds: exactly 10 claimed (${mode})`, async ({
          storage,
          f,
        }) => {
          const { org, people } = await orgWithEmployees(storage, f, 40)
          for (let round = 0; round < 5; round++) {
            const key = await seedPool(storage, org, `product-${round}`, 10)
            const outcomes = await parallel(40, (i) =>
              run(storage, (repos) => repos.licenses.claimSeat(key, member(people[i]!), at(round))),
            )
            expect(outcomes.filter((o) => o.status === 'claimed')).toHaveLength(10)
            expect(outcomes.filter((o) => o.status === 'exhausted')).toHaveLength(30)
            const seats = await storage.licenses.listSeats(key)
            expect(seats).toHaveLength(10)
            expect(new Set(seats.map(holderOf)).size).toBe(10)
            expect(await storage.licenses.findPool(key)).toMatchObject({ seats: 10, assigned: 10 })
          }
        })

        test(`L2: 20 parallel claims by one holder: exactly one claimed, the others already-held (${mode})`, async ({
          storage,
          f,
        }) => {
          const { org, people } = await orgWithEmployees(storage, f, 1)
          const key = await seedPool(storage, org, 'crm', 5)
          const outcomes = await parallel(20, () =>
            run(storage, (repos) => repos.licenses.claimSeat(key, member(people[0]!), at(1))),
          )
          expect(outcomes.filter((o) => o.status === 'claimed')).toHaveLength(1)
          expect(outcomes.filter((o) => o.status === 'already-held')).toHaveLength(19)
          expect(await storage.licenses.findPool(key)).toMatchObject({ assigned: 1 })
        })

        test(`L5: 20 parallel resizes of +1 lose no update (${mode})`, async ({ storage, f }) => {
          const org = await seedOrg(storage, f)
          const key = await seedPool(storage, org, 'crm', 0)
          await parallel(20, () => run(storage, (repos) => repos.licenses.resizePool(key, 1, at(1))))
          expect(await storage.licenses.findPool(key)).toMatchObject({ seats: 20, assigned: 0 })
        })

        test(`L2, L5: claims racing a seat reduction never leave more seats held than purchased (${mode})`, async ({
          storage,
          f,
        }) => {
          const { org, people } = await orgWithEmployees(storage, f, 20)
          const key = await seedPool(storage, org, 'crm', 10)
          for (let i = 0; i < 5; i++) await storage.licenses.claimSeat(key, member(people[i]!), at(0))
          const [resize, ...claims] = await Promise.all([
            run(storage, (repos) => repos.licenses.resizePool(key, -5, at(1))),
            ...people
              .slice(5)
              .map((p) => run(storage, (repos) => repos.licenses.claimSeat(key, member(p), at(1)))),
          ])
          const pool = await storage.licenses.findPool(key)
          const claimed = claims.filter((c) => c.status === 'claimed').length
          expect(pool!.assigned).toBe(5 + claimed)
          expect(pool!.assigned).toBeLessThanOrEqual(pool!.seats)
          expect(await storage.licenses.listSeats(key)).toHaveLength(pool!.assigned)
          if (resize.status === 'resized') expect(pool!.seats).toBe(5)
          else expect(pool!.seats).toBe(10)
        })
      }
    })
  })
}
