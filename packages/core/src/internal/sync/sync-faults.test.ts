// Fault suites for sync (S2, S4; issue 13 finding 7): whatever stops a run — the source failing at
// any person, storage failing at any call of the run (rejecting or throwing synchronously),
// finishRun or renewLease failing, another run or writer breaking the lease — the report must say
// exactly what is stored, the lease must be free afterwards, and a rerun must complete to the same
// state as a run that never failed.
//
// Bounded by default (each property a few dozen cases); ROSTER_FAULT_FULL=1 runs many more.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { DirectoryPerson } from '../../ports/directory-source.js'
import { listSource } from '../../use-cases/connections/test-fixtures.js'
import {
  RUNS,
  TIMEOUT,
  scenario,
  scenarios,
  world,
  COUNTED,
  AUDITED,
  auditCounts,
  expectLeaseFree,
  cleanRun,
  checkFaultyRun,
} from './sync-faults.fixtures.js'

describe('sync under faults (S2, S4)', () => {
  it(
    'S4: a source that fails at any person keeps what it yielded before, releases the lease, and a rerun completes',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenarios, fc.nat(), fc.boolean(), async (s, seed, atList) => {
          const t = await world(s)
          const listed = [...(t.source.people as unknown[])]
          const failAt = atList ? -1 : seed % (listed.length + 1)
          t.source.list = () =>
            atList
              ? (() => {
                  throw new Error('HR API: 401')
                })()
              : (async function* () {
                  for (const [i, row] of listed.entries()) {
                    if (i === failAt) throw new Error('HR API: 502 Bad Gateway')
                    yield row as DirectoryPerson
                  }
                  if (failAt === listed.length) throw new Error('HR API: 502 Bad Gateway')
                })()
          const auditBefore = await auditCounts(t)
          const report = (await t.run())._unsafeUnwrap()
          expect(report).toMatchObject({
            complete: false,
            failureReason: 'source-failed',
            disabled: 0,
            removed: 0,
          })
          expect(report.failure).toMatch(/HR API/)
          const audit = await auditCounts(t)
          for (const counter of COUNTED)
            expect(report[counter]).toBe(
              (audit[AUDITED[counter]] ?? 0) - (auditBefore[AUDITED[counter]] ?? 0),
            )
          await expectLeaseFree(t)

          t.source.list = () => listSource(listed).list()
          const rerun = (await t.run())._unsafeUnwrap()
          expect(rerun).toMatchObject({ complete: true, failureReason: null })
          const links = await t.storage.connectionLinks.page(
            { orgId: t.org.id, connectionId: t.connection.id },
            { limit: 1000 },
          )
          const valid = listed.filter((row) => (row as { externalId: string }).externalId !== 'bad-row')
          expect(
            links
              .filter((link) => link.missingSince === null)
              .map((link) => link.externalId)
              .sort(),
          ).toEqual(valid.map((row) => (row as { externalId: string }).externalId).sort())
        }),
        { numRuns: RUNS },
      )
    },
    TIMEOUT,
  )

  it(
    'S4: storage failing at every call of one run, rejecting or throwing: the report matches what is stored, the lease is free, a rerun completes',
    async () => {
      // Exhaustive over k for one scenario with both phases, updates, an invalid row and removals.
      const s = scenario({
        known: 6,
        from: 3,
        to: 10,
        renameEvery: 2,
        invalidRow: true,
        onMissing: 'remove',
      })
      const clean = await cleanRun(s)
      expect(clean.calls).toBeGreaterThan(10)
      for (let k = 1; k <= clean.calls; k++) {
        for (const kind of ['reject', 'throw'] as const) {
          await checkFaultyRun(s, clean, (call) => call.index === k, { kind })
        }
      }
    },
    TIMEOUT,
  )

  it(
    'S4: storage failing at a random call of a random run (property)',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          scenarios,
          fc.nat(),
          fc.constantFrom('reject' as const, 'throw' as const),
          async (s, seed, kind) => {
            const clean = await cleanRun(s)
            const k = 1 + (seed % clean.calls)
            await checkFaultyRun(s, clean, (call) => call.index === k, { kind })
          },
        ),
        { numRuns: RUNS },
      )
    },
    TIMEOUT,
  )
})
