// Roster's own migration runner. Kysely's Migrator takes a session-level advisory lock in one
// statement and releases it in another; behind a transaction pooler (PgBouncer in transaction mode)
// those two statements can reach different server connections, so the lock leaks and the next
// migration waits for it. Here each migration runs in a transaction of its own that takes a
// transaction-scoped lock first: whatever routes the statements, a transaction stays on one server
// connection, and its lock ends with it — it cannot leak.
import { type Kysely, type Migration, type MigrationResult, sql, type Transaction } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: any host Kysely (Kysely<DB>) runs the migrations.
type AnyDb = Kysely<any>
// biome-ignore lint/suspicious/noExplicitAny: as above.
type AnyTransaction = Transaction<any>

/** Options of the migration functions. */
export interface MigrationRunOptions {
  /**
   * How long one migration waits for another process's lock (and for a table lock its DDL needs)
   * before it fails, in ms. Default 60 000; 0 waits forever.
   */
  lockTimeoutMs?: number
}

/** Thrown when a migration fails; `results` says which ran, which failed and which were skipped. */
export class RosterMigrationError extends Error {
  constructor(
    message: string,
    readonly results: readonly MigrationResult[],
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'RosterMigrationError'
  }
}

interface Bookkeeping {
  schema: string
  table: string
}

/**
 * Runs `fn` in a transaction holding the migration lock of the connection's current schema (one
 * lock per schema, so two schemas of one database migrate independently), with the bookkeeping
 * table created if missing.
 */
async function underMigrationLock<T>(
  db: AnyDb,
  table: string,
  options: MigrationRunOptions,
  fn: (trx: AnyTransaction, bookkeeping: Bookkeeping) => Promise<T>,
): Promise<T> {
  const lockTimeoutMs = options.lockTimeoutMs ?? 60_000
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('lock_timeout', ${`${lockTimeoutMs}ms`}, true)`.execute(trx)
    const { rows } = await sql<{ schema: string | null }>`
      select current_schema() as schema,
             pg_advisory_xact_lock(hashtextextended('roster_migrations:' || current_schema(), 0)) as locked`.execute(
      trx,
    )
    const schema = rows[0]?.schema
    if (!schema)
      throw new Error('Roster: no current schema to migrate (the search_path names no schema that exists)')
    // The same columns as Kysely's migration table, so rosterMigrator() reads this history too.
    await sql`create table if not exists ${sql.id(schema, table)} (
      name varchar(255) not null primary key,
      timestamp varchar(255) not null
    )`.execute(trx)
    return fn(trx, { schema, table })
  })
}

async function executedNames(
  db: AnyDb | AnyTransaction,
  { schema, table }: Bookkeeping,
): Promise<Map<string, Date>> {
  const { rows } = await sql<{ name: string; timestamp: string }>`
    select name, timestamp from ${sql.id(schema, table)}`.execute(db)
  return new Map(rows.map((row) => [row.name, new Date(row.timestamp)]))
}

/**
 * The executed migrations without taking the lock or creating anything: `null` when the
 * bookkeeping table does not exist yet (a fresh schema).
 */
async function readHistory(db: AnyDb, table: string): Promise<Map<string, Date> | null> {
  const { rows } = await sql<{ schema: string | null; present: boolean }>`
    select current_schema() as schema,
           to_regclass(quote_ident(current_schema()) || '.' || quote_ident(${table})) is not null as present`.execute(
    db,
  )
  const schema = rows[0]?.schema
  if (!schema || !rows[0]?.present) return null
  return executedNames(db, { schema, table })
}

function unknownExecuted(
  executed: Map<string, Date>,
  migrations: Readonly<Record<string, Migration>>,
): string[] {
  return [...executed.keys()].filter((name) => !(name in migrations))
}

function failure(
  what: string,
  name: string,
  error: unknown,
  results: MigrationResult[],
): RosterMigrationError {
  const reason = error instanceof Error ? error.message : String(error)
  return new RosterMigrationError(`Roster: ${what} failed at ${name}: ${reason}`, results, { cause: error })
}

/**
 * Applies every pending migration in name order, each in its own transaction under the lock.
 * When all are applied it costs two reads (is there a history table; what it holds) and takes no lock.
 */
export async function runPendingMigrations(
  db: AnyDb,
  migrations: Readonly<Record<string, Migration>>,
  table: string,
  options: MigrationRunOptions = {},
): Promise<MigrationResult[]> {
  const names = Object.keys(migrations).sort()
  const history = await readHistory(db, table)
  if (history) {
    const unknown = unknownExecuted(history, migrations)
    if (unknown.length > 0)
      throw new RosterMigrationError(
        `Roster: the database has migrations this version of @roster/adapter-postgres does not know (${unknown.join(', ')}): it was migrated by a newer version`,
        [],
      )
  }
  const pending = names.filter((name) => !history?.has(name))
  const results: MigrationResult[] = []
  for (const [index, name] of pending.entries()) {
    try {
      const applied = await underMigrationLock(db, table, options, async (trx, bookkeeping) => {
        // Read again under the lock: another process may have applied it meanwhile.
        if ((await executedNames(trx, bookkeeping)).has(name)) return false
        await migrations[name]!.up(trx)
        await sql`insert into ${sql.id(bookkeeping.schema, bookkeeping.table)} (name, timestamp)
          values (${name}, ${new Date().toISOString()})`.execute(trx)
        return true
      })
      if (applied) results.push({ migrationName: name, direction: 'Up', status: 'Success' })
    } catch (error) {
      results.push({ migrationName: name, direction: 'Up', status: 'Error' })
      for (const later of pending.slice(index + 1))
        results.push({ migrationName: later, direction: 'Up', status: 'NotExecuted' })
      throw failure('migrating to latest', name, error, results)
    }
  }
  return results
}

/** Reverts the most recent applied migration (by name), in one transaction under the lock. */
export async function revertLastMigration(
  db: AnyDb,
  migrations: Readonly<Record<string, Migration>>,
  table: string,
  options: MigrationRunOptions = {},
): Promise<MigrationResult[]> {
  let last: string | undefined
  try {
    return await underMigrationLock(db, table, options, async (trx, bookkeeping) => {
      const executed = [...(await executedNames(trx, bookkeeping)).keys()].sort()
      last = executed.at(-1)
      if (last === undefined) return []
      const migration = migrations[last]
      if (!migration) throw new Error(`${last} is not a migration of this version`)
      await migration.down?.(trx)
      await sql`delete from ${sql.id(bookkeeping.schema, bookkeeping.table)} where name = ${last}`.execute(
        trx,
      )
      return [{ migrationName: last, direction: 'Down', status: 'Success' } satisfies MigrationResult]
    })
  } catch (error) {
    const name = last ?? '(none)'
    throw failure('migrating down', name, error, [
      { migrationName: name, direction: 'Down', status: 'Error' },
    ])
  }
}

/** Every migration with when it ran, without taking the lock or creating anything. */
export async function readMigrationStatus(
  db: AnyDb,
  migrations: Readonly<Record<string, Migration>>,
  table: string,
): Promise<Array<{ name: string; executedAt: Date | undefined }>> {
  const history = (await readHistory(db, table)) ?? new Map<string, Date>()
  return Object.keys(migrations)
    .sort()
    .map((name) => ({ name, executedAt: history.get(name) }))
}
