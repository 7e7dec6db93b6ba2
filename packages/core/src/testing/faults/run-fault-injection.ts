import { describe, expect, it } from 'vitest'
import { createRoster } from '../../create-roster.js'
import type { Storage } from '../../ports/storage.js'
import { createMemoryMailer } from '../memory-mailer.js'
import { withStorageFaults } from './faulty-storage.js'
import {
  FAULT_SCENARIOS,
  type FaultScenario,
  READ_ONLY_METHODS,
  type ScenarioResult,
  type ScenarioValues,
} from './scenarios/index.js'
import { faultWorld, setupHelpers } from './world.js'

/** Counts the calls made through `storage` and fails the chosen one (`withStorageFaults` is one). */
export interface FaultInjector {
  /** The storage the rosters run on. */
  readonly storage: Storage
  /** Calls counted since the last `reset`. */
  readonly calls: number
  /** Their names in order (`transaction`, `commit`, `tx.accounts.insert`, or an SQL statement), when known. */
  readonly log?: readonly string[]
  /** The faults injected since the last `reset`. */
  readonly injected: readonly unknown[]
  /** Makes the `k`-th call counted from the last `reset` fail; `null` fails none. */
  failAt(k: number | null): void
  /** Clears the count, the log, the injected faults and the planned fault. */
  reset(): void
}

/** One fresh, empty storage under fault injection, and a way to read all it stores. */
export interface FaultTarget {
  faults: FaultInjector
  /**
   * The whole stored state: every row of every table, by table, in an order that does not depend on
   * insertion (sort them), read past the injector (a snapshot never fails).
   */
  snapshot(): Promise<Record<string, unknown>>
  dispose?(): Promise<void>
}

/** Options of `runFaultInjection`. */
export interface FaultInjectionOptions {
  /** Shown in the suite's name. */
  name: string
  /** A fresh, empty, migrated storage under fault injection; called once per setup. */
  open(): Promise<FaultTarget>
  /**
   * The name of the outbox's table in `snapshot`. Its delivery bookkeeping (status, attempts,
   * claim, dates, last error, the body dropped once sent) is left out when a run that answered ok
   * is compared with the clean run: a delivery that failed after commit is the outbox's to retry.
   */
  outboxTable: string
  /**
   * Which calls to fail, per use-case: `'all'` (each of them in turn) or at most this many (the
   * transaction, its commit and every call after the commit first, then calls spread over the
   * rest). Default: `'all'` when `ROSTER_FAULT_FULL=1`, otherwise 8.
   */
  injections?: number | 'all'
  /** Only the scenarios with these names (`members.add`…); default every one. */
  only?: readonly string[]
  /** Per-use-case test timeout (ms). Default 120 000. */
  timeout?: number
}

/** `FaultTarget` over a storage wrapped with `withStorageFaults`: the k-th storage-port call fails. */
export function storageFaultTarget(
  storage: Storage,
  snapshot: () => Promise<Record<string, unknown>> | Record<string, unknown>,
  dispose?: () => Promise<void>,
): FaultTarget {
  return {
    faults: withStorageFaults(storage),
    snapshot: async () => snapshot(),
    ...(dispose ? { dispose } : {}),
  }
}

const DELIVERY_FIELDS = new Set([
  'status',
  'attempts',
  'claim',
  'nextAttemptAt',
  'next_attempt_at',
  'lastError',
  'last_error',
  'sentAt',
  'sent_at',
  'text',
  'html',
  'data',
])

function withoutDelivery(snapshot: Record<string, unknown>, outboxTable: string): Record<string, unknown> {
  const rows = snapshot[outboxTable]
  if (!Array.isArray(rows)) return snapshot
  const mask = (row: unknown): unknown =>
    row && typeof row === 'object'
      ? Object.fromEntries(Object.entries(row).filter(([key]) => !DELIVERY_FIELDS.has(key)))
      : row
  return {
    ...snapshot,
    [outboxTable]: rows.map((entry) =>
      Array.isArray(entry) && entry.length === 2 ? [entry[0], mask(entry[1])] : mask(entry),
    ),
  }
}

const text = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v))

/** The tables whose rows differ, for a readable report. */
function differingTables(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...names].filter((name) => text(a[name]) !== text(b[name])).sort()
}

/** Which of the calls 1..n to fail. */
function chooseInjections(n: number, log: readonly string[] | undefined, limit: number | 'all'): number[] {
  const all = Array.from({ length: n }, (_, i) => i + 1)
  if (limit === 'all' || n <= limit) return all
  const chosen = new Set<number>([1, n])
  if (log) {
    const lastCommit = log.reduce((last, call, i) => (/^(commit|sql: commit)/i.test(call) ? i + 1 : last), 0)
    log.forEach((call, i) => {
      if (/^(transaction|commit|sql: (begin|start transaction|commit))/i.test(call)) chosen.add(i + 1)
    })
    // Every call after the last commit: nothing there may turn the committed change into a failure.
    if (lastCommit > 0) for (let k = lastCommit + 1; k <= n; k++) chosen.add(k)
  }
  for (let i = 1; chosen.size < limit && i < limit; i++) chosen.add(Math.max(1, Math.round((i * n) / limit)))
  return [...chosen].sort((a, b) => a - b)
}

