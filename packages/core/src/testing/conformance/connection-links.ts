// Conformance of `connectionLinks` (S2, S4): the per-person links a streamed sync reads and marks in
// batches.
import { describe, expect } from 'vitest'
import { at } from './fixtures.js'
import { type ConformanceTest, seedAccount, seedMember, seedOrg } from './harness.js'
import { externalIds, linkFor, seedConnection, seedLinks } from './connection-fixtures.js'

export function connectionLinksConformance(test: ConformanceTest): void {
  describe('connection links', () => {
    test('insert stores the link; find returns the connection’s links among the ids, each once', async ({
      storage,
      f,
    }) => {
      const { org, links, scope } = await seedLinks(storage, f, 3)
      const other = await seedConnection(storage, f, org)
      await storage.connectionLinks.insert(linkFor(other, { id: links[0]!.accountId }, 'p02'))
      const found = await storage.connectionLinks.find(scope, ['p03', 'p01', 'p01', 'nobody'])
      expect([...found].sort((a, b) => (a.externalId < b.externalId ? -1 : 1))).toEqual([links[0], links[2]])
      expect(await storage.connectionLinks.find(scope, [])).toEqual([])
      // Scoped by the host org too: another org's scope finds nothing.
      expect(await storage.connectionLinks.find({ ...scope, orgId: f.id() }, ['p01'])).toEqual([])
    })

    test('S2: insert returns conflict on the same externalId or account of the connection; other connections may', async ({
      storage,
      f,
    }) => {
      const { org, connection, links, scope } = await seedLinks(storage, f, 1)
      const stranger = await seedAccount(storage, f)
      expect(await storage.connectionLinks.insert(linkFor(connection, stranger, 'p01'))).toEqual({
        status: 'conflict',
        field: 'externalId',
      })
      expect(
        await storage.connectionLinks.insert(linkFor(connection, { id: links[0]!.accountId }, 'p99')),
      ).toEqual({
        status: 'conflict',
        field: 'accountId',
      })
      expect(externalIds(await storage.connectionLinks.page(scope, { limit: 10 }))).toEqual(['p01'])
      const other = await seedConnection(storage, f, org)
      expect(
        await storage.connectionLinks.insert(linkFor(other, { id: links[0]!.accountId }, 'p01')),
      ).toEqual({
        status: 'inserted',
      })
    })

    test('update patches the set fields and returns the link; null when unknown', async ({ storage, f }) => {
      const { links, scope } = await seedLinks(storage, f, 2)
      const record = { ...links[0]!.record, title: 'Site lead', phone: '+14155550123' }
      const updated = await storage.connectionLinks.update(scope, 'p01', {
        record,
        managedFields: ['email', 'firstName', 'lastName', 'phone', 'title'],
        lastSeenRun: 2,
        missingSince: undefined,
        updatedAt: at(1),
      })
      const expected = {
        ...links[0]!,
        record,
        managedFields: ['email', 'firstName', 'lastName', 'phone', 'title'],
        lastSeenRun: 2,
        updatedAt: at(1),
      }
      expect(updated).toEqual(expected)
      expect(await storage.connectionLinks.find(scope, ['p01', 'p02'])).toContainEqual(links[1])
      expect(await storage.connectionLinks.update(scope, 'p01', { missingSince: at(2) })).toEqual({
        ...expected,
        missingSince: at(2),
      })
      expect(await storage.connectionLinks.update(scope, 'nobody', { lastSeenRun: 3 })).toBeNull()
    })

    test('S4: markSeen stamps the run on the given links only and counts them', async ({ storage, f }) => {
      const { scope } = await seedLinks(storage, f, 4)
      expect(await storage.connectionLinks.markSeen(scope, ['p01', 'p03', 'p03', 'nobody'], 2)).toBe(2)
      const runs = Object.fromEntries(
        (await storage.connectionLinks.page(scope, { limit: 10 })).map((link) => [
          link.externalId,
          link.lastSeenRun,
        ]),
      )
      expect(runs).toEqual({ p01: 2, p02: 1, p03: 2, p04: 1 })
      expect(await storage.connectionLinks.markSeen(scope, [], 3)).toBe(0)
    })

    test('S2: pageUnseen pages the links the run did not see and that are not already missing', async ({
      storage,
      f,
    }) => {
      const { scope } = await seedLinks(storage, f, 6)
      await storage.connectionLinks.markSeen(scope, ['p02', 'p05'], 2)
      await storage.connectionLinks.update(scope, 'p04', { missingSince: at(-1) })
      expect(externalIds(await storage.connectionLinks.pageUnseen(scope, 2, { limit: 10 }))).toEqual([
        'p01',
        'p03',
        'p06',
      ])
      expect(externalIds(await storage.connectionLinks.pageUnseen(scope, 2, { limit: 2 }))).toEqual([
        'p01',
        'p03',
      ])
      expect(
        externalIds(await storage.connectionLinks.pageUnseen(scope, 2, { limit: 2, afterExternalId: 'p03' })),
      ).toEqual(['p06'])
      expect(await storage.connectionLinks.pageUnseen(scope, 1, { limit: 10 })).toEqual([])
    })

    test('page orders by externalId in code-unit order, after afterExternalId, at most limit', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const connection = await seedConnection(storage, f, org)
      const scope = { orgId: org.id, connectionId: connection.id }
      for (const externalId of ['b', 'B', 'a-10', 'a-9', 'é']) {
        const account = await seedAccount(storage, f)
        await storage.connectionLinks.insert(linkFor(connection, account, externalId))
      }
      expect(externalIds(await storage.connectionLinks.page(scope, { limit: 10 }))).toEqual([
        'B',
        'a-10',
        'a-9',
        'b',
        'é',
      ])
      expect(
        externalIds(await storage.connectionLinks.page(scope, { limit: 2, afterExternalId: 'a-10' })),
      ).toEqual(['a-9', 'b'])
    })

    test('delete removes one link and frees its keys; false when unknown', async ({ storage, f }) => {
      const { connection, links, scope } = await seedLinks(storage, f, 2)
      expect(await storage.connectionLinks.delete(scope, 'p01')).toBe(true)
      expect(await storage.connectionLinks.delete(scope, 'p01')).toBe(false)
      expect(externalIds(await storage.connectionLinks.page(scope, { limit: 10 }))).toEqual(['p02'])
      expect(
        await storage.connectionLinks.insert(linkFor(connection, { id: links[0]!.accountId }, 'p77')),
      ).toEqual({
        status: 'inserted',
      })
    })

    test('S2: deleting a membership deletes its links (only those), so the account can be linked again', async ({
      storage,
      f,
    }) => {
      const { org, connection, links, scope } = await seedLinks(storage, f, 2)
      const other = await seedOrg(storage, f)
      const elsewhere = await seedConnection(storage, f, other)
      const byId = async (id: string) => {
        const found = await storage.accounts.findById(id)
        if (!found) throw new Error(`account ${id} was seeded`)
        return found
      }
      const account = await byId(links[0]!.accountId)
      const second = await byId(links[1]!.accountId)
      await seedMember(storage, f, org, account)
      await seedMember(storage, f, other, account)
      await seedMember(storage, f, org, second)
      const kept = linkFor(elsewhere, account, 'p01')
      expect(await storage.connectionLinks.insert(kept)).toEqual({ status: 'inserted' })

      expect(await storage.transaction((tx) => tx.memberships.delete(org.id, account.id))).toBe(true)
      expect(externalIds(await storage.connectionLinks.page(scope, { limit: 10 }))).toEqual(['p02'])
      expect(
        await storage.connectionLinks.page({ orgId: other.id, connectionId: elsewhere.id }, { limit: 10 }),
      ).toEqual([kept])
      expect(await storage.connectionLinks.insert(linkFor(connection, account, 'p01'))).toEqual({
        status: 'inserted',
      })
    })

    test('a rolled-back transaction leaves no link and no claim behind', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const connection = await seedConnection(storage, f, org)
      const account = await seedAccount(storage, f)
      await seedMember(storage, f, org, account)
      const boom = new Error('boom')
      await expect(
        storage.transaction(async (tx) => {
          await tx.connections.claimRun(connection.orgId, connection.id, {
            now: at(0),
            leaseUntil: at(5),
            due: true,
          })
          await tx.connectionLinks.insert(linkFor(connection, account, 'p01'))
          throw boom
        }),
      ).rejects.toBe(boom)
      expect(await storage.connections.findById(connection.orgId, connection.id)).toEqual(connection)
      expect(
        await storage.connectionLinks.page({ orgId: org.id, connectionId: connection.id }, { limit: 10 }),
      ).toEqual([])
    })
  })
}
