// Test harnesses for the adapter's own tests (not part of the package's API): every test starts
// from an empty, migrated database — on one PGlite per test file, or on the server named by
// ROSTER_TEST_DATABASE_URL.
import { PGlite } from '@electric-sql/pglite'
import type { Storage } from '@roster/core/storage'
import { type Dialect, Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { guardPool } from './guard-pool.js'
import { migrateToLatest, ROSTER_MIGRATION_LOCK_TABLE, ROSTER_MIGRATION_TABLE } from './migrations/index.js'
import { pgliteDialect } from './pglite-dialect.js'
import { preparedStatements } from './prepared-statements.js'
import { type PostgresStorageOptions, postgresStorage } from './postgres-storage.js'
import type { RosterDatabase } from './schema.js'

/** The real server to test on, when set (CI sets it when one answers). */
export const TEST_DATABASE_URL = process.env.ROSTER_TEST_DATABASE_URL

/** What a harness hands each test. */
export interface TestDatabase {
  db: Kysely<RosterDatabase>
  storage: Storage
  schema: string
}

/** Options of `Harness.open`. */
export interface OpenOptions extends PostgresStorageOptions {
  /** Called with the SQL of every statement sent (BEGIN and COMMIT included). */
  onStatement?: (sql: string) => void
  /** Wraps the dialect of the Kysely the storage runs on (the statement-fault injector does). */
  wrapDialect?: (dialect: Dialect) => Dialect
}

export interface Harness {
  name: string
  /** An empty database with Roster's migrations applied, and a storage over it. */
  open(options?: OpenOptions): Promise<TestDatabase>
  /** Releases what `open` took (drops the schema on the server). */
  dispose(database: TestDatabase): Promise<void>
  /** Releases the harness (the PGlite instance). */
  close(): Promise<void>
}

let sequence = 0
function schemaName(): string {
  // Unique across processes sharing one server: pid, time and a counter.
  return `roster_t_${process.pid}_${Date.now().toString(36)}_${++sequence}`
}

/**
 * One statement that empties every Roster table of the current schema. The deletes are CTEs of a
 * single statement, so foreign keys are checked once at its end and the order does not matter.
 */
async function emptyingStatement(db: Kysely<RosterDatabase>): Promise<string> {
  const { rows } = await sql<{ name: string }>`
    select tablename as name from pg_tables
    where schemaname = current_schema() and tablename not in (${ROSTER_MIGRATION_TABLE}, ${ROSTER_MIGRATION_LOCK_TABLE})
    order by tablename`.execute(db)
  const [last, ...others] = rows.map((row) => `"${row.name}"`)
  const ctes = others.map((table, i) => `d${i} as (delete from ${table})`)
  return `${ctes.length ? `with ${ctes.join(', ')} ` : ''}delete from ${last}`
}

/**
 * One PGlite per test file, started and migrated on first use. PGlite is a single session and
 * vitest runs a file's tests one after another, so each test gets the same migrated schema,
 * emptied first (one statement, milliseconds) — migrating a schema per test would cost ~150 ms
 * of DDL each on WebAssembly Postgres.
 */
export function pgliteHarness(): Harness {
  let ready: Promise<{ pglite: PGlite; db: Kysely<RosterDatabase>; empty: string }> | undefined
  // One Kysely per PGlite (its driver is what serializes the single session); statements are
  // reported to whichever test opened last.
  let onStatement: ((sql: string) => void) | undefined
  const start = async () => {
    const pglite = await PGlite.create()
    const db = new Kysely<RosterDatabase>({
      dialect: pgliteDialect(pglite),
      log: (event) => onStatement?.(event.query.sql),
    })
    await migrateToLatest(db)
    return { pglite, db, empty: await emptyingStatement(db) }
  }
  return {
    name: 'pglite',
    async open(options) {
      ready ??= start()
      const { pglite, db, empty } = await ready
      onStatement = undefined
      await sql.raw(empty).execute(db)
      onStatement = options?.onStatement
      if (!options?.wrapDialect) return { db, storage: postgresStorage(db, options), schema: 'public' }
      // A Kysely of its own over the same session, for this test only (the tests of a file run
      // one at a time, so its driver and the shared one never interleave).
      const wrapped = new Kysely<RosterDatabase>({
        dialect: options.wrapDialect(pgliteDialect(pglite, { closeOnDestroy: false })),
        log: (event) => onStatement?.(event.query.sql),
      })
      return { db: wrapped, storage: postgresStorage(wrapped, options), schema: 'public' }
    },
    async dispose({ db }) {
      if ((await ready)?.db !== db) await db.destroy()
    },
    async close() {
      if (ready) await (await ready).db.destroy()
    },
  }
}

/**
 * On a real server: one schema of its own per test file (other processes may test on the same
 * server at the same time), migrated once, emptied before each test like on PGlite, and dropped
 * at the end. Each test gets its own pool over it, so concurrency tests really run in parallel.
 */
export function serverHarness(connectionString: string, { prepared = false } = {}): Harness {
  const schema = schemaName()
  const connect = (onStatement?: (sql: string) => void, wrapDialect = (dialect: Dialect) => dialect) => {
    const plain = guardPool(new pg.Pool({ connectionString, max: 10, options: `-c search_path=${schema}` }))
    const pool = prepared ? preparedStatements(plain) : plain
    return new Kysely<RosterDatabase>({
      dialect: wrapDialect(new PostgresDialect({ pool })),
      ...(onStatement ? { log: (event) => onStatement(event.query.sql) } : {}),
    })
  }
  let ready: Promise<string> | undefined
  const start = async () => {
    const db = connect()
    try {
      await sql.raw(`create schema ${schema}`).execute(db)
      await migrateToLatest(db)
      return await emptyingStatement(db)
    } finally {
      await db.destroy()
    }
  }
  return {
    name: prepared ? 'server, prepared statements' : 'server',
    async open(options) {
      ready ??= start()
      const empty = await ready
      let counting = false
      const db = connect((statement) => {
        if (counting) options?.onStatement?.(statement)
      }, options?.wrapDialect)
      await sql.raw(empty).execute(db)
      counting = true
      return { db, storage: postgresStorage(db, options), schema }
    },
    async dispose({ db }) {
      await db.destroy()
    },
    async close() {
      if (!ready) return
      await ready.catch(() => undefined)
      const db = connect()
      try {
        await sql.raw(`drop schema if exists ${schema} cascade`).execute(db)
      } finally {
        await db.destroy()
      }
    },
  }
}

/** The harnesses to run on: PGlite always, the server when ROSTER_TEST_DATABASE_URL is set. */
export function harnesses({ prepared = false } = {}): Harness[] {
  if (!TEST_DATABASE_URL) return [pgliteHarness()]
  return [
    pgliteHarness(),
    serverHarness(TEST_DATABASE_URL),
    ...(prepared ? [serverHarness(TEST_DATABASE_URL, { prepared: true })] : []),
  ]
}

/**
 * `makeStorage`/`disposeStorage` for `runStorageConformance` and the shared suites, over a harness;
 * `databaseOf` finds the open database behind a storage (for suites that read its tables).
 */
export function conformanceOptions(harness: Harness, options?: OpenOptions) {
  const open = new Map<Storage, TestDatabase>()
  return {
    databaseOf: (storage: Storage): TestDatabase => {
      const database = open.get(storage)
      if (!database) throw new Error('this storage is not open on the harness')
      return database
    },
    name: `postgres (${harness.name}${options?.deferAppends === false ? ', appends not deferred' : ''})`,
    makeStorage: async () => {
      const database = await harness.open(options)
      open.set(database.storage, database)
      return database.storage
    },
    disposeStorage: async (storage: Storage) => {
      const database = open.get(storage)
      open.delete(storage)
      if (database) await harness.dispose(database)
    },
  }
}