const applied = (scenario: FaultScenario, result: ScenarioResult) =>
  scenario.applied ? scenario.applied(result) : result.isOk()

interface Prepared {
  target: FaultTarget
  values: ScenarioValues
  before: Record<string, unknown>
}

/**
 * The fault-injection harness (issue 13): for every write use-case of the roster, and for each
 * storage call it makes (or each SQL statement, with an injector that fails those), runs it with
 * that call failing and checks that the answer matches what is stored — ok ⇒ exactly what a run
 * without faults stores (mail in the outbox counts; its delivery is the outbox's to finish, at
 * most once), refused ⇒ nothing at all stored and nothing mailed. An adapter passes when no
 * injection contradicts its answer. Each use-case is one test; a report lists every contradiction.
 *
 * Runs a bounded set of injections by default; `ROSTER_FAULT_FULL=1` (or `injections: 'all'`)
 * fails every call of every use-case.
 *
 * @example
 * // my-storage.faults.test.ts
 * import { runFaultInjection, storageFaultTarget } from '@roster/core/testing'
 *
 * runFaultInjection({
 *   name: 'my storage',
 *   outboxTable: 'outbox_messages',
 *   open: async () => {
 *     const storage = await myStorage()
 *     return storageFaultTarget(storage, () => dumpEveryTable(storage))
 *   },
 * })
 */
export function runFaultInjection(options: FaultInjectionOptions): void {
  const limit = options.injections ?? (process.env.ROSTER_FAULT_FULL === '1' ? 'all' : 8)
  const scenarios = FAULT_SCENARIOS.filter((s) => !options.only || options.only.includes(s.name))

  describe(`fault injection: ${options.name}`, () => {
    it('covers every write use-case of the roster', () => {
      const roster = createRoster({ storage: {} as Storage, mailer: createMemoryMailer() })
      const methods = Object.entries(roster).flatMap(([area, api]) =>
        area === 'events' || area === 'context' || typeof api !== 'object' || api === null
          ? []
          : Object.keys(api).map((method) => `${area}.${method}`),
      )
      const covered = new Set(FAULT_SCENARIOS.map((s) => s.name.split(' ')[0]))
      const missing = methods.filter((m) => !covered.has(m) && !READ_ONLY_METHODS.includes(m))
      expect(missing, 'write use-cases with no fault scenario').toEqual([])
    })

    for (const scenario of scenarios) {
      it(
        `${scenario.name}: with any one ${'call'} failing, the answer matches what is stored`,
        async () => {
          const problems = await injectAll(options, scenario, limit)
          expect(problems).toEqual([])
        },
        options.timeout ?? 120_000,
      )
    }
  })
}

async function prepare(options: FaultInjectionOptions, scenario: FaultScenario): Promise<Prepared> {
  const target = await options.open()
  target.faults.reset()
  const world = faultWorld(target.faults.storage, 'setup', scenario.policy)
  const values = scenario.setup ? await scenario.setup(setupHelpers(world), world) : {}
  await world.roster.outbox.drain()
  return { target, values, before: await target.snapshot() }
}

async function runOnce(prepared: Prepared, scenario: FaultScenario, k: number | null) {
  const { faults } = prepared.target
  const world = faultWorld(faults.storage, 'run', scenario.policy)
  faults.reset()
  faults.failAt(k)
  let result: ScenarioResult
  try {
    result = await scenario.run(world, prepared.values)
    await world.roster.outbox.drain()
  } finally {
    faults.failAt(null)
  }
  const run = { result, world, calls: faults.calls, log: faults.log ? [...faults.log] : undefined }
  const injected = faults.injected.length > 0
  faults.reset()
  return { ...run, injected }
}

/** Whether nothing but the scenario's attempt bookkeeping differs between two snapshots. */
function unchangedBeyondAttempts(
  scenario: FaultScenario,
  after: Record<string, unknown>,
  before: Record<string, unknown>,
): boolean {
  return differingTables(after, before).every((table) => scenario.attemptTables?.includes(table))
}

