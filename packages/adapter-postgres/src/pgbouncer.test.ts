// Through real PgBouncer processes (session and transaction mode) started by the test on
// ephemeral loopback ports: pooling detection and prepared statements behind each mode. Needs
// ROSTER_TEST_DATABASE_URL and a pgbouncer binary (`.ci/run` installs Debian's); skipped with the
// reason otherwise.
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateToLatest } from './migrations/index.js'
import {
  pgbouncerSkipReason,
  pgbouncerVersion,
  type RunningPgbouncer,
  startPgbouncer,
} from './pgbouncer-support.js'
import { detectKyselyPooling, detectPooling } from './pooler.js'
import { postgresStorage } from './postgres-storage.js'
import { preparedStatements } from './prepared-statements.js'
import type { RosterDatabase } from './schema.js'
import { TEST_DATABASE_URL } from './test-support.js'

const skip = pgbouncerSkipReason(TEST_DATABASE_URL)
if (skip) console.warn(skip)

// PgBouncer drops the startup `options` (so no search_path per pool): the tests get a database
// of their own, migrated up front over a direct connection, reached through the poolers by name.
const database = `roster_pgb_${process.pid}_${Date.now().toString(36)}`
const urlOf = (base: string) => {
  const url = new URL(base)
  url.pathname = `/${database}`
  return url.toString()
}
const admin = () => new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 })
const kysely = (pool: pg.Pool) => new Kysely<RosterDatabase>({ dialect: new PostgresDialect({ pool }) })

describe.skipIf(skip !== undefined)(`PgBouncer ${pgbouncerVersion() ?? ''}`, () => {
  let session: RunningPgbouncer
  let transaction: RunningPgbouncer
  beforeAll(async () => {
    const pool = admin()
    await pool.query(`create database ${database}`)
    await pool.end()
    const direct = kysely(new pg.Pool({ connectionString: urlOf(TEST_DATABASE_URL!), max: 2 }))
    await migrateToLatest(direct)
    await direct.destroy()
    ;[session, transaction] = await Promise.all([
      startPgbouncer(TEST_DATABASE_URL!, 'session', { poolSize: 12 }),
      startPgbouncer(TEST_DATABASE_URL!, 'transaction', { poolSize: 3 }),
    ])
  }, 30_000)
  afterAll(async () => {
    await Promise.all([session?.stop(), transaction?.stop()])
    const pool = admin()
    await pool.query(`drop database if exists ${database} with (force)`)
    await pool.end()
  })

  it('detectPooling: a direct connection and session mode keep a session, transaction mode does not', async () => {
    const direct = new pg.Pool({ connectionString: urlOf(TEST_DATABASE_URL!), max: 4 })
    const viaSession = new pg.Pool({ connectionString: urlOf(session.url), max: 4 })
    const viaTransaction = new pg.Pool({ connectionString: urlOf(transaction.url), max: 4 })
    try {
      expect(await detectPooling(direct)).toBe('session')
      expect(await detectPooling(viaSession)).toBe('session')
      expect(await detectPooling(viaTransaction)).toBe('transaction')
      expect(await detectPooling(new pg.Pool({ connectionString: urlOf(transaction.url), max: 1 }))).toBe(
        'unknown',
      )
      const db = kysely(new pg.Pool({ connectionString: urlOf(transaction.url), max: 4 }))
      expect(await detectKyselyPooling(db)).toBe('transaction')
      await db.destroy()
    } finally {
      await Promise.all([direct.end(), viaSession.end(), viaTransaction.end()])
    }
  })

  /** 200 lookups, 8 at a time, through `pool`: how many rejected. */
  async function lookups(pool: pg.Pool): Promise<{ failed: number; codes: Set<string> }> {
    const db = kysely(pool)
    const storage = postgresStorage(db)
    let failed = 0
    const codes = new Set<string>()
    try {
      await Promise.all(
        Array.from({ length: 8 }, async (_, lane) => {
          for (let i = 0; i < 25; i++) {
            try {
              await storage.accounts.findByEmail(`nobody${lane}.${i}@pgbouncer.test`)
              await storage.orgs.findBySlug(`no-org-${lane}`)
            } catch (error) {
              failed++
              codes.add(String((error as { code?: unknown }).code))
            }
          }
        }),
      )
    } finally {
      await db.destroy()
    }
    return { failed, codes }
  }

  it('preparedStatements({ mode: "always" }) through transaction mode (PgBouncer < 1.21) fails statements, then stops preparing', async () => {
    const told: string[] = []
    const pool = preparedStatements(new pg.Pool({ connectionString: urlOf(transaction.url), max: 8 }), {
      mode: 'always',
      onUnprepared: (reason) => told.push(reason),
    })
    const { failed, codes } = await lookups(pool)
    // The failure mode the default guards against (the control of the next test).
    expect(failed).toBeGreaterThan(0)
    expect([...codes].every((code) => code === '26000' || code === '42P05')).toBe(true)
    expect(told).toHaveLength(1)
    expect(told[0]).toMatch(/26000|42P05/)
  }, 30_000)

  it('preparedStatements() (mode auto) through transaction mode detects the pooler and runs every statement unprepared', async () => {
    const told: string[] = []
    const pool = preparedStatements(new pg.Pool({ connectionString: urlOf(transaction.url), max: 8 }), {
      onUnprepared: (reason) => told.push(reason),
    })
    expect(await lookups(pool)).toEqual({ failed: 0, codes: new Set() })
    expect(told).toEqual(['the pool reaches Postgres through a transaction-mode pooler'])
  }, 30_000)

  it('preparedStatements() (mode auto) through session mode keeps preparing, and every call succeeds', async () => {
    const told: string[] = []
    const prepared: string[] = []
    const base = new pg.Pool({ connectionString: urlOf(session.url), max: 8 })
    const pool = preparedStatements(base, { onUnprepared: (reason) => told.push(reason) })
    expect(await lookups(pool)).toEqual({ failed: 0, codes: new Set() })
    expect(told).toEqual([])
    // The statements really were prepared on the server sessions.
    const check = new pg.Pool({ connectionString: urlOf(session.url), max: 1 })
    const probe = preparedStatements(check)
    const client = await probe.connect()
    await client.query('/*roster*/ select 1 as one', [])
    const { rows } = await client.query('select name from pg_prepared_statements')
    prepared.push(...rows.map((row: { name: string }) => row.name))
    client.release()
    await check.end()
    expect(prepared.some((name) => name.startsWith('roster_'))).toBe(true)
  }, 30_000)
})
