// The world the sync fault suites share: scenarios (what a run starts from and what the source lists),
// a memory storage whose calls can fail, and the checks that a stopped run's report matches what is stored.
import { memoryStorage } from '@roster/adapter-memory'
import fc from 'fast-check'
import { expect } from 'vitest'
import type { SyncReport } from '../../domain/connection.js'
import type { DirectoryPerson, DirectorySource } from '../../ports/directory-source.js'
import {
  type ListSource,
  listSource,
  person,
  setupDirectory,
} from '../../use-cases/connections/test-fixtures.js'
import { type Fault, faultyStorage, type StorageCall } from './test-faults.js'

export const FULL = process.env.ROSTER_FAULT_FULL === '1'
export const RUNS = FULL ? 300 : 25
/** Per property test: a bounded run stays well under it on a loaded 2-core machine. */
export const TIMEOUT = FULL ? 600_000 : 60_000

/** What a run starts from and what the source then lists. */
export interface Scenario {
  /** People 1..known synced by a clean first run (0: the faulty run is the first). */
  known: number
  /** The faulty run's source: people from..to, some renamed, maybe an invalid row. */
  from: number
  to: number
  /** People whose index is a multiple of this get a new last name (0: nobody). */
  renameEvery: number
  invalidRow: boolean
  batchSize: number
  onMissing: 'disable' | 'remove'
}

export function listedPeople(s: Scenario): unknown[] {
  const listed: unknown[] = []
  for (let i = s.from; i <= s.to; i++) {
    listed.push(
      s.renameEvery > 0 && i % s.renameEvery === 0 ? person(i, { lastName: `Renamed${i}` }) : person(i),
    )
  }
  if (s.invalidRow) listed.splice(Math.floor(listed.length / 2), 0, { externalId: 'bad-row', email: 'nope' })
  return listed
}

/** A small scenario: six new people in batches of three, unless `overrides` say otherwise. */
export function scenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    known: 0,
    from: 1,
    to: 6,
    renameEvery: 0,
    invalidRow: false,
    batchSize: 3,
    onMissing: 'disable',
    ...overrides,
  }
}

export const scenarios: fc.Arbitrary<Scenario> = fc.record({
  known: fc.integer({ min: 0, max: 8 }),
  from: fc.integer({ min: 1, max: 4 }),
  to: fc.integer({ min: 0, max: 13 }),
  renameEvery: fc.integer({ min: 0, max: 3 }),
  invalidRow: fc.boolean(),
  batchSize: fc.integer({ min: 1, max: 5 }),
  onMissing: fc.constantFrom('disable' as const, 'remove' as const),
})

/**
 * A source over `people` whose iterator's `return()` throws synchronously: a run that stops early
 * calls it, and must not let that throw change its report.
 */
export function sourceWithThrowingReturn(people: () => unknown[]): DirectorySource {
  return {
    list() {
      const rows = people()
      let i = 0
      return {
        [Symbol.asyncIterator]() {
          return {
            next: async () =>
              i < rows.length
                ? { done: false as const, value: rows[i++] as DirectoryPerson }
                : { done: true as const, value: undefined },
            return: () => {
              throw new Error('the source could not clean up')
            },
          }
        },
      }
    },
  }
}

/** A roster whose storage can fail on cue, with the scenario's first run done. */
export async function world(s: Scenario) {
  const faults = faultyStorage(memoryStorage())
  const source = listSource(Array.from({ length: s.known }, (_, k) => person(k + 1)))
  const t = await setupDirectory<ListSource>(source, {
    storage: faults.storage,
    connect: { onMissing: s.onMissing },
  })
  if (s.known > 0) expect(await t.sync()).toMatchObject({ complete: true, added: s.known })
  source.people = listedPeople(s)
  const throwingReturn = sourceWithThrowingReturn(() => source.people)
  source.list = () => throwingReturn.list()
  const run = () =>
    t.roster.connections.sync(t.admin, { connectionId: t.connection.id }, { batchSize: s.batchSize })
  return { ...t, faults, run }
}

export type World = Awaited<ReturnType<typeof world>>

export const COUNTED = ['added', 'updated', 'disabled', 'removed'] as const
export const AUDITED: Record<(typeof COUNTED)[number], string> = {
  added: 'member.added',
  updated: 'member.updated',
  disabled: 'member.disabled',
  removed: 'member.removed',
}

