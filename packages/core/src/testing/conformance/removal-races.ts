// Use-cases racing the removal of what they depend on (issue 13): a member removed while a seat, a
// number or a role is given to them, an org deleted while someone is added to it, an account
// deleted while it is added elsewhere. Each trial starts the two calls together, for several
// members at once, then checks that every answer is typed (never STORAGE_FAILURE or CONFLICT), that
// the answers agree with each other, and that nothing outlives its membership.
//
// Trials: ROSTER_RACE_TRIALS (default 4) rounds of RACE_PAIRS concurrent pairs per test; set it
// higher (e.g. 50) to hunt for rare interleavings.
import type { Result } from 'neverthrow'
import { describe, expect } from 'vitest'
import { createRoster } from '../../create-roster.js'
import { systemActor } from '../../domain/actor.js'
import type { Account } from '../../domain/account.js'
import type { Organization } from '../../domain/organization.js'
import type { RosterError } from '../../errors.js'
import type { Storage } from '../../ports/storage.js'
import { createFixedClock } from '../fixed-clock.js'
import { createMemoryMailer } from '../memory-mailer.js'
import type { Fixtures } from './fixtures.js'
import { type ConformanceTest, seedAccount, seedMember, seedOrg } from './harness.js'

const TRIALS = Math.max(1, Number(process.env.ROSTER_RACE_TRIALS ?? 4) || 4)
/** Concurrent pairs per trial: 2 × this many use-cases in flight at once. */
const RACE_PAIRS = 5
const NUMBER_PRODUCT = 'phone-line'
const system = systemActor('race')

/** A roster over the storage under test; retries generous enough that contention never ends in CONFLICT. */
function raceRoster(storage: Storage) {
  const mailer = createMemoryMailer()
  const roster = createRoster({
    storage,
    mailer,
    clock: createFixedClock(),
    transactionRetry: { attempts: 12, baseDelayMs: 5 },
  })
  return { roster, mailer }
}

type Outcome = { ok: true } | { ok: false; code: string }

/** The answer of a use-case, reduced to ok or its code. */
async function outcome<T, E extends RosterError>(result: PromiseLike<Result<T, E>>): Promise<Outcome> {
  const settled = await result
  return settled.isOk() ? { ok: true } : { ok: false, code: settled.error.code }
}

/** Fails with every answer outside `allowed` (ok is written 'ok'). */
function expectAnswers(label: string, outcomes: readonly Outcome[], allowed: readonly string[]): void {
  const unexpected = outcomes.map((o) => (o.ok ? 'ok' : o.code)).filter((code) => !allowed.includes(code))
  expect(unexpected, `${label}: answers other than ${allowed.join(', ')}`).toEqual([])
}

/**
 * Every seat, held number and grant of `orgId` belongs to a membership; pools count their seats;
 * a number's seat exists exactly while the number is held. Returns the violations found.
 */
async function orphansIn(storage: Storage, orgId: string, accountIds: readonly string[]): Promise<string[]> {
  const violations: string[] = []
  const isMember = async (accountId: string) => (await storage.memberships.find(orgId, accountId)) !== null
  const numberSeats = new Set<string>()
  for (const pool of await storage.licenses.listPools(orgId)) {
    const seats = await storage.licenses.listSeats({ orgId, product: pool.product })
    if (seats.length !== pool.assigned)
      violations.push(`${pool.product}: assigned ${pool.assigned}, ${seats.length} seats`)
    if (pool.assigned > pool.seats)
      violations.push(`${pool.product}: ${pool.assigned} of ${pool.seats} seats held`)
    for (const seat of seats) {
      if (seat.holder.kind === 'member' && !(await isMember(seat.holder.accountId)))
        violations.push(`${pool.product} seat held by non-member ${seat.holder.accountId}`)
      if (seat.holder.kind === 'number') {
        if (pool.product === NUMBER_PRODUCT) numberSeats.add(seat.holder.number)
        const number = await storage.numbers.find(orgId, seat.holder.number)
        if (!number?.accountId) violations.push(`seat held by unassigned number ${seat.holder.number}`)
      }
    }
  }
  for (const number of await storage.numbers.page({ orgId, status: 'assigned', limit: 10_000 })) {
    if (number.accountId !== null && !(await isMember(number.accountId)))
      violations.push(`number ${number.number} held by non-member ${number.accountId}`)
    if (!numberSeats.has(number.number)) violations.push(`number ${number.number} held without its seat`)
  }
  for (const accountId of accountIds) {
    if (!(await isMember(accountId)) && (await storage.grants.listFor(orgId, accountId)).length > 0)
      violations.push(`grants left for non-member ${accountId}`)
  }
  return violations
}