/** Runs the scenario once cleanly and once per chosen injection; returns every contradiction found. */
async function injectAll(
  options: FaultInjectionOptions,
  scenario: FaultScenario,
  limit: number | 'all',
): Promise<string[]> {
  const problems: string[] = []
  let prepared = await prepare(options, scenario)
  const cleanBefore = prepared.before
  const clean = await runOnce(prepared, scenario, null)
  if (!applied(scenario, clean.result))
    throw new Error(`${scenario.name}: the run without faults did not succeed: ${text(clean.result)}`)
  const expected = withoutDelivery(await prepared.target.snapshot(), options.outboxTable)
  let dirty = true

  const injections = chooseInjections(clean.calls, clean.log, limit)
  // ROSTER_FAULT_REPORT=1 prints what was tried, for measurements.
  if (process.env.ROSTER_FAULT_REPORT === '1')
    console.info(
      `fault injection ${options.name} ${scenario.name}: ${clean.calls} calls, ${injections.length} injected`,
    )
  try {
    for (const k of injections) {
      if (dirty) {
        await prepared.target.dispose?.()
        prepared = await prepare(options, scenario)
        if (text(prepared.before) !== text(cleanBefore))
          throw new Error(
            `${scenario.name}: its setup is not deterministic (${differingTables(prepared.before, cleanBefore).join(', ')})`,
          )
      }
      const run = await runOnce(prepared, scenario, k)
      const at = `fault at call ${k}${clean.log?.[k - 1] ? ` (${clean.log[k - 1]})` : ''}`
      const after = await prepared.target.snapshot()
      // A run that never reached call k (the clean run's count was not repeated) tested nothing.
      if (!run.injected) problems.push(`${at}: was never reached (the run made ${run.calls} calls)`)
      if (scenario.resumable && (!applied(scenario, run.result) || text(run.result) !== text(clean.result))) {
        dirty = true
        problems.push(...(await resumes(prepared, scenario, at)))
        continue
      }
      if (!applied(scenario, run.result)) {
        const touched = differingTables(after, prepared.before)
        const changed = touched.filter((table) => !scenario.attemptTables?.includes(table))
        if (changed.length > 0)
          problems.push(`${at}: answered ${text(run.result)} but stored changes in ${changed.join(', ')}`)
        if (run.world.mailer.sent.length > 0)
          problems.push(`${at}: answered ${text(run.result)} but mailed ${run.world.mailer.sent.length}`)
        dirty = touched.length > 0
        continue
      }
      dirty = true
      if (scenario.delivery) {
        const tally = run.result.value as { sent?: number }
        if (tally.sent !== run.world.mailer.sent.length)
          problems.push(
            `${at}: reported ${tally.sent} sent but the mailer got ${run.world.mailer.sent.length}`,
          )
        problems.push(...(await finishDelivery(run.world, at)))
        continue
      }
      const stored = withoutDelivery(after, options.outboxTable)
      if (scenario.answersBeforeWork && unchangedBeyondAttempts(scenario, after, prepared.before)) {
        // The work after the answer failed as a whole and stored nothing: what EN4 allows.
        if (text(run.result) !== text(clean.result))
          problems.push(`${at}: answered ${text(run.result)} instead of ${text(clean.result)}`)
        if (run.world.mailer.sent.length > 0)
          problems.push(`${at}: stored nothing but mailed ${run.world.mailer.sent.length}`)
        continue
      }
      if (text(stored) !== text(expected))
        problems.push(
          `${at}: answered ok but stored differs from a run without faults in ${differingTables(stored, expected).join(', ')}`,
        )
      if (text(run.result) !== text(clean.result))
        problems.push(`${at}: answered ${text(run.result)} instead of ${text(clean.result)}`)
      problems.push(...(await finishDelivery(run.world, at)))
    }
  } finally {
    await prepared.target.dispose?.()
  }
  return problems
}

/** A stopped multi-transaction use-case: rerun without faults, it completes, mailing nobody twice. */
async function resumes(prepared: Prepared, scenario: FaultScenario, at: string): Promise<string[]> {
  const world = faultWorld(prepared.target.faults.storage, 'run', scenario.policy)
  world.clock.advance('1h')
  const rerun = await scenario.run(world, prepared.values)
  await world.roster.outbox.drain()
  if (!applied(scenario, rerun))
    return [`${at}: stopped part-way, and a rerun without faults did not complete: ${text(rerun)}`]
  return finishDelivery(world, at)
}

/**
 * After a run that answered ok: lets the outbox finish what the fault interrupted, then checks no
 * message went out twice and none was lost (delivered, or left `sending` — sent-unconfirmed).
 */
async function finishDelivery(world: ReturnType<typeof faultWorld>, at: string): Promise<string[]> {
  const problems: string[] = []
  for (let pass = 0; pass < 3; pass++) {
    world.clock.advance('2h')
    await world.roster.outbox.dispatch()
  }
  const sends = new Map<string, number>()
  for (const message of world.mailer.sent) sends.set(message.id, (sends.get(message.id) ?? 0) + 1)
  for (const [id, count] of sends)
    if (count > 1) problems.push(`${at}: message ${id} was delivered ${count} times`)
  const outbox = await world.storage.outbox.list({ limit: 10_000 })
  for (const message of outbox)
    if (message.status === 'pending' || message.status === 'dead')
      problems.push(
        `${at}: message ${message.id} (${message.template}) was never delivered (${message.status})`,
      )
  return problems
}
