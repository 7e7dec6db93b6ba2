// Conformance of `connections` and `connectionLinks` under concurrent calls (S1, S2, S4, S5): one
// claim of a run wins, one approval wins, a held lease serialises an update, one link per externalId.
import { describe, expect } from 'vitest'
import { at } from './fixtures.js'
import { type ConformanceTest, deferred, MODES, parallel, seedAccount, seedOrg } from './harness.js'
import { ids, linkFor, seedConnection } from './connection-fixtures.js'

export function connectionRacesConformance(test: ConformanceTest): void {
  describe('connections', () => {
    for (const [mode, run] of MODES) {
      test(`S5: of 10 parallel claims on one due connection exactly one wins (${mode})`, async ({
        storage,
        f,
      }) => {
        const host = await seedOrg(storage, f)
        const connection = await seedConnection(storage, f, host, { nextRunAt: at(-1) })
        const outcomes = await parallel(10, () =>
          run(storage, (repos) =>
            repos.connections.claimRun(connection.orgId, connection.id, {
              now: at(0),
              leaseUntil: at(5),
              due: true,
            }),
          ),
        )
        expect(outcomes.filter((o) => o.status === 'claimed')).toHaveLength(1)
        expect(outcomes.filter((o) => o.status === 'busy')).toHaveLength(9)
        expect((await storage.connections.findById(connection.orgId, connection.id))?.run).toBe(1)
      })
    }

    test('S5: two schedulers claiming every due connection at once run each exactly once', async ({
      storage,
      f,
    }) => {
      const host = await seedOrg(storage, f)
      const connections = await Promise.all(
        Array.from({ length: 5 }, () => seedConnection(storage, f, host, { nextRunAt: at(-1) })),
      )
      const scheduler = async () => {
        const won: string[] = []
        for (const c of await storage.connections.listDue(at(0), { limit: 10 })) {
          const claim = await storage.connections.claimRun(c.orgId, c.id, {
            now: at(0),
            leaseUntil: at(5),
            due: true,
          })
          if (claim.status === 'claimed') won.push(c.id)
        }
        return won
      }
      const [a, b] = await Promise.all([scheduler(), scheduler()])
      expect([...a!, ...b!].sort()).toEqual(ids(connections).sort())
    })

    test('S1: of 10 parallel approvals (update ifStatus pending) exactly one updates', async ({
      storage,
      f,
    }) => {
      const host = await seedOrg(storage, f)
      const guest = await seedOrg(storage, f)
      const connection = await seedConnection(storage, f, host, {
        kind: 'organization',
        sourceKey: null,
        guestOrgId: guest.id,
        status: 'pending',
      })
      const outcomes = await parallel(10, (i) =>
        storage.transaction((tx) =>
          tx.connections.update(
            connection.orgId,
            connection.id,
            { status: 'active', approvedBy: `admin-${i}` },
            { ifStatus: ['pending'] },
          ),
        ),
      )
      expect(outcomes.filter((o) => o.status === 'updated')).toHaveLength(1)
      expect(outcomes.filter((o) => o.status === 'wrong-status')).toHaveLength(9)
    })

    test('S4: a batch holding renewLease keeps a concurrent update waiting until it commits', async ({
      storage,
      f,
    }) => {
      const host = await seedOrg(storage, f)
      const connection = await seedConnection(storage, f, host)
      await storage.connections.claimRun(connection.orgId, connection.id, {
        now: at(0),
        leaseUntil: at(5),
        due: false,
      })
      const renewed = deferred()
      const release = deferred()
      const order: string[] = []
      const batch = storage.transaction(async (tx) => {
        expect(await tx.connections.renewLease(connection.orgId, connection.id, 1, at(6))).toBe(true)
        renewed.resolve()
        await release.promise
        order.push('batch')
      })
      await renewed.promise
      const disconnect = storage.connections
        .update(connection.orgId, connection.id, { status: 'disconnecting' }, { ifStatus: ['active'] })
        .then((outcome) => {
          order.push('disconnect')
          return outcome
        })
      await new Promise((resolve) => setTimeout(resolve, 50))
      release.resolve()
      await batch
      expect((await disconnect).status).toBe('updated')
      expect(order).toEqual(['batch', 'disconnect'])
    })
  })

  describe('connection links', () => {
    for (const [mode, run] of MODES) {
      test(`S2: of 20 parallel inserts of one externalId exactly one is inserted (${mode})`, async ({
        storage,
        f,
      }) => {
        const org = await seedOrg(storage, f)
        const connection = await seedConnection(storage, f, org)
        const accounts = await Promise.all(Array.from({ length: 20 }, () => seedAccount(storage, f)))
        const outcomes = await parallel(20, (i) =>
          run(storage, (repos) => repos.connectionLinks.insert(linkFor(connection, accounts[i]!, 'same'))),
        )
        expect(outcomes.filter((o) => o.status === 'inserted')).toHaveLength(1)
        expect(outcomes.filter((o) => o.status === 'conflict' && o.field === 'externalId')).toHaveLength(19)
      })
    }
  })
}
