import { describe, expect } from 'vitest'
import { at } from './fixtures.js'
import { type ConformanceTest, MODES, parallel, seedAccount, seedMember, seedOrg, sorted } from './harness.js'

const count = <T>(values: readonly T[], value: T) => values.filter((v) => v === value).length

export function concurrencyConformance(test: ConformanceTest): void {
  describe('concurrency', () => {
    test('A2: 50 parallel transactions inserting one email: exactly one inserted, 49 conflicts', async ({
      storage,
      f,
    }) => {
      const candidates = Array.from({ length: 50 }, () => f.account({ emailKey: 'race@example.com' }))
      const outcomes = await parallel(50, (i) =>
        storage.transaction(async (tx) => {
          // What a use-case does: look first, insert when absent, and trust the outcome.
          if (await tx.accounts.findByEmail('race@example.com')) return { status: 'conflict', field: 'email' }
          return tx.accounts.insert(candidates[i]!)
        }),
      )
      const winners = outcomes.flatMap((outcome, i) => (outcome.status === 'inserted' ? [i] : []))
      expect(winners).toHaveLength(1)
      expect(outcomes.filter((o) => o.status === 'conflict' && o.field === 'email')).toHaveLength(49)
      expect(await storage.accounts.findByEmail('race@example.com')).toEqual(candidates[winners[0]!])
      expect(await storage.accounts.findByIds(candidates.map((c) => c.id))).toHaveLength(1)
    })

    test('A16: 20 parallel transactions inserting one identity: exactly one inserted', async ({
      storage,
      f,
    }) => {
      const outcomes = await parallel(20, () =>
        storage.transaction((tx) =>
          tx.accounts.insert(f.account({ identityProvider: 'google', externalSubject: 'same' })),
        ),
      )
      expect(outcomes.filter((o) => o.status === 'inserted')).toHaveLength(1)
      expect(outcomes.filter((o) => o.status === 'conflict' && o.field === 'identity')).toHaveLength(19)
    })

    test('20 parallel transactions inserting one slug: exactly one inserted', async ({ storage, f }) => {
      const founder = await seedAccount(storage, f)
      const outcomes = await parallel(20, () =>
        storage.transaction((tx) => tx.orgs.insert(f.org(founder, { slug: 'race' }))),
      )
      expect(outcomes.filter((o) => o.status === 'inserted')).toHaveLength(1)
      expect(outcomes.filter((o) => o.status === 'conflict' && o.field === 'slug')).toHaveLength(19)
    })

    test('A2: 50 parallel membership inserts for one (org, account): one inserted, only its grants stored', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      const outcomes = await parallel(50, (i) =>
        storage.transaction((tx) =>
          tx.memberships.insert(f.membership(org, account), [f.grant(org, account, `role-${i}`)]),
        ),
      )
      const winners = outcomes.flatMap((outcome, i) => (outcome.status === 'inserted' ? [i] : []))
      expect(winners).toHaveLength(1)
      expect(
        count(
          outcomes.map((o) => o.status),
          'exists',
        ),
      ).toBe(49)
      expect(await storage.memberships.countInOrg(org.id)).toBe(1)
      expect(await storage.grants.listFor(org.id, account.id)).toEqual([
        f.grant(org, account, `role-${winners[0]}`),
      ])
    })

    test('20 parallel transactions adding one grant store it once', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      await seedMember(storage, f, org, account, { roles: [] })
      await parallel(20, () => storage.transaction((tx) => tx.grants.add([f.grant(org, account, 'admin')])))
      expect(await storage.grants.listFor(org.id, account.id)).toEqual([f.grant(org, account, 'admin')])
    })

    test('X1: 20 parallel consumes of one token: exactly one true', async ({ storage, f }) => {
      const account = await seedAccount(storage, f)
      const token = f.token(account)
      await storage.tokens.insert(token)
      const results = await parallel(20, (i) =>
        storage.transaction((tx) => tx.tokens.consume(token.id, at(i))),
      )
      expect(count(results, true)).toBe(1)
      const winner = results.indexOf(true)
      expect((await storage.tokens.findByHash(token.hash))?.usedAt).toEqual(at(winner))
    })

    for (const [mode, run] of MODES) {
      test(`E3: parallel claimDue callers never get the same message (${mode})`, async ({ storage, f }) => {
        const messages = Array.from({ length: 20 }, () => f.outboxMessage({ nextAttemptAt: at(-1) }))
        for (const message of messages) await storage.outbox.enqueue(message)
        const batches = await parallel(4, () =>
          run(storage, (repos) => repos.outbox.claimDue(at(0), 6, at(10), f.id())),
        )
        const claimed = batches.flat()
        for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(6)
        expect(new Set(claimed.map((m) => m.id)).size).toBe(claimed.length)
        expect(claimed.length).toBeGreaterThan(0)
        for (const message of claimed) expect(message).toMatchObject({ attempts: 1, nextAttemptAt: at(10) })
        // Every claimed message is stored as claimed once; the rest are untouched.
        const claimedIds = new Set(claimed.map((m) => m.id))
        for (const message of messages) {
          const stored = await storage.outbox.findById(message.id)
          expect(stored?.attempts).toBe(claimedIds.has(message.id) ? 1 : 0)
        }
        // What is still due goes to the next caller, and nothing is handed out twice overall.
        const rest = await storage.outbox.claimDue(at(0), 20, at(10), f.id())
        expect(sorted([...claimed, ...rest].map((m) => m.id))).toEqual(messages.map((m) => m.id))
      })

      test(`30 parallel recordFailedSignIn lose no increment (${mode})`, async ({ storage, f }) => {
        const account = await seedAccount(storage, f)
        const results = await parallel(30, () =>
          run(storage, (repos) =>
            repos.accounts.recordFailedSignIn(account.id, {
              maxAttempts: 1000,
              lockedUntil: at(15),
              now: at(0),
            }),
          ),
        )
        expect(results.map((r) => r.failedSignIns).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 30 }, (_, i) => i + 1),
        )
        expect((await storage.accounts.findById(account.id))?.failedSignIns).toBe(30)
      })

      test(`20 parallel rateLimits.hit with max 5: exactly 5 allowed (${mode})`, async ({ storage }) => {
        const results = await parallel(20, () =>
          run(storage, (repos) => repos.rateLimits.hit('sign-in:race', at(0), 5)),
        )
        expect(count(results, true)).toBe(5)
        expect(await storage.rateLimits.hit('sign-in:race', at(0), 5)).toBe(false)
      })
    }
  })
}
