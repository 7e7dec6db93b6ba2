// Fault suites for sync's lease (S4): finishRun or renewLease failing, another run or writer breaking the lease,
// storage refusing a batch as a concurrent change. Property suites over any failing call are in sync-faults.test.ts.
import { describe, expect, it } from 'vitest'
import { StorageConflictError } from '../../ports/storage.js'
import type { SyncReport } from '../../domain/connection.js'
import { pausingSource, setupDirectory, waitForGuests } from '../../use-cases/connections/test-fixtures.js'
import { SYNC_LEASE_MS } from './options.js'
import { scenario, world, expectLeaseFree, cleanRun, checkFaultyRun } from './sync-faults.fixtures.js'

describe('sync under faults (S2, S4)', () => {
  it('S4: finishRun failing once, twice, or always (synchronously too) still frees the lease', async () => {
    const s = scenario({ to: 4, batchSize: 2 })
    const clean = await cleanRun(s)
    for (const failures of [1, 2, Number.POSITIVE_INFINITY]) {
      for (const kind of ['reject', 'throw'] as const) {
        let failed = 0
        await checkFaultyRun(s, clean, (call) => call.method === 'finishRun' && failed++ < failures, { kind })
      }
    }
  })

  it('S4: when finishRun and the fallback both fail, the report stands and the lease lapses on its own', async () => {
    const t = await world(scenario({ to: 4, batchSize: 2 }))
    t.faults.arm((call) =>
      call.method === 'finishRun' || (call.method === 'renewLease' && !call.inTransaction)
        ? { kind: 'reject' }
        : null,
    )
    expect((await t.run())._unsafeUnwrap()).toMatchObject({ complete: true, added: 4 })
    t.faults.disarm()
    expect((await t.run())._unsafeUnwrapErr()).toMatchObject({
      code: 'INVALID_STATE',
      details: { reason: 'running' },
    })
    t.clock.advance(`${SYNC_LEASE_MS / 1000}s`)
    expect((await t.run())._unsafeUnwrap()).toMatchObject({ complete: true, added: 0, unchanged: 4 })
  })

  it('S4: renewLease failing in a batch stops the run with what committed (storage-failure), and a rerun completes', async () => {
    const s = scenario({ known: 2, to: 9 })
    const clean = await cleanRun(s)
    for (const nth of [1, 2, 3, 4]) {
      let renewals = 0
      await checkFaultyRun(
        s,
        clean,
        (call) => call.method === 'renewLease' && call.inTransaction && ++renewals === nth,
        {
          kind: 'reject',
        },
      )
    }
  })

  it('S4: a run whose lease a newer run took over stops with lease-lost; the newer run completes', async () => {
    const { source, release } = pausingSource(10, 5)
    const t = await setupDirectory(source)
    const first = t.roster.connections.sync(t.admin, { connectionId: t.connection.id }, { batchSize: 2 })
    await waitForGuests(t, t.org.id, 4)
    // The first run looks dead: its lease lapses and a second run takes the connection.
    t.clock.advance('6m')
    const second = (await t.sync({ batchSize: 2 })) as SyncReport
    expect(second).toMatchObject({ complete: true, added: 6, unchanged: 4 })
    release()
    const stopped = (await first)._unsafeUnwrap()
    expect(stopped).toMatchObject({ complete: false, failureReason: 'lease-lost', added: 4 })
    // The stopped run did not release the newer run's claim, nor record a pass.
    expect(await t.storage.connections.findById(t.connection.orgId, t.connection.id)).toMatchObject({
      leaseUntil: null,
      run: 2,
    })
    expect(await t.sync()).toMatchObject({ complete: true, added: 0, unchanged: 10 })
  })

  it('S4: another writer breaking the lease (a link conflict) is lease-lost with the batch rolled back, not STORAGE_FAILURE', async () => {
    const t = await world(scenario())
    let answered = 0
    t.faults.arm((call) =>
      call.method === 'insertMany' && call.repo === 'connectionLinks' && answered++ === 1
        ? { kind: 'answer', value: [{ status: 'conflict', field: 'externalId' }] }
        : null,
    )
    const report = (await t.run())._unsafeUnwrap()
    t.faults.disarm()
    expect(report).toMatchObject({ complete: false, failureReason: 'lease-lost', added: 3 })
    expect(await t.storage.memberships.page({ orgId: t.org.id, type: 'guest', limit: 50 })).toHaveLength(3)
    await expectLeaseFree(t)
    expect((await t.run())._unsafeUnwrap()).toMatchObject({ complete: true, added: 3, unchanged: 3 })
  })

  it('S4: a batch storage keeps refusing as a concurrent change ends the run with conflict after the retries, what committed kept', async () => {
    const t = await world(scenario())
    let transactions = 0
    const refused = new StorageConflictError('serialization', 'could not serialize access')
    // The first batch commits; every try of the second is refused (inTransaction retries it first).
    t.faults.arm((call) =>
      call.method === 'transaction' && ++transactions > 1 ? { kind: 'reject', error: refused } : null,
    )
    const report = (await t.run())._unsafeUnwrap()
    t.faults.disarm()
    expect(transactions).toBeGreaterThan(2)
    expect(report).toMatchObject({ complete: false, failureReason: 'conflict', added: 3 })
    await expectLeaseFree(t)
    expect((await t.run())._unsafeUnwrap()).toMatchObject({ complete: true, added: 3, unchanged: 3 })
  })
})
