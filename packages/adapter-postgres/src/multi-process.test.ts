// Issue 13: four Node processes, each with its own pool and roster on one schema of the real
// server, doing mixed writes on the same people, seats and numbers, dispatching one outbox and
// syncing one directory connection for a bounded time
// (ROSTER_MULTI_PROCESS_SECONDS, default 6), then the invariants checked in SQL. Skipped without
// ROSTER_TEST_DATABASE_URL: PGlite is one session in one process.
import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createMemoryMailer, createRoster, systemActor } from '@roster/core'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { guardPool } from './guard-pool.js'
import { migrateToLatest } from './migrations/index.js'
import { postgresStorage } from './postgres-storage.js'
import type { RosterDatabase } from './schema.js'
import { TEST_DATABASE_URL } from './test-support.js'

const PROCESSES = 4
const SECONDS = Math.max(1, Number(process.env.ROSTER_MULTI_PROCESS_SECONDS ?? 6) || 6)
const PEOPLE = 24
const SEATS = 6
const DIRECTORY_PEOPLE = 40
const schema = `roster_t_procs_${process.pid}_${Date.now().toString(36)}`

const connect = (searchPath?: string) =>
  new Kysely<RosterDatabase>({
    dialect: new PostgresDialect({
      pool: guardPool(
        new pg.Pool({
          connectionString: TEST_DATABASE_URL,
          max: 4,
          ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
        }),
      ),
    }),
  })

interface ChildReport {
  answers: Record<string, number>
  sideAdds: Array<{ orgId: string; accountId: string }>
  reasons: string[]
  retried: Record<string, number>
  /** The outbox ids this process's mailer was handed. */
  delivered: string[]
  dispatched: Record<string, number>
  /** When each read of the directory (one per sync run that got the lease) started and ended. */
  syncReads: Array<[number, number]>
}

