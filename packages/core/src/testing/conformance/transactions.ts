import { describe, expect } from 'vitest'
import type { Storage } from '../../ports/storage.js'
import { at, type Fixtures } from './fixtures.js'
import {
  byId,
  type ConformanceTest,
  deferred,
  seedAccount,
  seedMember,
  seedOrg,
  sortGrants,
} from './harness.js'

/** A small world touching every repository, and a reader of everything it holds. */
async function world(storage: Storage, f: Fixtures) {
  const ada = await seedAccount(storage, f)
  const bob = await seedAccount(storage, f)
  const org = await seedOrg(storage, f, { founder: ada })
  const adaMember = await seedMember(storage, f, org, ada, { roles: ['owner'] })
  const bobMember = await seedMember(storage, f, org, bob, { roles: ['member', 'admin'], status: 'invited' })
  const token = f.token(bob)
  await storage.tokens.insert(token)
  const event = f.auditEvent({ orgId: org.id })
  await storage.audit.append(event)
  const message = f.outboxMessage({ orgId: org.id, nextAttemptAt: at(-1) })
  await storage.outbox.enqueue(message)
  await storage.blocklist.add(f.blocklistEntry('bounced@example.com'))
  expect(await storage.rateLimits.hit('k', at(0), 1)).toBe(true)

  const read = async () => ({
    accounts: byId(await storage.accounts.findByIds([ada.id, bob.id])),
    org: await storage.orgs.findById(org.id),
    orgs: await storage.orgs.listForAccount(ada.id),
    members: await storage.memberships
      .page({ orgId: org.id, limit: 10 })
      .then((rows) => rows.map((row) => ({ ...row, grants: sortGrants(row.grants) }))),
    bobGrants: sortGrants(await storage.grants.listFor(org.id, bob.id)),
    token: await storage.tokens.findByHash(token.hash),
    audit: await storage.audit.list({ orgId: org.id, limit: 10 }),
    outbox: await storage.outbox.list({ limit: 10 }),
    blocklist: await storage.blocklist.list({ limit: 10 }),
  })
  return { ada, bob, org, adaMember, bobMember, token, event, message, read }
}

