// Pins how many statements the everyday use-cases send on Postgres (BEGIN and COMMIT included),
// so a count cannot creep back up: add a member (existing account and new person), give a seat,
// give a number, remove a member, read a page of the directory. Lower a budget when a read is
// folded; a test that fails here means a change added a round trip. ROSTER_PRINT_STATEMENTS=1 prints
// what each use-case sent (the first 300 characters of each statement).
import { createRoster, scryptPasswordHasher, systemActor } from '@roster/core'
import { createMemoryMailer } from '@roster/core/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { harnesses } from './test-support.js'

/** Today's counts per use-case (BEGIN and COMMIT included); issue 15's targets in the comments. */
const BUDGET = {
  /** `members.add` of someone Roster already knows (an invitation). Target ≤ 4. */
  addExisting: 5,
  /** `members.add` of a new person (account + activation mail). Target ≤ 4. */
  addNew: 6,
  /** `licenses.assign`. Target ≤ 4. */
  licensesAssign: 6,
  /** `numbers.assign` (the number and its phone-line seat). Target ≤ 4. */
  numbersAssign: 7,
  /** `members.remove` of a member whose account stays (a member elsewhere). Target ≤ 4. */
  remove: 4,
  /** `members.remove` of a never-activated person, whose account goes too (A13). */
  removeLast: 9,
  /** `members.list`, a page of 100. Target ≤ 2. */
  page: 2,
}

for (const harness of harnesses()) {
  describe(`on ${harness.name}`, () => {
    afterAll(() => harness.close())

    it('statement budget: add member, seat, number, remove and a members page stay within their counts', async () => {
      let statements: string[] = []
      const database = await harness.open({ onStatement: (text) => statements.push(text) })
      try {
        const roster = createRoster({
          storage: database.storage,
          mailer: createMemoryMailer(),
          passwordHasher: scryptPasswordHasher({ N: 2 ** 10 }),
          outbox: { dispatch: 'manual' },
        })
        const counted = async <T>(name: string, fn: () => PromiseLike<T>) => {
          statements = []
          const value = await fn()
          if (process.env.ROSTER_PRINT_STATEMENTS)
            console.log(
              name,
              statements.length,
              statements.map((s) => s.slice(0, 300)),
            )
          return { value, count: statements.length }
        }
        const system = systemActor('test')
        const signUp = async (email: string) => {
          const account = (
            await roster.accounts.signUp({ email, firstName: 'F', lastName: 'L' })
          )._unsafeUnwrap()
          await database.storage.accounts.update(account.id, { status: 'active' })
          return account
        }
        const fay = await signUp('fay@example.com')
        const founder = { accountId: fay.id }
        const orgId = (await roster.orgs.create(system, { name: 'Acme', founderId: fay.id }))._unsafeUnwrap()
          .id
        // Someone already known to Roster (a member elsewhere), added by email.
        const bea = await signUp('bea@example.com')
        for (let i = 0; i < 3; i++)
          await roster.members.add(founder, {
            orgId,
            email: `m${i}@example.com`,
            firstName: 'M',
            lastName: `${i}`,
          })
        await roster.licenses.createPool(founder, { orgId, product: 'crm', seats: 5 })
        await roster.licenses.createPool(founder, { orgId, product: 'phone-line', seats: 5 })
        await roster.numbers.import(founder, { orgId, numbers: ['+33612345601'] })

        const existing = await counted('addExisting', () =>
          roster.members.add(founder, { orgId, email: 'bea@example.com', firstName: 'Bea', lastName: 'B' }),
        )
        expect(existing.value._unsafeUnwrap().accountId).toBe(bea.id)
        const added = await counted('addNew', () =>
          roster.members.add(founder, { orgId, email: 'ada@example.com', firstName: 'Ada', lastName: 'L' }),
        )
        const ada = added.value._unsafeUnwrap().accountId
        const seat = await counted('licensesAssign', () =>
          roster.licenses.assign(founder, { orgId, product: 'crm', accountId: ada }),
        )
        expect(seat.value._unsafeUnwrap().licenses).toEqual(['crm'])
        const number = await counted('numbersAssign', () =>
          roster.numbers.assign(founder, { orgId, number: '+33612345601', accountId: ada }),
        )
        expect(number.value._unsafeUnwrap().numbers).toEqual(['+33612345601'])
        const page = await counted('page', () => roster.members.list(founder, { orgId, limit: 100 }))
        expect(page.value._unsafeUnwrap().items).toHaveLength(6)
        const removed = await counted('remove', () =>
          roster.members.remove(founder, { orgId, accountId: bea.id }),
        )
        expect(removed.value.isOk()).toBe(true)
        expect(await database.storage.accounts.findById(bea.id)).not.toBeNull()
        const removedLast = await counted('removeLast', () =>
          roster.members.remove(founder, { orgId, accountId: ada }),
        )
        expect(removedLast.value.isOk()).toBe(true)
        expect(await database.storage.accounts.findById(ada)).toBeNull()

        const counts = {
          addExisting: existing.count,
          addNew: added.count,
          licensesAssign: seat.count,
          numbersAssign: number.count,
          remove: removed.count,
          removeLast: removedLast.count,
          page: page.count,
        }
        if (process.env.ROSTER_PRINT_STATEMENTS) console.log(counts)
        for (const [name, count] of Object.entries(counts))
          expect({ [name]: count }).toEqual({ [name]: Math.min(count, BUDGET[name as keyof typeof BUDGET]) })
      } finally {
        await harness.dispose(database)
      }
    })
  })
}