describe.skipIf(!TEST_DATABASE_URL)(`${PROCESSES} processes writing to one schema (issue 13)`, () => {
  let db: Kysely<RosterDatabase>

  beforeAll(async () => {
    const admin = connect()
    try {
      await sql.raw(`create schema ${schema}`).execute(admin)
    } finally {
      await admin.destroy()
    }
    db = connect(schema)
    await migrateToLatest(db)
  })

  afterAll(async () => {
    await db?.destroy()
    const admin = connect()
    try {
      await sql.raw(`drop schema if exists ${schema} cascade`).execute(admin)
    } finally {
      await admin.destroy()
    }
  })

  it('L2, A13, N3, O3, outbox once, sync once: mixed writes, 4 dispatchers and 4 schedulers from 4 processes leave no orphan seat, number or grant, deliver each message once, run one sync at a time and never fail on storage', async () => {
    const mailer = createMemoryMailer()
    // The parent only connects the source; the children bring their own copy of it.
    const roster = createRoster({
      storage: postgresStorage(db),
      mailer,
      directorySources: { hr: { async *list() {} } },
    })
    const system = systemActor('seed')
    const founder = (
      await roster.accounts.signUp({ email: 'founder@race.test', firstName: 'Fay', lastName: 'Founder' })
    )._unsafeUnwrap()
    const token = mailer.last('founder@race.test')?.data.token as string
    ;(await roster.activation.activate({ token, password: 'correct horse battery staple' }))._unsafeUnwrap()
    const createOrg = async (name: string) => {
      const created = await roster.orgs.create(system, { name, founderId: founder.id })
      if (created.isErr()) throw new Error(`orgs.create: ${JSON.stringify(created.error)}`)
      return created.value.id
    }
    const orgId = await createOrg('Race')
    const sideOrgIds = [await createOrg('Side A'), await createOrg('Side B'), await createOrg('Side C')]
    ;(await roster.licenses.createPool(system, { orgId, product: 'crm', seats: SEATS }))._unsafeUnwrap()
    ;(
      await roster.licenses.createPool(system, { orgId, product: 'phone-line', seats: SEATS })
    )._unsafeUnwrap()
    const directoryOrgId = await createOrg('Directory')
    const connection = (
      await roster.connections.connectSource(system, { orgId: directoryOrgId, sourceKey: 'hr' })
    )._unsafeUnwrap()
    const numbers = Array.from({ length: 10 }, (_, i) => `+3361299${String(i).padStart(4, '0')}`)
    ;(await roster.numbers.import(system, { orgId, numbers }))._unsafeUnwrap()

    const children: ChildProcess[] = []
    let ready = 0
    const reports = await Promise.all(
      Array.from({ length: PROCESSES }, (_, index) => {
        const plan = {
          databaseUrl: TEST_DATABASE_URL,
          schema,
          orgId,
          sideOrgIds,
          numbers,
          people: PEOPLE,
          seed: 1_000 + index,
          directoryOrgId,
          connectionId: connection.id,
          directoryPeople: DIRECTORY_PEOPLE,
        }
        const child = fork(fileURLToPath(new URL('./multi-process.test-process.ts', import.meta.url)), {
          cwd: fileURLToPath(new URL('..', import.meta.url)),
          execArgv: ['--conditions=@roster/source', '--import', 'tsx'],
          env: { ...process.env, ROSTER_RACE_PLAN: JSON.stringify(plan) },
          stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        })
        children.push(child)
        return new Promise<{ exitCode: number | null; report: ChildReport | null }>((resolve) => {
          let report: ChildReport | null = null
          child.on('message', (message: ChildReport | { ready: true }) => {
            if ('ready' in message) {
              // A barrier: the writes start together once every process has loaded.
              if (++ready === PROCESSES) {
                const deadline = Date.now() + SECONDS * 1000
                for (const each of children) each.send({ deadline })
              }
            } else report = message
          })
          child.on('exit', (exitCode) => resolve({ exitCode, report }))
        })
      }),
    )

    for (const { exitCode } of reports) expect(exitCode).toBe(0)
    const answers: Record<string, number> = {}
    for (const { report } of reports)
      for (const [key, n] of Object.entries(report?.answers ?? {})) answers[key] = (answers[key] ?? 0) + n
    const calls = Object.values(answers).reduce((sum, n) => sum + n, 0)
    const retried: Record<string, number> = {}
    for (const { report } of reports)
      for (const [reason, n] of Object.entries(report?.retried ?? {}))
        retried[reason] = (retried[reason] ?? 0) + n
    console.info(
      `[issue 13] ${PROCESSES} processes × ${SECONDS} s: ${calls} calls`,
      answers,
      'retried:',
      retried,
    )
    expect(calls).toBeGreaterThan(PROCESSES * 20)
    // Typed answers only: no storage failure, and the retries absorbed every conflict.
    const failures = Object.keys(answers).filter(
      (key) => key.endsWith(':STORAGE_FAILURE') || key.endsWith(':CONFLICT'),
    )
    expect(failures, JSON.stringify(reports.flatMap((r) => r.report?.reasons ?? []))).toEqual([])

    const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
      Number((await query.execute(db)).rows[0]?.n)
    // Seats never exceed the pool.
    const overfull = await sql<{ product: string; seats: number; held: number }>`
      select p.product, p.seats, (select count(*)::int from license_seats s
        where s.org_id = p.org_id and s.product = p.product) as held
      from license_pools p`.execute(db)
    for (const pool of overfull.rows) expect(pool.held, pool.product).toBeLessThanOrEqual(pool.seats)
    // No seat of someone who is no longer a member.
    expect(
      await count(sql`select count(*)::int as n from license_seats s where s.account_id is not null
        and not exists (select 1 from memberships m where m.org_id = s.org_id and m.account_id = s.account_id)`),
    ).toBe(0)
    // A number's seat exists exactly while the number is held.
    expect(
      await count(sql`select count(*)::int as n from license_seats s where s.number is not null
        and not exists (select 1 from phone_numbers n where n.org_id = s.org_id and n.number = s.number
                        and n.account_id is not null)`),
    ).toBe(0)
    expect(
      await count(sql`select count(*)::int as n from phone_numbers n where n.account_id is not null
        and not exists (select 1 from license_seats s where s.org_id = n.org_id and s.number = n.number)`),
    ).toBe(0)
    // No number held by a non-member; no grant of a non-member.
    expect(
      await count(sql`select count(*)::int as n from phone_numbers n where n.account_id is not null
        and not exists (select 1 from memberships m where m.org_id = n.org_id and m.account_id = n.account_id)`),
    ).toBe(0)
    expect(
      await count(sql`select count(*)::int as n from grants g
        where not exists (select 1 from memberships m where m.org_id = g.org_id and m.account_id = g.account_id)`),
    ).toBe(0)
    // One membership per (org, account), each with its account and its org.
    expect(
      await count(sql`select count(*)::int as n from (select org_id, account_id from memberships
        group by org_id, account_id having count(*) > 1) d`),
    ).toBe(0)
    expect(
      await count(sql`select count(*)::int as n from memberships m
        where not exists (select 1 from accounts a where a.id = m.account_id)
           or not exists (select 1 from organizations o where o.id = m.org_id)`),
    ).toBe(0)
    // Outbox once, with 4 dispatchers: no message reached two mailers, and every message handed
    // to a mailer is `sent` in the table, and none is left due after every process's final drain.
    const delivered = reports.flatMap((r) => r.report?.delivered ?? [])
    console.info(
      `[issue 16] outbox: ${delivered.length} delivered by ${PROCESSES} dispatchers`,
      reports.map((r) => r.report?.delivered.length ?? 0),
    )
    expect(delivered.length).toBeGreaterThan(0)
    expect(delivered.length - new Set(delivered).size).toBe(0)
    expect(await count(sql`select count(*)::int as n from outbox_messages where status = 'sent'`)).toBe(
      delivered.length + mailer.sent.length,
    ) // the seed's own mail went out inline, in this process
    expect(
      await count(sql`select count(*)::int as n from outbox_messages where status in ('pending', 'sending')
        and (next_attempt_at is null or next_attempt_at <= now())`),
    ).toBe(0)
    // Sync once: the directory was read by more than one run in all (several succeeded), and no two
    // reads — from any processes — overlapped in time; the run that got in first brought every
    // person once, and no lease is left behind.
    const reads = reports.flatMap((r) => r.report?.syncReads ?? []).sort((a, b) => a[0] - b[0])
    console.info(
      `[issue 16] sync: ${reads.length} runs from ${PROCESSES} schedulers`,
      reports.map((r) => r.report?.syncReads.length ?? 0),
      'refused as running:',
      answers['connections.sync:INVALID_STATE'] ?? 0,
    )
    expect(reads.length).toBeGreaterThan(1)
    for (let i = 1; i < reads.length; i++)
      expect(reads[i]![0], `run ${i} started before run ${i - 1} ended`).toBeGreaterThanOrEqual(
        reads[i - 1]![1],
      )
    expect(
      await count(sql`select count(*)::int as n from memberships where org_id = ${directoryOrgId}`),
    ).toBe(DIRECTORY_PEOPLE + 1) // and the founder
    expect(
      await count(sql`select count(*)::int as n from connections where id = ${connection.id}
        and org_id = ${directoryOrgId} and lease_until > now()`),
    ).toBe(0)
    // O3: a side org that someone was added to was never deleted (only adds and deletes ran there).
    for (const { orgId: side, accountId } of reports.flatMap((r) => r.report?.sideAdds ?? [])) {
      expect(
        await count(
          sql`select count(*)::int as n from memberships where org_id = ${side} and account_id = ${accountId}`,
        ),
        `member ${accountId} added to ${side}`,
      ).toBe(1)
    }
  }, 180_000)
})
