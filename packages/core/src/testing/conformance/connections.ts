// Conformance of `connections` and `connectionLinks` (S1–S5): directory connections, the run lease
// two schedulers race for, and the per-person links a streamed sync reads and marks in batches.
import { describe, expect } from 'vitest'
import type { Connection, ConnectionLink } from '../../domain/connection.js'
import type { Storage, StorageRepositories } from '../../ports/storage.js'
import { at, type Fixtures } from './fixtures.js'
import { type ConformanceTest, deferred, seedAccount, seedMember, seedOrg } from './harness.js'

type Ref = { id: string }

/** A directory connection of `org` (active, hourly, due at `T0`) unless overridden. */
export function connectionFor(f: Fixtures, org: Ref, overrides: Partial<Connection> = {}): Connection {
  const id = f.id()
  return {
    id,
    orgId: org.id,
    kind: 'directory',
    sourceKey: `source-${id.slice(-6)}`,
    guestOrgId: null,
    status: 'active',
    onMissing: 'disable',
    intervalMinutes: 60,
    managedFields: ['email', 'firstName', 'lastName'],
    run: 0,
    lastRunAt: null,
    lastCompletedAt: null,
    nextRunAt: at(0),
    leaseUntil: null,
    createdBy: null,
    approvedBy: null,
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  }
}

/** A link of `connection` to `account`, seen by run 1. */
export function linkFor(
  connection: Pick<Connection, 'id' | 'orgId'>,
  account: Ref,
  externalId: string,
  overrides: Partial<ConnectionLink> = {},
): ConnectionLink {
  return {
    orgId: connection.orgId,
    connectionId: connection.id,
    externalId,
    accountId: account.id,
    lastSeenRun: 1,
    record: {
      email: `${externalId}@example.com`,
      firstName: 'Pat',
      lastName: externalId,
      phone: null,
      language: null,
      title: null,
      active: true,
    },
    managedFields: ['email', 'firstName', 'lastName'],
    ownsAccount: true,
    missingSince: null,
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  }
}

async function seedConnection(
  repos: StorageRepositories,
  f: Fixtures,
  org: Ref,
  overrides: Partial<Connection> = {},
): Promise<Connection> {
  const connection = connectionFor(f, org, overrides)
  expect(await repos.connections.insert(connection)).toEqual({ status: 'inserted' })
  return connection
}

/** A connection with `n` linked accounts (`p01`, `p02`, …), all seen by run 1. */
async function seedLinks(storage: Storage, f: Fixtures, n: number) {
  const org = await seedOrg(storage, f)
  const connection = await seedConnection(storage, f, org)
  const links: ConnectionLink[] = []
  for (let i = 1; i <= n; i++) {
    const account = await seedAccount(storage, f)
    const link = linkFor(connection, account, `p${String(i).padStart(2, '0')}`)
    expect(await storage.connectionLinks.insert(link)).toEqual({ status: 'inserted' })
    links.push(link)
  }
  return { org, connection, links, scope: { orgId: org.id, connectionId: connection.id } }
}

const externalIds = (links: readonly ConnectionLink[]) => links.map((link) => link.externalId)
const ids = (connections: readonly Connection[]) => connections.map((c) => c.id)

function parallel<T>(n: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => fn(i)))
}

