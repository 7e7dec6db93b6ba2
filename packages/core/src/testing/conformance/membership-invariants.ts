// What the storage itself refuses so that nothing outlives its membership (issue 13): a seat, a
// number or a grant for someone without a membership, an account deleted under its memberships,
// an org deleted under a member. On Postgres these are foreign keys and row locks; the memory
// adapter refuses the same writes. A refusal is a retryable rejection (`StorageConflictError`): a
// concurrent removal is what causes it in practice, and the core's retry re-reads.
import { describe, expect } from 'vitest'
import { isRetryableStorageError } from '../../ports/storage.js'
import { at } from './fixtures.js'
import { type ConformanceTest, seedAccount, seedMember, seedOrg } from './harness.js'

/** Resolves to the rejection of `promise` (fails the test when it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

export function membershipInvariantsConformance(test: ConformanceTest): void {
  describe('membership invariants (issue 13)', () => {
    test('L2: claimSeat for someone without a membership rejects retryable and stores nothing', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const stranger = await seedAccount(storage, f)
      const key = { orgId: org.id, product: 'crm' }
      await storage.licenses.insertPool({ ...key, seats: 3, createdAt: at(0), updatedAt: at(0) })
      const rejected = await rejectionOf(
        storage.transaction((tx) =>
          tx.licenses.claimSeat(key, { kind: 'member', accountId: stranger.id }, at(1)),
        ),
      )
      expect(isRetryableStorageError(rejected)).toBe(true)
      expect(await storage.licenses.listSeats(key)).toEqual([])
      expect((await storage.licenses.findPool(key))?.assigned).toBe(0)
    })

    test('N3: numbers.assign to someone without a membership rejects retryable and leaves it available', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const stranger = await seedAccount(storage, f)
      await storage.numbers.insertMany([
        { orgId: org.id, number: '+33612345678', accountId: null, importedAt: at(0), assignedAt: null },
      ])
      const rejected = await rejectionOf(
        storage.transaction((tx) => tx.numbers.assign(org.id, '+33612345678', stranger.id, at(1))),
      )
      expect(isRetryableStorageError(rejected)).toBe(true)
      expect((await storage.numbers.find(org.id, '+33612345678'))?.accountId).toBeNull()
    })

    test('R2: grants.add for someone without a membership rejects retryable and stores nothing', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const stranger = await seedAccount(storage, f)
      const rejected = await rejectionOf(
        storage.transaction((tx) => tx.grants.add([f.grant(org, stranger, 'admin')])),
      )
      expect(isRetryableStorageError(rejected)).toBe(true)
      expect(await storage.grants.listFor(org.id, stranger.id)).toEqual([])
    })

    test('A13: accounts.delete of an account that still has a membership rejects retryable and deletes nothing', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      await seedMember(storage, f, org, account)
      const rejected = await rejectionOf(storage.transaction((tx) => tx.accounts.delete(account.id)))
      expect(isRetryableStorageError(rejected)).toBe(true)
      expect(await storage.accounts.findById(account.id)).toEqual(account)
      expect(await storage.memberships.find(org.id, account.id)).not.toBeNull()
    })

    test('O3: deleteIfEmpty deletes an org whose only member is the founder, else not-empty or not-found', async ({
      storage,
      f,
    }) => {
      const founder = await seedAccount(storage, f)
      const org = await seedOrg(storage, f, { founder })
      await seedMember(storage, f, org, founder, { roles: ['owner'] })
      const other = await seedAccount(storage, f)
      await seedMember(storage, f, org, other)

      expect(await storage.transaction((tx) => tx.orgs.deleteIfEmpty(org.id, founder.id))).toEqual({
        status: 'not-empty',
        otherMembers: 1,
      })
      expect(await storage.orgs.findById(org.id)).not.toBeNull()

      expect(await storage.memberships.delete(org.id, other.id)).toBe(true)
      expect(await storage.orgs.deleteIfEmpty(org.id, founder.id)).toEqual({ status: 'deleted' })
      expect(await storage.orgs.findById(org.id)).toBeNull()
      expect(await storage.memberships.countInOrg(org.id)).toBe(0)
      expect(await storage.orgs.deleteIfEmpty(org.id, founder.id)).toEqual({ status: 'not-found' })
    })

    test('O3: 10 parallel membership inserts racing deleteIfEmpty: the org goes only when none went in', async ({
      storage,
      f,
    }) => {
      const founder = await seedAccount(storage, f)
      const org = await seedOrg(storage, f, { founder })
      const people = await Promise.all(Array.from({ length: 10 }, () => seedAccount(storage, f)))
      const [deleted, ...inserts] = await Promise.all([
        storage.transaction((tx) => tx.orgs.deleteIfEmpty(org.id, founder.id)),
        ...people.map((person) =>
          storage
            .transaction(async (tx) => {
              // What members.add does: find the org (locking it), then insert.
              if (!(await tx.orgs.findById(org.id))) return 'no-org' as const
              return (await tx.memberships.insert(f.membership(org, person), [])).status
            })
            .catch((error: unknown) => (isRetryableStorageError(error) ? ('retryable' as const) : 'failed')),
        ),
      ])
      expect(inserts).not.toContain('failed')
      const members = await storage.memberships.countInOrg(org.id)
      if (deleted?.status === 'deleted') {
        expect(members).toBe(0)
        expect(await storage.orgs.findById(org.id)).toBeNull()
        expect(inserts.filter((insert) => insert === 'inserted')).toEqual([])
      } else {
        expect(deleted).toEqual({ status: 'not-empty', otherMembers: expect.any(Number) })
        expect(members).toBe(inserts.filter((insert) => insert === 'inserted').length)
        expect(members).toBeGreaterThan(0)
      }
    })
  })
}
