// Issue 13 #6: a connection the server terminates while Roster holds it inside a transaction is an
// error Result (STORAGE_FAILURE), never a crashed process, and the next call works. On the real
// server only (skipped without ROSTER_TEST_DATABASE_URL): PGlite has no connections to lose.
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createRoster, type Storage } from '@roster/core'
import { createMemoryMailer } from '@roster/core/testing'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { guardPool } from './guard-pool.js'
import { migrateToLatest } from './migrations/index.js'
import { postgresStorage } from './postgres-storage.js'
import type { RosterDatabase } from './schema.js'
import { TEST_DATABASE_URL } from './test-support.js'

const schema = `roster_t_loss_${process.pid}_${Date.now().toString(36)}`
let sequence = 0
const appName = () => `roster-loss-${process.pid}-${++sequence}`

function kysely(pool: pg.Pool): Kysely<RosterDatabase> {
  return new Kysely<RosterDatabase>({ dialect: new PostgresDialect({ pool }) })
}

/** An admin connection (no search_path) for DDL and for terminating backends. */
const admin = () => kysely(new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 }))

/**
 * Terminates every backend of `applicationName` that sits idle inside a transaction, and waits
 * until the server shows none left. Returns how many it terminated.
 */
async function terminateIdleInTransaction(applicationName: string): Promise<number> {
  const db = admin()
  try {
    const { rows } = await sql<{ terminated: boolean }>`
      select pg_terminate_backend(pid) as terminated from pg_stat_activity
      where application_name = ${applicationName} and state = 'idle in transaction'`.execute(db)
    for (let i = 0; i < 100; i++) {
      const { rows: left } = await sql<{ n: number }>`
        select count(*)::int as n from pg_stat_activity where application_name = ${applicationName}`.execute(
        db,
      )
      if (left[0]?.n === 0) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    // Let the client see its socket close (and emit 'error') before it is used again.
    await new Promise((resolve) => setTimeout(resolve, 100))
    return rows.filter((row) => row.terminated).length
  } finally {
    await db.destroy()
  }
}

describe.skipIf(!TEST_DATABASE_URL)('connection loss on a real server (issue 13)', () => {
  beforeAll(async () => {
    const db = admin()
    try {
      await sql.raw(`create schema ${schema}`).execute(db)
    } finally {
      await db.destroy()
    }
    const scoped = kysely(
      new pg.Pool({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` }),
    )
    try {
      await migrateToLatest(scoped)
    } finally {
      await scoped.destroy()
    }
  })

  afterAll(async () => {
    const db = admin()
    try {
      await sql.raw(`drop schema if exists ${schema} cascade`).execute(db)
    } finally {
      await db.destroy()
    }
  })

  it('STORAGE_FAILURE: a backend terminated mid-transaction fails that use-case only; the next call works', async () => {
    const applicationName = appName()
    const pool = guardPool(
      new pg.Pool({
        connectionString: TEST_DATABASE_URL,
        max: 2,
        application_name: applicationName,
        options: `-c search_path=${schema}`,
      }),
    )
    const db = kysely(pool)
    try {
      const inner = postgresStorage(db)
      let pause: (() => Promise<void>) | null = async () => {
        expect(await terminateIdleInTransaction(applicationName)).toBe(1)
      }
      // BEGIN has been sent when `fn` is called: the connection is checked out, inside a transaction.
      const storage: Storage = {
        ...inner,
        transaction: (fn) =>
          inner.transaction(async (tx) => {
            const step = pause
            pause = null
            if (step) await step()
            return fn(tx)
          }),
      }
      const roster = createRoster({ storage, mailer: createMemoryMailer() })

      const lost = await roster.accounts.signUp({
        email: 'lost@example.com',
        firstName: 'Lou',
        lastName: 'Lost',
      })
      expect(lost._unsafeUnwrapErr().code).toBe('STORAGE_FAILURE')
      expect(await inner.accounts.findByEmail('lost@example.com')).toBeNull()

      const next = await roster.accounts.signUp({
        email: 'next@example.com',
        firstName: 'Nia',
        lastName: 'Next',
      })
      expect(next.isOk()).toBe(true)
      expect(await inner.accounts.findByEmail('next@example.com')).not.toBeNull()
    } finally {
      await db.destroy()
    }
  })

  /** Runs connection-loss.test-process.ts, terminating its backend when it pauses in a transaction. */
  async function runChild(guard: boolean): Promise<{ exitCode: number | null; answers: string[] }> {
    const applicationName = appName()
    const child = fork(fileURLToPath(new URL('./connection-loss.test-process.ts', import.meta.url)), {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      execArgv: ['--conditions=@roster/source', '--import', 'tsx'],
      env: {
        ...process.env,
        DATABASE_URL: TEST_DATABASE_URL,
        SCHEMA: schema,
        APP_NAME: applicationName,
        GUARD: guard ? '1' : '0',
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    })
    const answers: string[] = []
    child.on('message', async (message: { step: string; code?: string }) => {
      if (message.step === 'in-transaction') {
        await terminateIdleInTransaction(applicationName)
        // The unguarded control may already have crashed: then there is nobody to tell.
        if (child.connected) child.send('go', () => undefined)
      } else answers.push(`${message.step}:${message.code}`)
    })
    const exitCode = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    return { exitCode, answers }
  }

  it('the process lives: a guarded pool answers STORAGE_FAILURE and carries on; without the guard pg crashes it', async () => {
    const guarded = await runChild(true)
    expect(guarded).toEqual({ exitCode: 0, answers: ['first:STORAGE_FAILURE', 'second:ok'] })
    // The control: the same child on a bare pool (with `pool.on('error')`) dies of the unhandled
    // 'error' event, which is what the guard prevents.
    const bare = await runChild(false)
    expect(bare.exitCode).not.toBe(0)
    expect(bare.answers).toEqual([])
  })
})