export async function auditCounts(t: World): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const event of await t.audit()) counts[event.action] = (counts[event.action] ?? 0) + 1
  return counts
}

/** Everything a run changes, without ids: per linked person, their record, account and membership. */
export async function storedState(t: World) {
  const links = await t.storage.connectionLinks.page(
    { orgId: t.org.id, connectionId: t.connection.id },
    { limit: 1000 },
  )
  const people = []
  for (const link of links) {
    const account = await t.storage.accounts.findById(link.accountId)
    const membership = await t.storage.memberships.find(t.org.id, link.accountId)
    people.push({
      externalId: link.externalId,
      record: link.record,
      missing: link.missingSince !== null,
      account: account && { email: account.email, lastName: account.lastName, status: account.status },
      membership: membership && {
        status: membership.status,
        source: membership.source === t.connection.id ? 'this connection' : membership.source,
      },
    })
  }
  const guests = await t.storage.memberships.page({ orgId: t.org.id, type: 'guest', limit: 1000 })
  const mails = await t.storage.outbox.list({ limit: 1000 })
  return {
    people,
    guests: guests.map((row) => [row.account.email, row.membership.status]).sort(),
    audit: await auditCounts(t),
    mails: mails.length,
  }
}

/** The lease is free: no unexpired `leaseUntil` is left behind. */
export async function expectLeaseFree(t: World) {
  const connection = await t.storage.connections.findById(t.connection.orgId, t.connection.id)
  expect(connection).not.toBeNull()
  const leaseUntil = connection?.leaseUntil ?? null
  expect(leaseUntil === null || leaseUntil <= t.clock.now(), 'the lease is free').toBe(true)
}

/** The same scenario run once without faults: the state every faulty run plus its rerun must reach. */
export async function cleanRun(s: Scenario) {
  const t = await world(s)
  t.faults.arm(() => null)
  const report = (await t.run())._unsafeUnwrap()
  const calls = t.faults.calls()
  t.faults.disarm()
  expect(report.complete).toBe(true)
  return { report, calls, state: await storedState(t) }
}

/**
 * Runs the scenario with `fault` on the calls `pick` chooses, checks the faulty run's answer
 * against what it stored, then reruns without faults and compares with the clean run.
 */
export async function checkFaultyRun(
  s: Scenario,
  clean: Awaited<ReturnType<typeof cleanRun>>,
  pick: (call: StorageCall) => boolean,
  fault: Fault,
) {
  const t = await world(s)
  const auditBefore = await auditCounts(t)
  // Calls after commit are out of reach here: inline delivery's blocklist and outbox reads are
  // issue 13 finding 4's (nothing after commit may turn success into failure), not sync's.
  t.faults.arm((call) =>
    !call.inTransaction && ['outbox', 'blocklist'].includes(call.repo) ? null : pick(call) ? fault : null,
  )
  const result = await t.run()
  const injected = t.faults.injected()
  t.faults.disarm()

  let faulty: SyncReport | null = null
  if (result.isErr()) {
    // Only before the run holds its claim (loading, authorizing, claiming): nothing may be stored.
    expect(result.error.code).toBe('STORAGE_FAILURE')
    expect(await auditCounts(t)).toEqual(auditBefore)
  } else {
    faulty = result.value
    const audit = await auditCounts(t)
    // The report counts exactly what committed: one audit row per counted change.
    for (const counter of COUNTED) {
      expect(faulty[counter], counter).toBe(
        (audit[AUDITED[counter]] ?? 0) - (auditBefore[AUDITED[counter]] ?? 0),
      )
    }
    if (!faulty.complete) expect(faulty.failureReason).toBe('storage-failure')
    else expect(faulty.failureReason).toBeNull()
    if (injected.some((call) => call.inTransaction)) expect(faulty.complete).toBe(false)
  }
  await expectLeaseFree(t)

  // The lease is free, so the rerun is not refused, and it completes what the faulty run left.
  const rerun = (await t.run())._unsafeUnwrap()
  expect(rerun).toMatchObject({ complete: true, failureReason: null, errorCount: clean.report.errorCount })
  for (const counter of COUNTED) {
    expect((faulty?.[counter] ?? 0) + rerun[counter], `${counter} over both runs`).toBe(clean.report[counter])
  }
  expect(await storedState(t)).toEqual(clean.state)
}
