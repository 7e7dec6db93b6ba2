import { describe, expect, it } from 'vitest'
import { partitionOf } from '../../domain/partition.js'
import type { DirectorySource } from '../../ports/directory-source.js'
import { createTestRoster } from '@roster/test-support'
import { type ListSource, listSource, people } from './test-fixtures.js'

/** Three orgs, each connected to its own source; `slow` makes every listing take a few ticks. */
async function setup(options: { slow?: boolean; intervals?: Array<number | null> } = {}) {
  const sources: ListSource[] = [listSource(people(1, 3)), listSource(people(4, 8)), listSource(people(9, 9))]
  const directorySources: Record<string, DirectorySource> = {}
  sources.forEach((source, i) => {
    directorySources[`s${i}`] = options.slow
      ? {
          async *list() {
            for await (const p of source.list()) {
              await new Promise((resolve) => setTimeout(resolve, 1))
              yield p
            }
          },
        }
      : source
  })
  const t = createTestRoster({ directorySources })
  const connections = []
  for (const [i] of sources.entries()) {
    const { org, founder } = await t.orgWithFounder(`Org ${i}`)
    const intervalMinutes = options.intervals?.[i] === undefined ? 60 : options.intervals[i]
    connections.push(
      (
        await t.roster.connections.connectSource(founder, {
          orgId: org.id,
          sourceKey: `s${i}`,
          intervalMinutes,
        })
      )._unsafeUnwrap(),
    )
  }
  const runDue = async () => (await t.roster.connections.runDue(t.system))._unsafeUnwrap()
  return { ...t, sources, connections, runDue }
}

describe('connections.runDue', () => {
  it('S5: runs every connection whose interval elapsed since its last run, and only those', async () => {
    const { runDue, connections, sources, clock } = await setup({ intervals: [60, 15, null] })
    const first = await runDue()
    // Both scheduled connections are due at once; the manual one (no interval) never is.
    expect(first.runs.map((r) => [r.connectionId, r.report?.added, r.error])).toEqual([
      [connections[0]!.id, 3, null],
      [connections[1]!.id, 5, null],
    ])
    expect((await runDue()).runs).toEqual([])
    clock.advance('15m')
    expect((await runDue()).runs.map((r) => [r.connectionId, r.report?.unchanged])).toEqual([
      [connections[1]!.id, 5],
    ])
    clock.advance('45m')
    expect((await runDue()).runs.map((r) => r.connectionId)).toEqual([connections[0]!.id, connections[1]!.id])
    expect(sources.map((s) => s.runs)).toEqual([2, 3, 0])
  })

  it('S5, issue 16: schedulers given partitions run each its own slice, and together every due connection once', async () => {
    const { roster, system, connections } = await setup()
    const count = 2
    const slices = []
    for (let index = 0; index < count; index++)
      slices.push(
        (await roster.connections.runDue(system, { partition: { index, count } }))
          ._unsafeUnwrap()
          .runs.map((r) => r.connectionId),
      )
    for (let index = 0; index < count; index++)
      expect(slices[index]).toEqual(
        connections.filter((c) => partitionOf(c.orgId, count) === index).map((c) => c.id),
      )
    expect(slices.flat().sort()).toEqual(connections.map((c) => c.id).sort())
    const bad = await roster.connections.runDue(system, { partition: { index: 2, count: 2 } })
    expect(bad._unsafeUnwrapErr()).toMatchObject({ code: 'VALIDATION' })
  })

  it('S5: two schedulers calling runDue at once run each connection exactly once', async () => {
    const { roster, system, sources, connections } = await setup({ slow: true })
    const [a, b] = await Promise.all([roster.connections.runDue(system), roster.connections.runDue(system)])
    const ran = [...a!._unsafeUnwrap().runs, ...b!._unsafeUnwrap().runs]
    expect(ran.map((r) => r.connectionId).sort()).toEqual(connections.map((c) => c.id).sort())
    expect(ran.every((r) => r.report?.complete)).toBe(true)
    expect(sources.map((s) => s.runs)).toEqual([1, 1, 1])
  })

  it('S5: a connection whose run is in progress is skipped, and runDue itself needs the system actor', async () => {
    const { roster, system, connections, runDue, clock } = await setup()
    const now = clock.now()
    await roster.context.storage.connections.claimRun(connections[0]!.orgId, connections[0]!.id, {
      now,
      leaseUntil: new Date(now.getTime() + 60_000),
      due: true,
    })
    expect((await runDue()).runs.map((r) => r.connectionId)).toEqual([connections[1]!.id, connections[2]!.id])
    const person = await roster.connections.runDue({ accountId: 'someone' })
    expect(person._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    expect((await roster.connections.runDue(system, { limit: 0 }))._unsafeUnwrapErr().code).toBe('VALIDATION')
  })

  it('S5: a connection that fails does not stop the others; it is retried when due again', async () => {
    const { runDue, connections, sources, clock } = await setup()
    sources[1]!.list = () => {
      throw new Error('LDAP is down')
    }
    const result = await runDue()
    expect(result.runs.map((r) => [r.report?.complete, r.report?.failure ?? null])).toEqual([
      [true, null],
      [false, 'The directory source failed: LDAP is down'],
      [true, null],
    ])
    expect(result.runs[1]?.connectionId).toBe(connections[1]!.id)
    clock.advance('1h')
    sources[1]!.list = listSource(people(4, 8)).list
    expect((await runDue()).runs.map((r) => r.report?.complete)).toEqual([true, true, true])
  })

  it('S5: limit caps the runs of one call; the rest stay due for the next', async () => {
    const { roster, system } = await setup()
    expect((await roster.connections.runDue(system, { limit: 2 }))._unsafeUnwrap().runs).toHaveLength(2)
    expect((await roster.connections.runDue(system, { limit: 2 }))._unsafeUnwrap().runs).toHaveLength(1)
  })
})
