// The bench's own database on the server, and a Kysely over it that counts every statement sent
// (BEGIN and COMMIT included) through Kysely's log hook.
import { migrateToLatest, postgresStorage, type RosterDatabase } from '@roster/adapter-postgres'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'

export const SERVER_URL = process.env.ROSTER_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
export const BENCH_DATABASE = process.env.ROSTER_BENCH_DATABASE ?? 'roster_bench'

/** Counts statements: read `count` before and after a call. */
export class StatementCounter {
  count = 0
  /** Runs `fn` and returns its value and how many statements it sent. */
  async measure<T>(fn: () => PromiseLike<T> | T): Promise<{ value: Awaited<T>; statements: number }> {
    const before = this.count
    const value = await fn()
    return { value, statements: this.count - before }
  }
}

function urlFor(database: string): string {
  const url = new URL(SERVER_URL)
  url.pathname = `/${database}`
  return url.toString()
}

/** Drops and recreates the bench database (never the one in the URL), migrated to latest. */
export async function openBenchDatabase(poolSize = 10) {
  if (new URL(SERVER_URL).pathname.slice(1) === BENCH_DATABASE)
    throw new Error(
      `The bench recreates ${BENCH_DATABASE}; point ROSTER_BENCH_DATABASE_URL at another database`,
    )
  const admin = new pg.Client({ connectionString: SERVER_URL })
  await admin.connect()
  try {
    await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`)
    await admin.query(`create database ${BENCH_DATABASE}`)
  } finally {
    await admin.end()
  }
  const pool = new pg.Pool({ connectionString: urlFor(BENCH_DATABASE), max: poolSize })
  const counter = new StatementCounter()
  const db = new Kysely<RosterDatabase>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') counter.count++
    },
  })
  await migrateToLatest(db)
  const storage = postgresStorage(db)
  // The same database the way the README sets it up: `postgresStorage(pool)` over a plain pg pool,
  // which prepares Roster's plan-stable statements once per connection (`preparedStatements` in
  // 'auto' mode: a direct connection, so prepared) and guards lost connections.
  const readmePool = new pg.Pool({ connectionString: urlFor(BENCH_DATABASE), max: poolSize })
  const preparedStorage = postgresStorage(readmePool)
  return {
    db,
    pool,
    storage,
    preparedStorage,
    counter,
    async close(drop: boolean) {
      await db.destroy()
      await readmePool.end()
      if (!drop) return
      const client = new pg.Client({ connectionString: SERVER_URL })
      await client.connect()
      try {
        await client.query(`drop database if exists ${BENCH_DATABASE} with (force)`)
      } finally {
        await client.end()
      }
    },
  }
}

export type BenchDatabase = Awaited<ReturnType<typeof openBenchDatabase>>
