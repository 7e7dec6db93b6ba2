// Conformance of the batched reads and inserts a directory sync makes per batch (S4):
// `accounts.findByEmails` / `insertMany`, `blocklist.blockedAmong`, `memberships.insertMany` and
// `connectionLinks.insertMany` — per-row typed outcomes, in the order given, as if one call after another.
import { describe, expect } from 'vitest'
import { connectionFor, linkFor } from './connection-fixtures.js'
import {
  type ConformanceTest,
  MODES,
  seedAccount,
  seedMember,
  seedOrg,
  sortGrants,
  sorted,
} from './harness.js'

export function bulkInsertsConformance(test: ConformanceTest): void {
  describe('bulk inserts', () => {
    test('accounts.findByEmails returns the accounts found, each once, skipping unknown keys', async ({
      storage,
      f,
    }) => {
      const a = await seedAccount(storage, f)
      const b = await seedAccount(storage, f)
      await seedAccount(storage, f)
      expect(await storage.accounts.findByEmails([])).toEqual([])
      const found = await storage.accounts.findByEmails([
        b.emailKey,
        'nobody@example.com',
        a.emailKey,
        b.emailKey,
      ])
      expect(found.sort((x, y) => (x.id < y.id ? -1 : 1))).toEqual([a, b])
    })

    test('accounts.insertMany: one outcome per account in order, conflicts never stop the others', async ({
      storage,
      f,
    }) => {
      const stored = await seedAccount(storage, f, { identityProvider: 'google', externalSubject: 'g-1' })
      const fresh = f.account({ phone: '+33612345678', status: 'pending_activation', language: 'fr' })
      const sameEmail = f.account({ emailKey: stored.emailKey })
      const sameUsername = f.account({ usernameKey: stored.usernameKey })
      const sameIdentity = f.account({ identityProvider: 'google', externalSubject: 'g-1' })
      const second = f.account()
      const twinOfFresh = f.account({ emailKey: fresh.emailKey })
      const twinOfSecond = f.account({ usernameKey: second.usernameKey })
      expect(await storage.accounts.insertMany([])).toEqual([])
      expect(
        await storage.accounts.insertMany([
          fresh,
          sameEmail,
          sameUsername,
          sameIdentity,
          second,
          twinOfFresh,
          twinOfSecond,
        ]),
      ).toEqual([
        { status: 'inserted' },
        { status: 'conflict', field: 'email' },
        { status: 'conflict', field: 'username' },
        { status: 'conflict', field: 'identity' },
        { status: 'inserted' },
        { status: 'conflict', field: 'email' },
        { status: 'conflict', field: 'username' },
      ])
      expect(await storage.accounts.findById(fresh.id)).toEqual(fresh)
      expect(await storage.accounts.findById(second.id)).toEqual(second)
      for (const loser of [sameEmail, sameUsername, sameIdentity, twinOfFresh, twinOfSecond])
        expect(await storage.accounts.findById(loser.id)).toBeNull()
    })

    test('accounts.insertMany: an account whose twin earlier in the call did not go in is inserted', async ({
      storage,
      f,
    }) => {
      const stored = await seedAccount(storage, f)
      // The first is refused for its username; its email stays free for the second.
      const refused = f.account({ usernameKey: stored.usernameKey })
      const twin = f.account({ emailKey: refused.emailKey })
      expect(await storage.accounts.insertMany([refused, twin])).toEqual([
        { status: 'conflict', field: 'username' },
        { status: 'inserted' },
      ])
      expect(await storage.accounts.findByEmail(refused.emailKey)).toEqual(twin)
    })

    test('blocklist.blockedAmong returns the blocked keys among those asked, each once', async ({
      storage,
      f,
    }) => {
      await storage.blocklist.add(f.blocklistEntry('a@example.com'))
      await storage.blocklist.add(f.blocklistEntry('b@example.com', { kind: 'complaint' }))
      await storage.blocklist.add(f.blocklistEntry('c@example.com'))
      expect(await storage.blocklist.blockedAmong([])).toEqual([])
      expect(
        sorted(
          await storage.blocklist.blockedAmong([
            'b@example.com',
            'x@example.com',
            'a@example.com',
            'a@example.com',
          ]),
        ),
      ).toEqual(['a@example.com', 'b@example.com'])
    })

    test('memberships.insertMany: memberships with their grants; exists for a stored or repeated pair', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const member = await seedAccount(storage, f)
      await seedMember(storage, f, org, member)
      const a = await seedAccount(storage, f)
      const b = await seedAccount(storage, f)
      const ma = f.membership(org, a, { type: 'guest', status: 'invited', source: 'c-1', title: 'Tech' })
      const mb = f.membership(org, b)
      const again = f.membership(org, a, { type: 'employee' })
      const existing = f.membership(org, member, { type: 'guest' })
      expect(await storage.memberships.insertMany([])).toEqual([])
      expect(
        await storage.memberships.insertMany([
          { membership: ma, grants: [f.grant(org, a)] },
          { membership: existing, grants: [f.grant(org, member, 'admin')] },
          { membership: mb, grants: [f.grant(org, b), f.grant(org, b, 'admin')] },
          { membership: again, grants: [f.grant(org, a, 'admin')] },
        ]),
      ).toEqual([{ status: 'inserted' }, { status: 'exists' }, { status: 'inserted' }, { status: 'exists' }])
      expect(await storage.memberships.find(org.id, a.id)).toEqual(ma)
      expect(await storage.memberships.find(org.id, b.id)).toEqual(mb)
      expect(sortGrants(await storage.grants.listFor(org.id, a.id))).toEqual([f.grant(org, a)])
      expect(sortGrants(await storage.grants.listFor(org.id, b.id))).toEqual(
        sortGrants([f.grant(org, b), f.grant(org, b, 'admin')]),
      )
      expect((await storage.grants.listFor(org.id, member.id)).map((g) => g.roleId)).not.toContain('admin')
      expect((await storage.memberships.find(org.id, member.id))?.type).not.toBe('guest')
    })

    test('connectionLinks.insertMany: conflict on a taken externalId or accountId, stored or earlier in the call', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const connection = connectionFor(f, org)
      expect(await storage.connections.insert(connection)).toEqual({ status: 'inserted' })
      const [a, b, c, d] = [
        await seedAccount(storage, f),
        await seedAccount(storage, f),
        await seedAccount(storage, f),
        await seedAccount(storage, f),
      ]
      const stored = linkFor(connection, a, 'p01')
      expect(await storage.connectionLinks.insert(stored)).toEqual({ status: 'inserted' })
      const fresh = linkFor(connection, b, 'p02', { record: { ...stored.record, title: 'It\'s "quoted"' } })
      const batch = [
        linkFor(connection, c, 'p01'),
        fresh,
        linkFor(connection, a, 'p03'),
        linkFor(connection, d, 'p02'),
        linkFor(connection, b, 'p04'),
        linkFor(connection, d, 'p05', { managedFields: ['email', 'firstName', 'lastName', 'title'] }),
      ]
      expect(await storage.connectionLinks.insertMany([])).toEqual([])
      expect(await storage.connectionLinks.insertMany(batch)).toEqual([
        { status: 'conflict', field: 'externalId' },
        { status: 'inserted' },
        { status: 'conflict', field: 'accountId' },
        { status: 'conflict', field: 'externalId' },
        { status: 'conflict', field: 'accountId' },
        { status: 'inserted' },
      ])
      const scope = { orgId: org.id, connectionId: connection.id }
      const found = await storage.connectionLinks.find(scope, ['p01', 'p02', 'p03', 'p04', 'p05'])
      expect(found.sort((x, y) => (x.externalId < y.externalId ? -1 : 1))).toEqual([stored, fresh, batch[5]])
    })

    for (const [mode, run] of MODES) {
      test(`A2: two parallel accounts.insertMany with overlapping emails insert each email once (${mode})`, async ({
        storage,
        f,
      }) => {
        const shared = Array.from({ length: 20 }, (_, i) => `shared${i}@example.com`)
        const build = (side: string) => [
          ...shared.map((emailKey) => f.account({ emailKey, usernameKey: `${side}-${emailKey}` })),
          ...Array.from({ length: 10 }, (_, i) => f.account({ emailKey: `${side}${i}@example.com` })),
        ]
        const left = build('left')
        // The other side lists the shared emails in the opposite order.
        const right = build('right')
        right.splice(0, shared.length, ...right.slice(0, shared.length).reverse())
        const [l, r] = await Promise.all([
          run(storage, (repos) => repos.accounts.insertMany(left)),
          run(storage, (repos) => repos.accounts.insertMany(right)),
        ])
        const outcomeOf = (accounts: typeof left, outcomes: typeof l) =>
          new Map(accounts.map((account, i) => [account.emailKey, outcomes[i]!]))
        const byLeft = outcomeOf(left, l)
        const byRight = outcomeOf(right, r)
        for (const emailKey of shared) {
          const pair = [byLeft.get(emailKey), byRight.get(emailKey)]
          expect(pair.filter((o) => o?.status === 'inserted')).toHaveLength(1)
          expect(pair).toContainEqual({ status: 'conflict', field: 'email' })
          const winner = byLeft.get(emailKey)?.status === 'inserted' ? left : right
          const stored = await storage.accounts.findByEmail(emailKey)
          expect(stored).toEqual(winner.find((account) => account.emailKey === emailKey))
        }
        expect([...l.slice(shared.length), ...r.slice(shared.length)]).toEqual(
          Array.from({ length: 20 }, () => ({ status: 'inserted' })),
        )
      })
    }
  })
}
