// Runs that stop early, die, or report as they go (S4): what a run keeps, what it tells, and how
// the next run picks up. The fault suites for the same guarantees are in internal/sync/sync-faults.test.ts.
import { describe, expect, it } from 'vitest'
import type { SyncProgress } from '../../domain/connection.js'
import type { DirectorySource } from '../../ports/directory-source.js'
import { listSource, people, setupDirectory } from './test-fixtures.js'

describe('connections.sync: interrupted runs and progress', () => {
  it('S4: an interrupted run keeps its committed batches, disables nobody, and the next run completes it', async () => {
    const t = await setupDirectory(listSource(people(1, 10)))
    await t.sync()
    const completedAt = (await t.storage.connections.findById(t.connection.orgId, t.connection.id))
      ?.lastCompletedAt
    expect(completedAt).toBeInstanceOf(Date)
    // People 1..10 are known. Now the source lists 3..25, and dies after 12 of them.
    let failing = true
    const flaky: DirectorySource = {
      async *list() {
        let n = 0
        for (const p of people(3, 25)) {
          if (failing && n === 12) throw new Error('HR API: 502 Bad Gateway')
          n++
          yield p
        }
      },
    }
    t.source.list = () => flaky.list()
    const interrupted = await t.sync({ batchSize: 5 })
    expect(interrupted).toMatchObject({ complete: false, disabled: 0, unchanged: 8, added: 4 })
    expect(interrupted.failure).toContain('502 Bad Gateway')
    // Nobody was disabled: people 1 and 2 are only missing from an incomplete pass.
    expect((await t.memberView((await t.accountOf('person1@corp.test')).id)).membershipStatus).toBe('invited')
    // The claim is released, and the last complete pass is still the first run's.
    expect(await t.storage.connections.findById(t.connection.orgId, t.connection.id)).toMatchObject({
      leaseUntil: null,
      run: 2,
      lastCompletedAt: completedAt,
    })

    failing = false
    const next = await t.sync({ batchSize: 5 })
    expect(next).toMatchObject({ complete: true, added: 11, unchanged: 12, disabled: 2 })
    expect((await t.memberView((await t.accountOf('person1@corp.test')).id)).membershipStatus).toBe(
      'disabled',
    )
    expect(await t.sync({ batchSize: 5 })).toMatchObject({ added: 0, disabled: 0, unchanged: 23 })
  })

  it('S4: a run whose process died holds its lease until it lapses; then the next run completes the work', async () => {
    const hang = new Promise<never>(() => {})
    let dead = true
    const source: DirectorySource = {
      async *list() {
        for (const p of people(1, 30)) {
          if (dead && p.externalId === 'e0013') await hang // the process "dies" here, after two batches
          yield p
        }
      },
    }
    const t = await setupDirectory(source)
    void t.roster.connections.sync(t.admin, { connectionId: t.connection.id }, { batchSize: 6 })
    // Wait for the two committed batches (12 people) of the dead run.
    for (
      let i = 0;
      i < 100 &&
      (
        await t.storage.connectionLinks.page(
          { orgId: t.org.id, connectionId: t.connection.id },
          { limit: 50 },
        )
      ).length < 12;
      i++
    )
      await new Promise((resolve) => setTimeout(resolve, 5))
    const busy = await t.roster.connections.sync(t.admin, { connectionId: t.connection.id })
    expect(busy._unsafeUnwrapErr()).toMatchObject({ code: 'INVALID_STATE', details: { reason: 'running' } })
    expect((await t.roster.connections.list(t.admin, { orgId: t.org.id }))._unsafeUnwrap()[0]?.running).toBe(
      true,
    )

    t.clock.advance('6m')
    dead = false
    const report = await t.sync({ batchSize: 6 })
    expect(report).toMatchObject({ complete: true, added: 18, unchanged: 12, errors: [] })
    expect(
      await t.storage.connectionLinks.page({ orgId: t.org.id, connectionId: t.connection.id }, { limit: 50 }),
    ).toHaveLength(30)
  })

  it('S4: progress after each batch — onProgress and sync.progress — then sync.completed', async () => {
    const { roster, admin, connection, org } = await setupDirectory(listSource(people(1, 12)))
    const seen: SyncProgress[] = []
    const events: unknown[] = []
    roster.events.on('sync.progress', (event) => events.push(event))
    const completed: unknown[] = []
    roster.events.on('sync.completed', (event) => completed.push(event))
    ;(
      await roster.connections.sync(
        admin,
        { connectionId: connection.id },
        {
          batchSize: 5,
          onProgress: (progress) => {
            seen.push(progress)
            throw new Error('a broken progress bar must not break the run')
          },
        },
      )
    )._unsafeUnwrap()
    expect(seen.map((p) => [p.phase, p.processed, p.added])).toEqual([
      ['source', 5, 5],
      ['source', 10, 10],
      ['source', 12, 12],
    ])
    expect(events).toEqual(seen)
    expect(completed).toEqual([
      {
        orgId: org.id,
        connectionId: connection.id,
        added: 12,
        updated: 0,
        disabled: 0,
        removed: 0,
        unchanged: 0,
        errors: 0,
      },
    ])
  })
})
