// A child process for multi-process.test.ts: its own pool and roster on the shared schema, doing
// random writes on one org's people, seats and numbers (and adds and deletions of empty side
// orgs), and syncs of one directory connection, until the deadline. Reports how each call was answered; the parent checks the database.
import {
  createMemoryMailer,
  createRoster,
  type DirectoryPerson,
  type RosterError,
  systemActor,
} from '@roster/core'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { guardPool } from './guard-pool.js'
import { postgresStorage } from './postgres-storage.js'
import type { RosterDatabase } from './schema.js'

interface Plan {
  databaseUrl: string
  schema: string
  orgId: string
  sideOrgIds: string[]
  numbers: string[]
  people: number
  seed: number
  /** The org synced from the `hr` directory, and its connection. */
  directoryOrgId: string
  connectionId: string
  directoryPeople: number
}
const plan = JSON.parse(process.env.ROSTER_RACE_PLAN ?? '{}') as Plan

const pool = guardPool(
  new pg.Pool({ connectionString: plan.databaseUrl, max: 4, options: `-c search_path=${plan.schema}` }),
)
const db = new Kysely<RosterDatabase>({ dialect: new PostgresDialect({ pool }) })
const storage = postgresStorage(db)
const mailer = createMemoryMailer()

// The same directory in every process. Each read of it records when it started and ended: a read
// happens only inside a sync run holding the connection's lease, so two processes' reads that
// overlap in time would be two runs at once.
const syncReads: Array<[number, number]> = []
const hr = {
  async *list(): AsyncGenerator<DirectoryPerson> {
    const started = Date.now()
    try {
      for (let i = 0; i < plan.directoryPeople; i++) {
        // A slow directory, so that runs last long enough to collide if the lease let them.
        if (i % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 2))
        yield {
          externalId: `hr${i}`,
          email: `hr${i}@directory.test`,
          firstName: `Hr${i}`,
          lastName: 'Person',
        }
      }
    } finally {
      syncReads.push([started, Date.now()])
    }
  },
}
const roster = createRoster({
  directorySources: { hr },
  storage,
  mailer,
  transactionRetry: { attempts: 8, baseDelayMs: 5 },
  // Mail goes out only through outbox.dispatch(), which every process runs: 4 dispatchers on one
  // outbox, each message handed to one of them.
  outbox: { dispatch: 'manual' },
})
const system = systemActor('multi-process race')
const retried: Record<string, number> = {}
roster.events.on('storage.retried', ({ reason }) => {
  retried[reason] = (retried[reason] ?? 0) + 1
})

// A small seeded generator (mulberry32), so a failing run can be replayed with its seed.
let state = plan.seed >>> 0
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0
  let t = state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
const email = () => `person${Math.floor(random() * plan.people)}@race.test`

const answers: Record<string, number> = {}
const sideAdds: Array<{ orgId: string; accountId: string }> = []
const reasons: string[] = []

/** A use-case's ResultAsync, structurally (neverthrow is core's dependency, not this package's). */
type Settled<T> = { isOk(): boolean; value?: T; error?: RosterError }

async function record<T>(op: string, call: unknown): Promise<T | null> {
  const result = await (call as PromiseLike<Settled<T>>)
  const code = result.isOk() ? 'ok' : (result.error?.code ?? '?')
  answers[`${op}:${code}`] = (answers[`${op}:${code}`] ?? 0) + 1
  if ((code === 'STORAGE_FAILURE' || code === 'CONFLICT') && reasons.length < 5)
    reasons.push(`${op}: ${JSON.stringify(result.error?.details)}`)
  return result.isOk() ? (result.value ?? null) : null
}

async function accountIdOf(address: string): Promise<string | null> {
  return (await storage.accounts.findByEmail(address))?.id ?? null
}

const orgId = plan.orgId
async function step(): Promise<void> {
  const dice = random()
  if (dice < 0.2) {
    await record(
      'members.add',
      roster.members.add(system, { orgId, email: email(), firstName: 'Ra', lastName: 'Ce' }),
    )
    return
  }
  if (dice < 0.34) {
    const accountId = await accountIdOf(email())
    if (accountId) await record('members.remove', roster.members.remove(system, { orgId, accountId }))
    return
  }
  if (dice < 0.48) {
    const accountId = await accountIdOf(email())
    if (accountId)
      await record('licenses.assign', roster.licenses.assign(system, { orgId, product: 'crm', accountId }))
    return
  }
  if (dice < 0.55) {
    const accountId = await accountIdOf(email())
    if (accountId)
      await record(
        'licenses.unassign',
        roster.licenses.unassign(system, { orgId, product: 'crm', accountId }),
      )
    return
  }
  if (dice < 0.69) {
    const accountId = await accountIdOf(email())
    if (accountId)
      await record(
        'numbers.assign',
        roster.numbers.assign(system, { orgId, number: pick(plan.numbers), accountId }),
      )
    return
  }
  if (dice < 0.77) {
    await record('numbers.unassign', roster.numbers.unassign(system, { orgId, number: pick(plan.numbers) }))
    return
  }
  if (dice < 0.88) {
    const accountId = await accountIdOf(email())
    if (accountId)
      await record(
        'roles.assign',
        roster.roles.assign(system, { orgId, accountId, grants: [{ roleId: 'admin', scope: 'org' }] }),
      )
    return
  }
  const side = pick(plan.sideOrgIds)
  if (dice < 0.94) {
    const added = await record<{ accountId: string }>(
      'side.add',
      roster.members.add(system, { orgId: side, email: email(), firstName: 'Si', lastName: 'De' }),
    )
    if (added) sideAdds.push({ orgId: side, accountId: added.accountId })
    return
  }
  await record('side.delete', roster.orgs.delete(system, { orgId: side }))
}

// Start together: tell the parent this process is ready, wait for every other one.
const deadline = await new Promise<number>((resolve) => {
  process.once('message', (message: { deadline: number }) => resolve(message.deadline))
  process.send?.({ ready: true })
})
// Four calls in flight per process, like a small app server under load, and a dispatcher.
const dispatched: Record<string, number> = {}
async function dispatch(): Promise<void> {
  const result = await record<Record<string, unknown>>('outbox.dispatch', roster.outbox.dispatch())
  for (const [key, value] of Object.entries(result ?? {}))
    if (typeof value === 'number') dispatched[key] = (dispatched[key] ?? 0) + value
}
// A scheduler per process, syncing the one connection: all but one of any overlapping attempts
// must be refused (`INVALID_STATE`, running).
async function syncLoop(): Promise<void> {
  while (Date.now() < deadline) {
    await record(
      'connections.sync',
      roster.connections.sync(system, { orgId: plan.directoryOrgId, connectionId: plan.connectionId }),
    )
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
await Promise.all([
  syncLoop(),
  ...Array.from({ length: 4 }, async () => {
    while (Date.now() < deadline) await step()
  }),
  (async () => {
    while (Date.now() < deadline) {
      await dispatch()
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  })(),
])
// Every process drains once more after the writes: they race for what is left.
await dispatch()
const delivered = mailer.sent.map((message) => message.id)
process.send?.({ answers, sideAdds, reasons, retried, delivered, dispatched, syncReads })
await db.destroy()
process.exit(0)
