import v8 from 'node:v8'
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import type { DirectoryPerson, DirectorySource } from '../../ports/directory-source.js'
import { createTestRoster, PASSWORD } from '@roster/test-support'
import { person } from './test-fixtures.js'

const PEOPLE = 20_000
const BATCH = 500
const MB = 1024 * 1024

/** A full collection before each reading, so retained memory is measured, not garbage. */
v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

/**
 * A generated directory of `PEOPLE` people that never exists as a whole: each person is made when
 * the sync asks for the next one. It records how far ahead of the committed batches the reader ever
 * got — the measure of "streams in batches" that does not depend on the garbage collector.
 */
function generatedSource() {
  const state = { yielded: 0, committed: 0, maxAhead: 0, peakHeap: 0 }
  const source: DirectorySource = {
    async *list() {
      state.yielded = 0
      state.committed = 0
      for (let i = 1; i <= PEOPLE; i++) {
        state.yielded++
        state.maxAhead = Math.max(state.maxAhead, state.yielded - state.committed)
        yield person(i, { title: i % 7 === 0 ? 'Inspector' : null }) as DirectoryPerson
      }
    },
  }
  return { source, state }
}

const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10

function measure() {
  gc()
  const { rss, heapUsed } = process.memoryUsage()
  return { rss, heapUsed }
}

describe('sync at scale (S4)', () => {
  it(`S4: ${PEOPLE.toLocaleString('en')} people from a generator sync in batches with bounded memory`, async () => {
    const { source, state } = generatedSource()
    // Mail stays in the outbox (a dispatcher would send it): the test measures sync, not a mailer.
    const t = createTestRoster({ directorySources: { hr: source }, outbox: { dispatch: 'manual' } })
    const signedUp = (
      await t.roster.accounts.signUp({ email: 'founder@agency.test', firstName: 'Fay', lastName: 'Founder' })
    )._unsafeUnwrap()
    // The outbox holds no token (X5): deliver the founder's activation mail to read its link.
    ;(await t.roster.outbox.dispatch())._unsafeUnwrap()
    const token = t.tokenFor('founder@agency.test')
    ;(await t.roster.activation.activate({ token, password: PASSWORD }))._unsafeUnwrap()
    const founder = { accountId: signedUp.id }
    const org = (await t.roster.orgs.create(founder, { name: 'Agency' }))._unsafeUnwrap()
    const connection = (
      await t.roster.connections.connectSource(founder, { orgId: org.id, sourceKey: 'hr' })
    )._unsafeUnwrap()
    const onProgress = ({ processed }: { processed: number }) => {
      state.committed = processed
      state.peakHeap = Math.max(state.peakHeap, process.memoryUsage().heapUsed)
    }
    const run = async () => {
      state.maxAhead = 0
      state.peakHeap = 0
      const started = performance.now()
      const report = (
        await t.roster.connections.sync(
          founder,
          { connectionId: connection.id },
          { batchSize: BATCH, onProgress },
        )
      )._unsafeUnwrap()
      return { report, ms: performance.now() - started, peakHeap: state.peakHeap, maxAhead: state.maxAhead }
    }

    const baseline = measure()
    const first = await run()
    const afterFirst = measure()
    const second = await run()
    const afterSecond = measure()

    expect(first.report).toMatchObject({ added: PEOPLE, errorCount: 0, complete: true })
    expect(second.report).toMatchObject({
      unchanged: PEOPLE,
      added: 0,
      updated: 0,
      disabled: 0,
      complete: true,
    })
    // Never more than one batch read ahead of what is committed, on either run.
    expect(first.maxAhead).toBeLessThanOrEqual(BATCH)
    expect(second.maxAhead).toBeLessThanOrEqual(BATCH)

    const rate = (ms: number) => Math.round((PEOPLE / ms) * 1000)
    const retainedFirst = afterFirst.heapUsed - baseline.heapUsed
    const retainedSecond = afterSecond.heapUsed - afterFirst.heapUsed
    console.log(
      [
        `[S4] ${PEOPLE} people, batches of ${BATCH}, memory adapter (after a full GC at each reading):`,
        `  run 1 (all added):     ${Math.round(first.ms)} ms, ${rate(first.ms)} people/s; heap retained +${mb(retainedFirst)} MB (the adapter now holds ${PEOPLE} accounts, memberships, grants, links, tokens, audit rows, outbox mails: ${Math.round(retainedFirst / PEOPLE)} B/person); peak heap during run ${mb(first.peakHeap)} MB`,
        `  run 2 (all unchanged): ${Math.round(second.ms)} ms, ${rate(second.ms)} people/s; heap retained ${mb(retainedSecond)} MB; peak heap during run ${mb(second.peakHeap)} MB`,
        `  RSS ${mb(baseline.rss)} → ${mb(afterFirst.rss)} → ${mb(afterSecond.rss)} MB`,
      ].join('\n'),
    )
    // A second pass over the whole directory retains (almost) nothing: no structure grows with it.
    expect(retainedSecond).toBeLessThan(10 * MB)
    // The second run's working set stays within a few batches of the stored data.
    expect(second.peakHeap - afterFirst.heapUsed).toBeLessThan(200 * MB)
  }, 240_000)
})
