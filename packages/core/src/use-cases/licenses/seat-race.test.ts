import { describe, expect, it } from 'vitest'
import type { PersonActor } from '../../domain/actor.js'
import { createTestRoster } from '@roster/test-support'

const EMPLOYEES = 200
const SEATS = 50
const ROUNDS = 20

describe('licenses.assign under contention', () => {
  it(`L2, L4, L6: ${EMPLOYEES} parallel assigns on ${SEATS} seats, ${ROUNDS} rounds: exactly ${SEATS} winners each round; the summary matches a recount`, async () => {
    const { roster, orgWithFounder, member, storage, system } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const employees: PersonActor[] = []
    for (let i = 0; i < EMPLOYEES; i++) employees.push(await member(org.id, `employee${i}@example.com`))
    await roster.licenses.createPool(founder, { orgId: org.id, product: 'one-office', seats: SEATS })
    const pool = { orgId: org.id, product: 'one-office' }

    for (let round = 0; round < ROUNDS; round++) {
      const results = await Promise.all(
        employees.map((employee) =>
          roster.licenses.assign(founder, {
            orgId: org.id,
            product: 'one-office',
            accountId: employee.accountId,
          }),
        ),
      )
      const winners = results.flatMap((result) => (result.isOk() ? [result.value.accountId] : []))
      const losers = results.flatMap((result) => (result.isErr() ? [result.error.code] : []))
      expect(winners, `round ${round}`).toHaveLength(SEATS)
      expect(new Set(winners).size).toBe(SEATS)
      expect(losers).toEqual(Array(EMPLOYEES - SEATS).fill('NO_SEATS_AVAILABLE'))

      // The summary against a recount from storage: the seats held, and the members showing the product.
      const summary = (await roster.licenses.summary(founder, { orgId: org.id }))._unsafeUnwrap()
      const seats = await storage.licenses.listSeats(pool)
      const holders = seats.map((seat) => (seat.holder.kind === 'member' ? seat.holder.accountId : null))
      expect(summary.products).toEqual([
        {
          product: 'one-office',
          seats: SEATS,
          assigned: seats.length,
          available: SEATS - seats.length,
          required: false,
        },
      ])
      expect(seats).toHaveLength(SEATS)
      expect(new Set(holders)).toEqual(new Set(winners))
      let licensedMembers = 0
      let cursor: string | undefined
      do {
        const page = (
          await roster.members.list(system, { orgId: org.id, limit: 200, ...(cursor ? { cursor } : {}) })
        )._unsafeUnwrap()
        licensedMembers += page.items.filter((item) => item.licenses.includes('one-office')).length
        cursor = page.nextCursor ?? undefined
      } while (cursor)
      expect(licensedMembers).toBe(SEATS)

      // Free every seat in parallel for the next round (L4).
      const freed = await Promise.all(
        winners.map((accountId) =>
          roster.licenses.unassign(founder, { orgId: org.id, product: 'one-office', accountId }),
        ),
      )
      expect(freed.every((result) => result.isOk())).toBe(true)
      expect(await storage.licenses.findPool(pool)).toMatchObject({ seats: SEATS, assigned: 0 })
    }
  }, 120_000)
})