export function transactionsConformance(test: ConformanceTest): void {
  describe('transaction', () => {
    test('commits the writes when fn resolves and returns its value', async ({ storage, f }) => {
      const account = f.account()
      const org = f.org(account)
      const value = await storage.transaction(async (tx) => {
        await tx.accounts.insert(account)
        await tx.orgs.insert(org)
        await tx.memberships.insert(f.membership(org, account), [f.grant(org, account, 'owner')])
        return { answer: 42 }
      })
      expect(value).toEqual({ answer: 42 })
      expect(await storage.accounts.findById(account.id)).toEqual(account)
      expect(await storage.orgs.findById(org.id)).toEqual(org)
      expect(await storage.grants.listFor(org.id, account.id)).toEqual([f.grant(org, account, 'owner')])
    })

    test('undoes every write across repositories when fn rejects, and rethrows its reason', async ({
      storage,
      f,
    }) => {
      const w = await world(storage, f)
      const before = await w.read()
      const boom = new Error('boom')
      const newcomer = f.account()
      const newOrg = f.org(newcomer)

      await expect(
        storage.transaction(async (tx) => {
          // inserts
          expect(await tx.accounts.insert(newcomer)).toEqual({ status: 'inserted' })
          expect(await tx.orgs.insert(newOrg)).toEqual({ status: 'inserted' })
          await tx.memberships.insert(f.membership(newOrg, newcomer), [f.grant(newOrg, newcomer, 'owner')])
          await tx.memberships.insert(f.membership(w.org, newcomer), [f.grant(w.org, newcomer, 'member')])
          await tx.grants.add([f.grant(w.org, w.ada, 'admin')])
          await tx.tokens.insert(f.token(w.ada))
          await tx.audit.append(f.auditEvent({ orgId: w.org.id }))
          await tx.outbox.enqueue(f.outboxMessage({ orgId: w.org.id, nextAttemptAt: at(60) }))
          await tx.blocklist.add(f.blocklistEntry('another@example.com'))
          // updates
          expect((await tx.accounts.update(w.ada.id, { firstName: 'Changed' })).status).toBe('updated')
          expect((await tx.orgs.update(w.org.id, { name: 'Changed', slug: 'changed' })).status).toBe(
            'updated',
          )
          await tx.memberships.update(w.org.id, w.ada.id, { title: 'Changed' })
          expect(await tx.memberships.activateInvited(w.bob.id, at(1))).toEqual([w.org.id])
          expect(await tx.tokens.consume(w.token.id, at(1))).toBe(true)
          await tx.accounts.recordFailedSignIn(w.ada.id, { maxAttempts: 1, lockedUntil: at(9), now: at(1) })
          expect(await tx.outbox.claimDue(at(0), 10, at(5), 'c')).toHaveLength(1)
          expect(await tx.outbox.markSending(w.message.id, 'c')).toBe(true)
          await tx.outbox.markFailed(w.message.id, {
            error: 'x',
            attempts: 3,
            nextAttemptAt: at(9),
            status: 'dead',
            claim: 'c',
          })
          expect(await tx.rateLimits.hit('k', at(1), 1)).toBe(true)
          // deletes
          expect(
            await tx.grants.remove(w.org.id, w.bob.id, [
              { roleId: 'admin', scopeKind: 'org', scopeValue: '' },
            ]),
          ).toBe(1)
          expect(await tx.memberships.delete(w.org.id, w.bob.id)).toBe(true)
          expect(await tx.blocklist.remove('bounced@example.com')).toBe(true)
          expect(await tx.accounts.delete(w.bob.id)).toBe(true)
          throw boom
        }),
      ).rejects.toBe(boom)

      expect(await w.read()).toEqual(before)
      expect(await storage.accounts.findById(newcomer.id)).toBeNull()
      expect(await storage.accounts.findByEmail(newcomer.emailKey)).toBeNull()
      expect(await storage.orgs.findById(newOrg.id)).toBeNull()
      expect(await storage.orgs.findBySlug('changed')).toBeNull()
      expect(await storage.memberships.listForAccount(newcomer.id)).toEqual([])
      expect(await storage.blocklist.isBlocked('another@example.com')).toBe(false)
      expect(await storage.blocklist.isBlocked('bounced@example.com')).toBe(true)
      expect(await storage.tokens.consume(w.token.id, at(2))).toBe(true)
      // The hit in the rolled-back window never counted.
      expect(await storage.rateLimits.hit('k', at(1), 1)).toBe(true)
    })

    test('rethrows a reason that is not an Error, unchanged', async ({ storage, f }) => {
      const reason = { code: 'NOPE' }
      const account = f.account()
      await expect(
        storage.transaction(async (tx) => {
          await tx.accounts.insert(account)
          throw reason
        }),
      ).rejects.toBe(reason)
      expect(await storage.accounts.findById(account.id)).toBeNull()
    })

    test('reads inside a transaction see its own writes', async ({ storage, f }) => {
      const existing = await seedAccount(storage, f)
      const org = await seedOrg(storage, f, { founder: existing })
      await seedMember(storage, f, org, existing)
      await storage.transaction(async (tx) => {
        const account = f.account({ emailKey: 'fresh@example.com' })
        await tx.accounts.insert(account)
        expect(await tx.accounts.findById(account.id)).toEqual(account)
        expect(await tx.accounts.findByEmail('fresh@example.com')).toEqual(account)
        await tx.accounts.update(existing.id, { firstName: 'Renamed' })
        expect((await tx.accounts.findById(existing.id))?.firstName).toBe('Renamed')
        await tx.memberships.insert(f.membership(org, account), [])
        expect(await tx.memberships.countInOrg(org.id)).toBe(2)
        expect(
          (await tx.memberships.page({ orgId: org.id, limit: 10 })).map((row) => row.account.id),
        ).toEqual([existing.id, account.id])
        await tx.memberships.delete(org.id, existing.id)
        expect(await tx.memberships.find(org.id, existing.id)).toBeNull()
        expect(await tx.accounts.insert(f.account({ emailKey: 'fresh@example.com' }))).toEqual({
          status: 'conflict',
          field: 'email',
        })
      })
    })

    test('reads outside a transaction never see its uncommitted writes', async ({ storage, f }) => {
      const existing = await seedAccount(storage, f)
      const account = f.account()
      const written = deferred()
      const finish = deferred()
      const boom = new Error('rolled back')
      const tx = storage.transaction(async (tx) => {
        await tx.accounts.insert(account)
        await tx.accounts.update(existing.id, { firstName: 'Uncommitted' })
        written.resolve()
        await finish.promise
        throw boom
      })
      await written.promise
      // Started while the transaction is open. An adapter may answer at once (from the last
      // commit) or only once the transaction ends (one connection); either way, since the
      // transaction rolls back, the answer must not hold its writes. Not awaited before the
      // transaction ends, so adapters that queue it behind the transaction do not deadlock.
      const outside = Promise.all([
        storage.accounts.findById(account.id),
        storage.accounts.findById(existing.id),
      ])
      finish.resolve()
      await expect(tx).rejects.toBe(boom)
      const [seen, seenExisting] = await outside
      expect(seen).toBeNull()
      expect(seenExisting).toEqual(existing)
    })

    test('a conflict inside a transaction leaves it usable and its other writes commit', async ({
      storage,
      f,
    }) => {
      const taken = await seedAccount(storage, f)
      const org = await seedOrg(storage, f, { founder: taken, slug: 'taken' })
      await seedMember(storage, f, org, taken)
      const account = f.account()
      await storage.transaction(async (tx) => {
        expect(await tx.accounts.insert(f.account({ emailKey: taken.emailKey }))).toMatchObject({
          status: 'conflict',
        })
        expect(await tx.orgs.insert(f.org(taken, { slug: 'taken' }))).toMatchObject({ status: 'conflict' })
        expect(await tx.memberships.insert(f.membership(org, taken), [])).toEqual({ status: 'exists' })
        expect(await tx.accounts.update(taken.id, { usernameKey: taken.usernameKey })).toMatchObject({
          status: 'updated',
        })
        await tx.grants.add([f.grant(org, taken, 'member')])
        expect(await tx.accounts.insert(account)).toEqual({ status: 'inserted' })
        expect(await tx.accounts.update(account.id, { emailKey: taken.emailKey })).toEqual({
          status: 'conflict',
          field: 'email',
        })
        expect(await tx.orgs.update(org.id, { slug: 'taken' })).toMatchObject({ status: 'updated' })
        await tx.memberships.insert(f.membership(org, account), [])
      })
      expect(await storage.accounts.findById(account.id)).toEqual(account)
      expect(await storage.memberships.countInOrg(org.id)).toBe(2)
    })

    test('after a rollback the storage keeps working and later transactions commit', async ({
      storage,
      f,
    }) => {
      const first = f.account()
      await expect(
        storage.transaction(async (tx) => {
          await tx.accounts.insert(first)
          throw new Error('no')
        }),
      ).rejects.toThrow('no')
      expect(await storage.accounts.findById(first.id)).toBeNull()
      expect(await storage.accounts.findByEmail(first.emailKey)).toBeNull()
      // The same rows go in fine now: the failed transaction left no trace and no lock.
      await storage.transaction(async (tx) => {
        expect(await tx.accounts.insert(first)).toEqual({ status: 'inserted' })
      })
      expect(await storage.accounts.insert(f.account())).toEqual({ status: 'inserted' })
      expect(await storage.accounts.findById(first.id)).toEqual(first)
    })

    test('a committed transaction is seen by the next one and by reads outside', async ({ storage, f }) => {
      const account = f.account()
      await storage.transaction((tx) => tx.accounts.insert(account))
      const seen = await storage.transaction((tx) => tx.accounts.findById(account.id))
      expect(seen).toEqual(account)
      await storage.transaction((tx) => tx.accounts.update(account.id, { lastName: 'Next' }))
      expect((await storage.accounts.findById(account.id))?.lastName).toBe('Next')
    })
  })
}
