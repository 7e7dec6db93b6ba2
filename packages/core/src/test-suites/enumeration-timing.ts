// EN4 (security guide): the public request paths take the same time whether or not an account has
// the address. Shared by the memory adapter's run (core) and the Postgres adapter's (PGlite, and the
// server named by ROSTER_TEST_DATABASE_URL). It compares the two distributions of answer times —
// interleaved calls, a Mann–Whitney U test — rather than a fixed threshold, which a loaded machine
// would trip or hide.
import { describe, expect, it } from 'vitest'
import type { Storage } from '../ports/storage.js'
import { createTestRoster } from '@roster/test-support'
import { mannWhitneyU } from './mann-whitney.js'

/** Options of `enumerationTimingSuite`. */
export interface TimingSuiteOptions {
  name: string
  makeStorage: () => Storage | Promise<Storage>
  disposeStorage?: (storage: Storage) => void | Promise<void>
}

/** Calls per side (ROSTER_TIMING_SAMPLES, default 60); a few warm-up pairs come first and are dropped. */
const SAMPLES = Number(process.env.ROSTER_TIMING_SAMPLES ?? 60)
const WARM_UP = 5
/**
 * The false-alarm rate we accept per comparison: with no real difference, p < ALPHA happens once
 * in 10,000 runs (the suite makes 2 comparisons on each of up to 3 storages per CI run). The power
 * check below shows that a difference the size of the one issue 12 measured (≈3× slower when the
 * account exists) is found far below it.
 */
const ALPHA = 0.0001

type T = ReturnType<typeof createTestRoster>

interface TimedPath {
  name: string
  rule: string
  setup(t: T): Promise<void>
  /** The call for an address that has an account, and for one that has none (`i` makes it unique). */
  existing(t: T, i: number): unknown
  missing(t: T, i: number): unknown
}

const PATHS: TimedPath[] = [
  {
    name: 'activation.requestNewLink',
    rule: 'A9',
    setup: async (t) => void (await t.pendingAccount('pending@example.com')),
    existing: (t) => t.roster.activation.requestNewLink({ email: 'pending@example.com' }),
    // Same length and the same rate-limit bookkeeping as the existing side: only existence differs.
    missing: (t) => t.roster.activation.requestNewLink({ email: 'nobodys@example.com' }),
  },
  {
    name: 'credentials.requestPasswordReset',
    rule: 'A15',
    setup: async (t) => void (await t.activeAccount('active@example.com')),
    existing: (t) => t.roster.credentials.requestPasswordReset({ email: 'active@example.com' }),
    missing: (t) => t.roster.credentials.requestPasswordReset({ email: 'nobody@example.com' }),
  },
]

/** A deterministic coin, so a failing run can be repeated. */
function coin(seed: number): () => boolean {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    return state < 0x8000_0000
  }
}

/** Times `SAMPLES` calls of each side, interleaved in a random order; each call's background work is drained untimed. */
async function timeBoth(
  t: T,
  a: (i: number) => unknown,
  b: (i: number) => unknown,
): Promise<{ a: number[]; b: number[] }> {
  const times = { a: [] as number[], b: [] as number[] }
  const flip = coin(0x5eed)
  const timed = async (side: 'a' | 'b', i: number) => {
    const call = side === 'a' ? a : b
    const start = performance.now()
    await call(i)
    const elapsed = performance.now() - start
    await t.roster.outbox.drain()
    if (i >= WARM_UP) times[side].push(elapsed)
  }
  for (let i = 0; i < SAMPLES + WARM_UP; i++) {
    const first = flip() ? 'a' : 'b'
    await timed(first, i)
    await timed(first === 'a' ? 'b' : 'a', i)
  }
  return times
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 0
const describeTimes = (times: { a: number[]; b: number[] }, p: number) =>
  `medians ${median(times.a).toFixed(3)} ms vs ${median(times.b).toFixed(3)} ms, p = ${p.toExponential(2)}`

/** Registers the EN4 timing comparisons for one storage. */
export function enumerationTimingSuite(options: TimingSuiteOptions): void {
  const withRoster = async (run: (t: T) => Promise<void>) => {
    const storage = await options.makeStorage()
    try {
      // No rate limit in the way: the existing side must really do its work every time.
      await run(createTestRoster({ storage, policy: { linkRequests: { max: 1_000_000 } } }))
    } finally {
      await options.disposeStorage?.(storage)
    }
  }

  describe(`enumeration by timing (EN4): ${options.name}`, () => {
    for (const path of PATHS) {
      it(`EN4, ${path.rule}: ${path.name} answers in the same time whether or not the account exists`, async () => {
        await withRoster(async (t) => {
          await path.setup(t)
          const times = await timeBoth(
            t,
            (i) => path.existing(t, i),
            (i) => path.missing(t, i),
          )
          const { p } = mannWhitneyU(times.a, times.b)
          expect(p, `${path.name}: ${describeTimes(times, p)}`).toBeGreaterThanOrEqual(ALPHA)
        })
      }, 60_000)
    }

    it('EN4: the comparison has power — a request that waited for its work (as before EN4) is told apart', async () => {
      await withRoster(async (t) => {
        await t.pendingAccount('pending@example.com')
        const times = await timeBoth(
          t,
          async () => {
            await t.roster.activation.requestNewLink({ email: 'pending@example.com' })
            await t.roster.outbox.drain()
          },
          (i) => t.roster.activation.requestNewLink({ email: `nobody.${i}@example.com` }),
        )
        const { p } = mannWhitneyU(times.a, times.b)
        expect(p, describeTimes(times, p)).toBeLessThan(ALPHA)
      })
    }, 60_000)
  })
}