type Run = <T>(storage: Storage, fn: (repos: StorageRepositories) => Promise<T>) => Promise<T>
const MODES: Array<[string, Run]> = [
  ['in transactions', (storage, fn) => storage.transaction((tx) => fn(tx))],
  ['without a transaction', (storage, fn) => fn(storage)],
]

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
      expect(await storage.connections.findById(directory.id)).toEqual(directory)
      expect(await storage.connections.findById(org.id)).toEqual(org)
      expect(await storage.connections.findById(f.id())).toBeNull()
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
      expect(await storage.connections.findById(connection.id)).toEqual(expected)
      expect(
        await storage.connections.update(
          connection.id,
          { status: 'active', updatedAt: at(2) },
          { ifStatus: ['pending'] },
        ),
      ).toEqual({ status: 'wrong-status', connection: expected })
      expect(await storage.connections.findById(connection.id)).toEqual(expected)
      const fields = await storage.connections.update(connection.id, {
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
      expect(await storage.connections.update(f.id(), { status: 'active' })).toEqual({ status: 'not-found' })
    })

    test('delete removes the connection with its links only; false when unknown', async ({ storage, f }) => {
      const { org, connection, links, scope } = await seedLinks(storage, f, 2)
      const other = await seedConnection(storage, f, org)
      const kept = linkFor(other, { id: links[0]!.accountId }, 'p01')
      expect(await storage.connectionLinks.insert(kept)).toEqual({ status: 'inserted' })
      expect(await storage.connections.delete(connection.id)).toBe(true)
      expect(await storage.connections.findById(connection.id)).toBeNull()
      expect(await storage.connectionLinks.page(scope, { limit: 10 })).toEqual([])
      expect(
        await storage.connectionLinks.page({ orgId: org.id, connectionId: other.id }, { limit: 10 }),
      ).toEqual([kept])
      expect(await storage.connections.delete(connection.id)).toBe(false)
    })

    test('O3: deleting the host org deletes its connections and their links', async ({ storage, f }) => {
      const { org, connection, scope } = await seedLinks(storage, f, 2)
      const other = await seedOrg(storage, f)
      const kept = await seedConnection(storage, f, other)
      expect(await storage.orgs.delete(org.id)).toBe(true)
      expect(await storage.connections.findById(connection.id)).toBeNull()
      expect(await storage.connectionLinks.page(scope, { limit: 10 })).toEqual([])
      expect(await storage.connections.findById(kept.id)).toEqual(kept)
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

    test('S5: claimRun starts a run: next run number, lease, last and next run times', async ({
      storage,
      f,
    }) => {
      const host = await seedOrg(storage, f)
      const hourly = await seedConnection(storage, f, host, { run: 4, nextRunAt: at(-1) })
      const claimed = await storage.connections.claimRun(hourly.id, {
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
      expect(await storage.connections.findById(hourly.id)).toEqual(expected)

      const manual = await seedConnection(storage, f, host, { intervalMinutes: null, nextRunAt: null })
      const run = await storage.connections.claimRun(manual.id, { now: at(0), leaseUntil: at(5), due: false })
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
        (await storage.connections.claimRun(connection.id, { now: at(0), leaseUntil: at(5), due: true }))
          .status,
      ).toBe('claimed')
      const held = await storage.connections.findById(connection.id)
      expect(
        await storage.connections.claimRun(connection.id, { now: at(4), leaseUntil: at(9), due: false }),
      ).toEqual({
        status: 'busy',
        leaseUntil: at(5),
      })
      // The run died: at the end of its lease another may claim it (not due yet, unless asked directly).
      expect(
        await storage.connections.claimRun(connection.id, { now: at(5), leaseUntil: at(10), due: true }),
      ).toEqual({
        status: 'not-due',
        nextRunAt: at(60),
      })
      expect(await storage.connections.findById(connection.id)).toEqual(held)
      const taken = await storage.connections.claimRun(connection.id, {
        now: at(5),
        leaseUntil: at(10),
        due: false,
      })
      expect(taken.status === 'claimed' && taken.connection.run).toBe(2)

      const pending = await seedConnection(storage, f, host, { status: 'pending' })
      expect(
        await storage.connections.claimRun(pending.id, { now: at(0), leaseUntil: at(5), due: false }),
      ).toEqual({
        status: 'inactive',
        connectionStatus: 'pending',
      })
      expect(
        await storage.connections.claimRun(f.id(), { now: at(0), leaseUntil: at(5), due: false }),
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
      await storage.connections.claimRun(connection.id, { now: at(0), leaseUntil: at(5), due: false })
      expect(await storage.connections.renewLease(connection.id, 1, at(8))).toBe(true)
      expect((await storage.connections.findById(connection.id))?.leaseUntil).toEqual(at(8))
      expect(await storage.connections.renewLease(connection.id, 0, at(20))).toBe(false)
      expect(await storage.connections.finishRun(connection.id, 0, { now: at(9), complete: true })).toBe(
        false,
      )
      expect((await storage.connections.findById(connection.id))?.leaseUntil).toEqual(at(8))

      // An incomplete run keeps the last completion time.
      expect(await storage.connections.finishRun(connection.id, 1, { now: at(9), complete: false })).toBe(
        true,
      )
      const interrupted = await storage.connections.findById(connection.id)
      expect(interrupted).toMatchObject({ leaseUntil: null, lastCompletedAt: at(-60), updatedAt: at(9) })

      await storage.connections.claimRun(connection.id, { now: at(10), leaseUntil: at(15), due: false })
      expect(await storage.connections.finishRun(connection.id, 2, { now: at(12), complete: true })).toBe(
        true,
      )
      expect(await storage.connections.findById(connection.id)).toMatchObject({
        run: 2,
        leaseUntil: null,
        lastCompletedAt: at(12),
      })
      expect(await storage.connections.finishRun(f.id(), 1, { now: at(12), complete: true })).toBe(false)

      // Disconnecting stops the run at its next batch.
      await storage.connections.claimRun(connection.id, { now: at(20), leaseUntil: at(25), due: false })
      await storage.connections.update(connection.id, { status: 'disconnecting' })
      expect(await storage.connections.renewLease(connection.id, 3, at(30))).toBe(false)
    })

    for (const [mode, run] of MODES) {
      test(`S5: of 10 parallel claims on one due connection exactly one wins (${mode})`, async ({
        storage,
        f,
      }) => {
        const host = await seedOrg(storage, f)
        const connection = await seedConnection(storage, f, host, { nextRunAt: at(-1) })
        const outcomes = await parallel(10, () =>
          run(storage, (repos) =>
            repos.connections.claimRun(connection.id, { now: at(0), leaseUntil: at(5), due: true }),
          ),
        )
        expect(outcomes.filter((o) => o.status === 'claimed')).toHaveLength(1)
        expect(outcomes.filter((o) => o.status === 'busy')).toHaveLength(9)
        expect((await storage.connections.findById(connection.id))?.run).toBe(1)
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
          const claim = await storage.connections.claimRun(c.id, { now: at(0), leaseUntil: at(5), due: true })
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
      await storage.connections.claimRun(connection.id, { now: at(0), leaseUntil: at(5), due: false })
      const renewed = deferred()
      const release = deferred()
      const order: string[] = []
      const batch = storage.transaction(async (tx) => {
        expect(await tx.connections.renewLease(connection.id, 1, at(6))).toBe(true)
        renewed.resolve()
        await release.promise
        order.push('batch')
      })
      await renewed.promise
      const disconnect = storage.connections
        .update(connection.id, { status: 'disconnecting' }, { ifStatus: ['active'] })
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
          await tx.connections.claimRun(connection.id, { now: at(0), leaseUntil: at(5), due: true })
          await tx.connectionLinks.insert(linkFor(connection, account, 'p01'))
          throw boom
        }),
      ).rejects.toBe(boom)
      expect(await storage.connections.findById(connection.id)).toEqual(connection)
      expect(
        await storage.connectionLinks.page({ orgId: org.id, connectionId: connection.id }, { limit: 10 }),
      ).toEqual([])
    })

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
