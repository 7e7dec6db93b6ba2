// Conformance of `connections` (S1, S4, S5): directory connections and the run lease two schedulers
// race for. Links are in `connection-links.ts`, the concurrent cases in `connection-races.ts`.
import { describe, expect } from 'vitest'
import type { Connection } from '../../domain/connection.js'
import { partitionOf } from '../../domain/partition.js'
import { at } from './fixtures.js'
import { type ConformanceTest, seedOrg } from './harness.js'
import { connectionFor, ids, linkFor, seedConnection, seedLinks } from './connection-fixtures.js'

export function connectionsConformance(test: ConformanceTest): void {
  describe('connections', () => {
    test('insert stores the connection as given; findById returns it, null when unknown', async ({
      storage,
      f,
    }) => {
      const host = await seedOrg(storage, f)
      const guest = await seedOrg(storage, f)
      const directory = await seedConnection(storage, f, host, {
        managedFields: ['email', 'firstName', 'lastName', 'phone', 'title'],
        lastRunAt: at(-5),
        leaseUntil: at(3),
      })
      const org = await seedConnection(storage, f, host, {
        kind: 'organization',
        sourceKey: null,
        guestOrgId: guest.id,
        status: 'pending',
        intervalMinutes: null,
        nextRunAt: null,
        createdBy: f.id(),
      })
      expect(await storage.connections.findById(directory.orgId, directory.id)).toEqual(directory)
      expect(await storage.connections.findById(org.orgId, org.id)).toEqual(org)
      expect(await storage.connections.findById(f.id(), f.id())).toBeNull()
    })

    test('by-id calls are scoped to the host org: another org sees no connection of that id; orgOf finds the host', async ({
      storage,
      f,
    }) => {
      const host = await seedOrg(storage, f)
      const other = await seedOrg(storage, f)
      const connection = await seedConnection(storage, f, host, { nextRunAt: at(-1) })
      expect(await storage.connections.orgOf(connection.id)).toBe(host.id)
      expect(await storage.connections.orgOf(f.id())).toBeNull()
      expect(await storage.connections.findById(other.id, connection.id)).toBeNull()
      expect(await storage.connections.update(other.id, connection.id, { status: 'disconnecting' })).toEqual({
        status: 'not-found',
      })
      expect(
        await storage.connections.claimRun(other.id, connection.id, {
          now: at(0),
          leaseUntil: at(5),
          due: false,
        }),
      ).toEqual({ status: 'not-found' })
      expect(await storage.connections.renewLease(other.id, connection.id, 0, at(5))).toBe(false)
      expect(
        await storage.connections.finishRun(other.id, connection.id, 0, { now: at(0), complete: true }),
      ).toBe(false)
      expect(await storage.connections.delete(other.id, connection.id)).toBe(false)
      // None of it touched the host's connection.
      expect(await storage.connections.findById(host.id, connection.id)).toEqual(connection)
    })

    test('S1: insert returns exists for the same source of the same org (directory key or guest org)', async ({
      storage,
      f,
    }) => {
      const host = await seedOrg(storage, f)
      const other = await seedOrg(storage, f)
      const guest = await seedOrg(storage, f)
      const hr = await seedConnection(storage, f, host, { sourceKey: 'hr' })
      const firm = await seedConnection(storage, f, host, {
        kind: 'organization',
        sourceKey: null,
        guestOrgId: guest.id,
        status: 'pending',
      })
      expect(
        await storage.connections.insert(
          connectionFor(f, host, { sourceKey: 'hr', status: 'disconnecting' }),
        ),
      ).toEqual({
        status: 'exists',
        connection: hr,
      })
      expect(
        await storage.connections.insert(
          connectionFor(f, host, { kind: 'organization', sourceKey: null, guestOrgId: guest.id }),
        ),
      ).toEqual({ status: 'exists', connection: firm })
      // Another org may connect the same source; the host may connect another one.
      await seedConnection(storage, f, other, { sourceKey: 'hr' })
      await seedConnection(storage, f, other, { kind: 'organization', sourceKey: null, guestOrgId: guest.id })
      await seedConnection(storage, f, host, { sourceKey: 'idp' })
      expect(await storage.connections.listForOrg(host.id)).toHaveLength(3)
    })

    test('findByIds returns the org’s connections among the ids, each once; others are skipped', async ({
      storage,
      f,
    }) => {
      const host = await seedOrg(storage, f)
      const other = await seedOrg(storage, f)
      const a = await seedConnection(storage, f, host)
      const b = await seedConnection(storage, f, host)
      const foreign = await seedConnection(storage, f, other)
      const found = await storage.connections.findByIds(host.id, [b.id, a.id, a.id, foreign.id, f.id()])
      expect([...found].sort((x, y) => (x.id < y.id ? -1 : 1))).toEqual([a, b])
      expect(await storage.connections.findByIds(host.id, [])).toEqual([])
    })

    test('listForOrg lists the connections the org hosts or is the guest org of, oldest first', async ({
      storage,
      f,
    }) => {
      const host = await seedOrg(storage, f)
      const firm = await seedOrg(storage, f)
      const elsewhere = await seedOrg(storage, f)
      const hosted = await seedConnection(storage, f, host)
      const asGuest = await seedConnection(storage, f, elsewhere, {
        kind: 'organization',
        sourceKey: null,
        guestOrgId: host.id,
      })
      const unrelated = await seedConnection(storage, f, elsewhere)
      const hostedFirm = await seedConnection(storage, f, host, {
        kind: 'organization',
        sourceKey: null,
        guestOrgId: firm.id,
      })
      expect(ids(await storage.connections.listForOrg(host.id))).toEqual([
        hosted.id,
        asGuest.id,
        hostedFirm.id,
      ])
      expect(ids(await storage.connections.listForOrg(firm.id))).toEqual([hostedFirm.id])
      expect(ids(await storage.connections.listForOrg(elsewhere.id))).toEqual([asGuest.id, unrelated.id])
      expect(await storage.connections.listForOrg(f.id())).toEqual([])
    })

    test('update patches the set fields and returns the connection; ifStatus guards the change', async ({
      storage,
      f,
    }) => {
      const host = await seedOrg(storage, f)
      const connection = await seedConnection(storage, f, host, { status: 'pending', nextRunAt: null })
      const approved = await storage.connections.update(
        connection.orgId,
        connection.id,
        { status: 'active', nextRunAt: at(1), approvedBy: 'admin', onMissing: undefined, updatedAt: at(1) },
        { ifStatus: ['pending'] },
      )
      const expected = {
        ...connection,
        status: 'active',
        nextRunAt: at(1),
        approvedBy: 'admin',
        updatedAt: at(1),
      }
      expect(approved).toEqual({ status: 'updated', connection: expected })
      expect(await storage.connections.findById(connection.orgId, connection.id)).toEqual(expected)
      expect(
        await storage.connections.update(
          connection.orgId,
          connection.id,
          { status: 'active', updatedAt: at(2) },
          { ifStatus: ['pending'] },
        ),
      ).toEqual({ status: 'wrong-status', connection: expected })
      expect(await storage.connections.findById(connection.orgId, connection.id)).toEqual(expected)
      const fields = await storage.connections.update(connection.orgId, connection.id, {
        managedFields: ['email', 'firstName', 'lastName', 'phone'],
        intervalMinutes: null,
      })
      expect(fields).toEqual({
        status: 'updated',
        connection: {
          ...expected,
          managedFields: ['email', 'firstName', 'lastName', 'phone'],
          intervalMinutes: null,
        },
      })
      expect(await storage.connections.update(f.id(), f.id(), { status: 'active' })).toEqual({
        status: 'not-found',
      })
    })

    test('delete removes the connection with its links only; false when unknown', async ({ storage, f }) => {
      const { org, connection, links, scope } = await seedLinks(storage, f, 2)
      const other = await seedConnection(storage, f, org)
      const kept = linkFor(other, { id: links[0]!.accountId }, 'p01')
      expect(await storage.connectionLinks.insert(kept)).toEqual({ status: 'inserted' })
      expect(await storage.connections.delete(connection.orgId, connection.id)).toBe(true)
      expect(await storage.connections.findById(connection.orgId, connection.id)).toBeNull()
      expect(await storage.connectionLinks.page(scope, { limit: 10 })).toEqual([])
      expect(
        await storage.connectionLinks.page({ orgId: org.id, connectionId: other.id }, { limit: 10 }),
      ).toEqual([kept])
      expect(await storage.connections.delete(connection.orgId, connection.id)).toBe(false)
    })

    test('O3: deleting the host org deletes its connections and their links', async ({ storage, f }) => {
      const { org, connection, scope } = await seedLinks(storage, f, 2)
      const other = await seedOrg(storage, f)
      const kept = await seedConnection(storage, f, other)
      expect(await storage.orgs.delete(org.id)).toBe(true)
      expect(await storage.connections.findById(connection.orgId, connection.id)).toBeNull()
      expect(await storage.connectionLinks.page(scope, { limit: 10 })).toEqual([])
      expect(await storage.connections.findById(kept.orgId, kept.id)).toEqual(kept)
    })

    test('S5: listDue lists active connections due at now without a live lease, by id, after afterId, at most limit', async ({
      storage,
      f,
    }) => {
      const host = await seedOrg(storage, f)
      const due = await seedConnection(storage, f, host, { nextRunAt: at(-10) })
      const dueNow = await seedConnection(storage, f, host, { nextRunAt: at(0) })
      await seedConnection(storage, f, host, { nextRunAt: at(1) })
      await seedConnection(storage, f, host, { nextRunAt: null, intervalMinutes: null })
      await seedConnection(storage, f, host, { status: 'pending', nextRunAt: at(-1) })
      await seedConnection(storage, f, host, { status: 'disconnecting', nextRunAt: at(-1) })
      await seedConnection(storage, f, host, { nextRunAt: at(-1), leaseUntil: at(1) })
      const lapsed = await seedConnection(storage, f, host, { nextRunAt: at(-1), leaseUntil: at(0) })
      expect(ids(await storage.connections.listDue(at(0), { limit: 10 }))).toEqual([
        due.id,
        dueNow.id,
        lapsed.id,
      ])
      expect(ids(await storage.connections.listDue(at(0), { limit: 2 }))).toEqual([due.id, dueNow.id])
      expect(ids(await storage.connections.listDue(at(0), { limit: 10, afterId: dueNow.id }))).toEqual([
        lapsed.id,
      ])
      expect(await storage.connections.listDue(at(0), { limit: 10 })).toContainEqual(due)
    })

    test('S5, issue 16: listDue with a partition lists exactly the due connections of the orgs partitionOf puts in it', async ({
      storage,
      f,
    }) => {
      const due: Connection[] = []
      for (let i = 0; i < 8; i++)
        due.push(await seedConnection(storage, f, await seedOrg(storage, f), { nextRunAt: at(-1) }))
      const count = 3
      const slices: string[][] = []
      for (let index = 0; index < count; index++)
        slices.push(ids(await storage.connections.listDue(at(0), { limit: 10, partition: { index, count } })))
      for (let index = 0; index < count; index++)
        expect(slices[index]).toEqual(
          ids(
            due.filter((c) => partitionOf(c.orgId, count) === index).sort((a, b) => (a.id < b.id ? -1 : 1)),
          ),
        )
      expect(slices.flat().sort()).toEqual(ids(due).sort())
    })

    test('S5: claimRun starts a run: next run number, lease, last and next run times', async ({
      storage,
      f,
    }) => {
      const host = await seedOrg(storage, f)
      const hourly = await seedConnection(storage, f, host, { run: 4, nextRunAt: at(-1) })
      const claimed = await storage.connections.claimRun(hourly.orgId, hourly.id, {
        now: at(0),
        leaseUntil: at(5),
        due: true,
      })
      const expected = {
        ...hourly,
        run: 5,
        lastRunAt: at(0),
        leaseUntil: at(5),
        nextRunAt: at(60),
        updatedAt: at(0),
      }
      expect(claimed).toEqual({ status: 'claimed', connection: expected })
      expect(await storage.connections.findById(hourly.orgId, hourly.id)).toEqual(expected)

      const manual = await seedConnection(storage, f, host, { intervalMinutes: null, nextRunAt: null })
      const run = await storage.connections.claimRun(manual.orgId, manual.id, {
        now: at(0),
        leaseUntil: at(5),
        due: false,
      })
      expect(run).toEqual({
        status: 'claimed',
        connection: {
          ...manual,
          run: 1,
          lastRunAt: at(0),
          leaseUntil: at(5),
          nextRunAt: null,
          updatedAt: at(0),
        },
      })
    })

    test('S5: claimRun refuses a live lease until it lapses, a run not due, an inactive or unknown connection', async ({
      storage,
      f,
    }) => {
      const host = await seedOrg(storage, f)
      const connection = await seedConnection(storage, f, host, { nextRunAt: at(0) })
      expect(
        (
          await storage.connections.claimRun(connection.orgId, connection.id, {
            now: at(0),
            leaseUntil: at(5),
            due: true,
          })
        ).status,
      ).toBe('claimed')
      const held = await storage.connections.findById(connection.orgId, connection.id)
      expect(
        await storage.connections.claimRun(connection.orgId, connection.id, {
          now: at(4),
          leaseUntil: at(9),
          due: false,
        }),
      ).toEqual({
        status: 'busy',
        leaseUntil: at(5),
      })
      // The run died: at the end of its lease another may claim it (not due yet, unless asked directly).
      expect(
        await storage.connections.claimRun(connection.orgId, connection.id, {
          now: at(5),
          leaseUntil: at(10),
          due: true,
        }),
      ).toEqual({
        status: 'not-due',
        nextRunAt: at(60),
      })
      expect(await storage.connections.findById(connection.orgId, connection.id)).toEqual(held)
      const taken = await storage.connections.claimRun(connection.orgId, connection.id, {
        now: at(5),
        leaseUntil: at(10),
        due: false,
      })
      expect(taken.status === 'claimed' && taken.connection.run).toBe(2)

      const pending = await seedConnection(storage, f, host, { status: 'pending' })
      expect(
        await storage.connections.claimRun(pending.orgId, pending.id, {
          now: at(0),
          leaseUntil: at(5),
          due: false,
        }),
      ).toEqual({
        status: 'inactive',
        connectionStatus: 'pending',
      })
      expect(
        await storage.connections.claimRun(f.id(), f.id(), { now: at(0), leaseUntil: at(5), due: false }),
      ).toEqual({
        status: 'not-found',
      })
    })

    test('S4: renewLease and finishRun act only for the latest run of an active connection', async ({
      storage,
      f,
    }) => {
      const host = await seedOrg(storage, f)
      const connection = await seedConnection(storage, f, host, { lastCompletedAt: at(-60) })
      await storage.connections.claimRun(connection.orgId, connection.id, {
        now: at(0),
        leaseUntil: at(5),
        due: false,
      })
      expect(await storage.connections.renewLease(connection.orgId, connection.id, 1, at(8))).toBe(true)
      expect((await storage.connections.findById(connection.orgId, connection.id))?.leaseUntil).toEqual(at(8))
      expect(await storage.connections.renewLease(connection.orgId, connection.id, 0, at(20))).toBe(false)
      expect(
        await storage.connections.finishRun(connection.orgId, connection.id, 0, {
          now: at(9),
          complete: true,
        }),
      ).toBe(false)
      expect((await storage.connections.findById(connection.orgId, connection.id))?.leaseUntil).toEqual(at(8))

      // An incomplete run keeps the last completion time.
      expect(
        await storage.connections.finishRun(connection.orgId, connection.id, 1, {
          now: at(9),
          complete: false,
        }),
      ).toBe(true)
      const interrupted = await storage.connections.findById(connection.orgId, connection.id)
      expect(interrupted).toMatchObject({ leaseUntil: null, lastCompletedAt: at(-60), updatedAt: at(9) })

      await storage.connections.claimRun(connection.orgId, connection.id, {
        now: at(10),
        leaseUntil: at(15),
        due: false,
      })
      expect(
        await storage.connections.finishRun(connection.orgId, connection.id, 2, {
          now: at(12),
          complete: true,
        }),
      ).toBe(true)
      expect(await storage.connections.findById(connection.orgId, connection.id)).toMatchObject({
        run: 2,
        leaseUntil: null,
        lastCompletedAt: at(12),
      })
      expect(await storage.connections.finishRun(f.id(), f.id(), 1, { now: at(12), complete: true })).toBe(
        false,
      )

      // Disconnecting stops the run at its next batch.
      await storage.connections.claimRun(connection.orgId, connection.id, {
        now: at(20),
        leaseUntil: at(25),
        due: false,
      })
      await storage.connections.update(connection.orgId, connection.id, { status: 'disconnecting' })
      expect(await storage.connections.renewLease(connection.orgId, connection.id, 3, at(30))).toBe(false)
    })
  })
}