/** An org with `count` employees (storage-seeded) and a pool of `seats` for `product`. */
async function orgWithEmployees(
  storage: Storage,
  f: Fixtures,
  roster: ReturnType<typeof raceRoster>['roster'],
  count: number,
  product: string,
): Promise<{ org: Organization; people: Account[] }> {
  const org = await seedOrg(storage, f)
  const people: Account[] = []
  for (let i = 0; i < count; i++) {
    const account = await seedAccount(storage, f)
    await seedMember(storage, f, org, account)
    people.push(account)
  }
  ;(await roster.licenses.createPool(system, { orgId: org.id, product, seats: count }))._unsafeUnwrap()
  return { org, people }
}

/** E.164 numbers of one trial, distinct across trials. */
const numbersOf = (trial: number, count: number) =>
  Array.from({ length: count }, (_, i) => `+3361234${String(trial * 100 + i).padStart(4, '0')}`)

export function removalRacesConformance(test: ConformanceTest): void {
  describe('removal races (issue 13)', () => {
    test('A13, L4: members.remove racing licenses.assign leaves no seat without its membership', async ({
      storage,
      f,
    }) => {
      const { roster } = raceRoster(storage)
      for (let trial = 0; trial < TRIALS; trial++) {
        const { org, people } = await orgWithEmployees(storage, f, roster, RACE_PAIRS, 'crm')
        const answers = await Promise.all(
          people.flatMap((person) => [
            outcome(roster.members.remove(system, { orgId: org.id, accountId: person.id })),
            outcome(roster.licenses.assign(system, { orgId: org.id, product: 'crm', accountId: person.id })),
          ]),
        )
        expectAnswers(
          'remove',
          answers.filter((_, i) => i % 2 === 0),
          ['ok'],
        )
        expectAnswers(
          'assign',
          answers.filter((_, i) => i % 2 === 1),
          ['ok', 'NOT_FOUND'],
        )
        expect(
          await orphansIn(
            storage,
            org.id,
            people.map((p) => p.id),
          ),
        ).toEqual([])
        expect((await storage.licenses.findPool({ orgId: org.id, product: 'crm' }))?.assigned).toBe(0)
      }
    })

    test('A13, N4: members.remove racing numbers.assign leaves every number available with its seat free', async ({
      storage,
      f,
    }) => {
      const { roster } = raceRoster(storage)
      for (let trial = 0; trial < TRIALS; trial++) {
        const { org, people } = await orgWithEmployees(storage, f, roster, RACE_PAIRS, NUMBER_PRODUCT)
        const numbers = numbersOf(trial, RACE_PAIRS)
        ;(await roster.numbers.import(system, { orgId: org.id, numbers }))._unsafeUnwrap()
        const answers = await Promise.all(
          people.flatMap((person, i) => [
            outcome(roster.members.remove(system, { orgId: org.id, accountId: person.id })),
            outcome(
              roster.numbers.assign(system, { orgId: org.id, number: numbers[i]!, accountId: person.id }),
            ),
          ]),
        )
        expectAnswers(
          'remove',
          answers.filter((_, i) => i % 2 === 0),
          ['ok'],
        )
        expectAnswers(
          'assign',
          answers.filter((_, i) => i % 2 === 1),
          ['ok', 'NOT_FOUND'],
        )
        expect(
          await orphansIn(
            storage,
            org.id,
            people.map((p) => p.id),
          ),
        ).toEqual([])
        expect(await storage.numbers.page({ orgId: org.id, status: 'assigned', limit: 100 })).toEqual([])
      }
    })

    test('A13, R2: members.remove racing roles.assign leaves no grant without its membership', async ({
      storage,
      f,
    }) => {
      const { roster } = raceRoster(storage)
      for (let trial = 0; trial < TRIALS; trial++) {
        const { org, people } = await orgWithEmployees(storage, f, roster, RACE_PAIRS, 'crm')
        const answers = await Promise.all(
          people.flatMap((person) => [
            outcome(roster.members.remove(system, { orgId: org.id, accountId: person.id })),
            outcome(
              roster.roles.assign(system, {
                orgId: org.id,
                accountId: person.id,
                grants: [{ roleId: 'admin', scope: 'org' }],
              }),
            ),
          ]),
        )
        expectAnswers(
          'remove',
          answers.filter((_, i) => i % 2 === 0),
          ['ok'],
        )
        expectAnswers(
          'roles.assign',
          answers.filter((_, i) => i % 2 === 1),
          ['ok', 'NOT_FOUND'],
        )
        expect(
          await orphansIn(
            storage,
            org.id,
            people.map((p) => p.id),
          ),
        ).toEqual([])
      }
    })

    test('A13, N4: members.remove racing numbers.unassign: both answer, the number ends available', async ({
      storage,
      f,
    }) => {
      const { roster } = raceRoster(storage)
      for (let trial = 0; trial < TRIALS; trial++) {
        const { org, people } = await orgWithEmployees(storage, f, roster, RACE_PAIRS, NUMBER_PRODUCT)
        const numbers = numbersOf(trial, RACE_PAIRS)
        ;(await roster.numbers.import(system, { orgId: org.id, numbers }))._unsafeUnwrap()
        for (const [i, person] of people.entries()) {
          const assigned = roster.numbers.assign(system, {
            orgId: org.id,
            number: numbers[i]!,
            accountId: person.id,
          })
          ;(await assigned)._unsafeUnwrap()
        }
        const answers = await Promise.all(
          people.flatMap((person, i) => [
            outcome(roster.members.remove(system, { orgId: org.id, accountId: person.id })),
            outcome(roster.numbers.unassign(system, { orgId: org.id, number: numbers[i]! })),
          ]),
        )
        expectAnswers('remove and unassign', answers, ['ok'])
        expect(
          await orphansIn(
            storage,
            org.id,
            people.map((p) => p.id),
          ),
        ).toEqual([])
        expect(await storage.numbers.page({ orgId: org.id, status: 'assigned', limit: 100 })).toEqual([])
        expect((await storage.licenses.findPool({ orgId: org.id, product: NUMBER_PRODUCT }))?.assigned).toBe(
          0,
        )
      }
    })

    test('O3: orgs.delete racing members.add: never both; the loser answers ORG_NOT_EMPTY or ORG_NOT_FOUND', async ({
      storage,
      f,
    }) => {
      const { roster, mailer } = raceRoster(storage)
      for (let trial = 0; trial < TRIALS; trial++) {
        const orgs = await Promise.all(Array.from({ length: RACE_PAIRS }, () => seedOrg(storage, f)))
        const emails = orgs.map((_, i) => `added.${trial}.${i}@example.com`)
        const answers = await Promise.all(
          orgs.map(async (org, i) => {
            const [deleted, added] = await Promise.all([
              outcome(roster.orgs.delete(system, { orgId: org.id })),
              outcome(
                roster.members.add(system, {
                  orgId: org.id,
                  email: emails[i]!,
                  firstName: 'Ada',
                  lastName: 'L',
                }),
              ),
            ])
            return { org, email: emails[i]!, deleted, added }
          }),
        )
        expectAnswers(
          'delete',
          answers.map((a) => a.deleted),
          ['ok', 'ORG_NOT_EMPTY'],
        )
        expectAnswers(
          'add',
          answers.map((a) => a.added),
          ['ok', 'ORG_NOT_FOUND'],
        )
        for (const { org, email, deleted, added } of answers) {
          expect([deleted.ok, added.ok], `org ${org.id}: exactly one of delete and add succeeds`).toSatisfy(
            ([d, a]: boolean[]) => d !== a,
          )
          const account = await storage.accounts.findByEmail(email)
          if (deleted.ok) {
            expect(await storage.orgs.findById(org.id)).toBeNull()
            expect(await storage.memberships.countInOrg(org.id)).toBe(0)
            // The refused add stored nothing and mailed nothing.
            expect(account).toBeNull()
            expect(mailer.sent.filter((mail) => mail.to === email)).toEqual([])
          } else {
            expect(await storage.orgs.findById(org.id)).not.toBeNull()
            expect(account && (await storage.memberships.find(org.id, account.id))).toBeTruthy()
          }
        }
      }
    })

    test('A13, A2: members.add racing the deletion of the account it attaches: no membership without its account', async ({
      storage,
      f,
    }) => {
      const { roster } = raceRoster(storage)
      for (let trial = 0; trial < TRIALS; trial++) {
        const leaving = await seedOrg(storage, f)
        const joining = await seedOrg(storage, f)
        // Never activated, member of `leaving` only: removing them deletes the account (A13).
        const people: Account[] = []
        for (let i = 0; i < RACE_PAIRS; i++) {
          const account = await seedAccount(storage, f, { status: 'pending_activation', passwordHash: null })
          await seedMember(storage, f, leaving, account, { status: 'invited' })
          people.push(account)
        }
        const answers = await Promise.all(
          people.map(async (person) => {
            const [removed, added] = await Promise.all([
              roster.members.remove(system, { orgId: leaving.id, accountId: person.id }),
              roster.members.add(system, {
                orgId: joining.id,
                email: person.emailKey,
                firstName: 'Pat',
                lastName: 'Again',
              }),
            ])
            return { person, removed, added }
          }),
        )
        for (const { person, removed, added } of answers) {
          expectAnswers('remove', [await outcome(Promise.resolve(removed))], ['ok'])
          expectAnswers('add', [await outcome(Promise.resolve(added))], ['ok'])
          const addedId = added._unsafeUnwrap().accountId
          expect(await storage.accounts.findById(addedId), 'the added member has an account').not.toBeNull()
          expect(await storage.memberships.find(joining.id, addedId)).not.toBeNull()
          // The old account is gone exactly when the add made a new one.
          const kept = await storage.accounts.findById(person.id)
          expect(kept === null, `account ${person.id} deleted ⇔ the add created a new one`).toBe(
            addedId !== person.id,
          )
          expect(removed._unsafeUnwrap().accountDeleted).toBe(addedId !== person.id)
        }
      }
    })
  })
}
