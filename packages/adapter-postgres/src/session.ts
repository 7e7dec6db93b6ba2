import { StorageConflictError, type StorageConflictReason } from '@roster/core'
import { CompiledQuery, type Kysely, type QueryResult, type RawBuilder, sql, type Transaction } from 'kysely'
import { PREPARABLE } from './prepared-statements.js'
import type { RosterDatabase } from './schema.js'

/** Tables that only receive appends and may be written late, within the same transaction. */
export type AppendTable = 'tokens' | 'audit_events' | 'outbox_messages'

/** How one column of an append-only table is sent: its Postgres type and how to read it from a row. */
export interface AppendColumn<Row> {
  name: string
  type: string
  value: (row: Row) => unknown
}

interface PendingAppend {
  table: AppendTable
  columns: readonly AppendColumn<never>[]
  rows: unknown[]
}

/**
 * Builds `INSERT INTO table (cols) SELECT * FROM unnest($1::type[], …)`: one parameter per column
 * whatever the number of rows, so a large batch never meets the 65,535-parameter limit.
 */
function unnestInsert(append: PendingAppend, firstParameter: number): { sql: string; parameters: unknown[] } {
  const names = append.columns.map((column) => `"${column.name}"`).join(', ')
  const arrays = append.columns
    .map((column, index) => `$${firstParameter + index}::${column.type}[]`)
    .join(', ')
  const parameters = append.columns.map((column) => append.rows.map((row) => column.value(row as never)))
  return { sql: `insert into ${append.table} (${names}) select * from unnest(${arrays})`, parameters }
}

/**
 * @internal Append-only writes held back within a transaction. They are sent as data-modifying
 * CTEs in front of the next statement that cannot observe them (a statement does not see rows its
 * own CTEs insert, so it must not read or cascade into those tables), or on their own before any
 * statement that could, and before COMMIT. The port allows this: the rows are still written in the
 * caller's transaction, and nothing in it can tell the difference.
 */
export class AppendBuffer {
  #pending = new Map<AppendTable, PendingAppend>()

  add<Row>(table: AppendTable, columns: readonly AppendColumn<Row>[], row: Row): void {
    let pending = this.#pending.get(table)
    if (!pending) {
      pending = { table, columns: columns as readonly AppendColumn<never>[], rows: [] }
      this.#pending.set(table, pending)
    }
    pending.rows.push(row)
  }

  get isEmpty(): boolean {
    return this.#pending.size === 0
  }

  holds(tables: readonly AppendTable[]): boolean {
    return tables.some((table) => this.#pending.has(table))
  }

  /** Empties the buffer into CTEs whose parameters start at `$firstParameter`. */
  takeCtes(firstParameter: number): { ctes: string[]; parameters: unknown[] } {
    const ctes: string[] = []
    const parameters: unknown[] = []
    for (const pending of this.#pending.values()) {
      const insert = unnestInsert(pending, firstParameter + parameters.length)
      ctes.push(`roster_append_${pending.table} as (${insert.sql})`)
      parameters.push(...insert.parameters)
    }
    this.#pending.clear()
    return { ctes, parameters }
  }

  /** Empties the buffer into one standalone statement, or null when empty. */
  takeStatement(): CompiledQuery | null {
    if (this.isEmpty) return null
    const pending = [...this.#pending.values()]
    if (pending.length === 1) {
      this.#pending.clear()
      const insert = unnestInsert(pending[0]!, 1)
      return CompiledQuery.raw(insert.sql, insert.parameters)
    }
    const { ctes, parameters } = this.takeCtes(1)
    return CompiledQuery.raw(`with ${ctes.join(', ')} select 1`, parameters)
  }
}

const LEADING_WITH = /^\s*with\s+/i

/** Prepends CTEs to a compiled statement, numbering their parameters after the statement's own. */
function withCtes(query: CompiledQuery, buffer: AppendBuffer): CompiledQuery {
  const { ctes, parameters } = buffer.takeCtes(query.parameters.length + 1)
  const leading = LEADING_WITH.exec(query.sql)
  const sql = leading
    ? `with ${ctes.join(', ')}, ${query.sql.slice(leading[0].length)}`
    : `with ${ctes.join(', ')} ${query.sql}`
  return CompiledQuery.raw(sql, [...query.parameters, ...parameters])
}

/** Options of one statement run through a session. */
export interface StatementOptions {
  /**
   * Whether the statement may run as a prepared statement (see `preparedStatements`): false for
   * statements whose best plan depends on the values (a prefix search). Default true.
   */
  prepare?: boolean
  /**
   * Append-only tables the statement reads, writes or reaches through a foreign-key cascade.
   * Buffered rows of those tables are flushed first, on their own.
   */
  touches?: readonly AppendTable[]
}

/**
 * The SQLSTATEs a concurrent transaction causes, for which running the whole transaction again can
 * succeed: serialization failure, deadlock, and the foreign-key and unique violations of a write
 * whose premise another transaction just changed (a membership deleted under a grant, an account
 * deleted under a new membership). Statements that expect a conflict have a typed outcome instead
 * (`ON CONFLICT`, `rowsOrViolation`) and never get here.
 */
const CONFLICT_STATES: Readonly<Record<string, StorageConflictReason>> = {
  '40001': 'serialization',
  '40P01': 'deadlock',
  '23503': 'constraint',
  '23505': 'constraint',
}

/**
 * @internal A database error a concurrent transaction caused, as the port's retryable
 * `StorageConflictError` (its cause the original error); any other error unchanged — a lost
 * connection, a timeout or a bug stays a plain rejection (`STORAGE_FAILURE`).
 */
export function asStorageConflict(error: unknown): unknown {
  if (typeof error !== 'object' || error === null || error instanceof StorageConflictError) return error
  const { code, message } = error as { code?: unknown; message?: unknown }
  const reason = typeof code === 'string' ? CONFLICT_STATES[code] : undefined
  if (reason === undefined) return error
  return new StorageConflictError(reason, `postgresStorage: ${String(message ?? code)}`, { cause: error })
}

/** Runs a statement, rejecting with `asStorageConflict` of its error. */
async function run<R>(
  db: Kysely<RosterDatabase> | Transaction<RosterDatabase>,
  query: CompiledQuery,
): Promise<QueryResult<R>> {
  try {
    return await db.executeQuery<R>(query as CompiledQuery<R>)
  } catch (error) {
    throw asStorageConflict(error)
  }
}

export interface UniqueViolation {
  constraint: string
}

const UNIQUE_VIOLATION = '23505'

function uniqueViolationOf(error: unknown): UniqueViolation | null {
  if (typeof error !== 'object' || error === null) return null
  const { code, constraint } = error as { code?: unknown; constraint?: unknown }
  if (code !== UNIQUE_VIOLATION) return null
  return { constraint: typeof constraint === 'string' ? constraint : '' }
}

/**
 * @internal Where a repository sends its statements: the database (each call autocommits) or one
 * transaction (with an append buffer). Repositories compile `sql` templates against `db` and run
 * them here, so buffering, savepoints and statement accounting live in one place.
 */
export class Session {
  /**
   * Memberships this transaction already holds FOR UPDATE (`orgId\0accountId`, locked by
   * `access.load`'s `member.lock`), so `memberships.delete` need not send its locking statement.
   */
  readonly lockedMemberships = new Set<string>()

  constructor(
    readonly db: Kysely<RosterDatabase> | Transaction<RosterDatabase>,
    /** Whether `db` is a transaction (a failed statement would abort it). */
    readonly inTransaction: boolean,
    /** Held-back appends; null to write each append at once. */
    readonly buffer: AppendBuffer | null,
  ) {}

  /** Runs one statement and returns its rows. */
  async rows<R>(query: RawBuilder<R>, options: StatementOptions = {}): Promise<R[]> {
    const result = await this.execute<R>(query.compile(this.db), options)
    return result.rows
  }

  async execute<R>(query: CompiledQuery, options: StatementOptions = {}): Promise<QueryResult<R>> {
    let compiled = query
    const { buffer } = this
    if (buffer && !buffer.isEmpty) {
      if (buffer.holds(options.touches ?? [])) await this.flush()
      else compiled = withCtes(query, buffer)
    }
    if (options.prepare !== false)
      compiled = CompiledQuery.raw(PREPARABLE + compiled.sql, [...compiled.parameters])
    return run<R>(this.db, compiled)
  }

  /**
   * Writes one append-only row: buffered inside a transaction (see `AppendBuffer`), at once
   * otherwise.
   */
  async append<Row>(table: AppendTable, columns: readonly AppendColumn<Row>[], row: Row): Promise<void> {
    if (this.buffer) {
      this.buffer.add(table, columns, row)
      return
    }
    const buffer = new AppendBuffer()
    buffer.add(table, columns, row)
    const statement = buffer.takeStatement()!
    await run(this.db, CompiledQuery.raw(PREPARABLE + statement.sql, [...statement.parameters]))
  }

  /**
   * Runs `fn` so that its statements are one unit: in the caller's transaction when there is one,
   * otherwise in a transaction of its own. For operations that lock a row in one statement and
   * act on it in the next (the lock must outlive the first statement).
   */
  async atomic<T>(fn: (session: Session) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this)
    return (this.db as Kysely<RosterDatabase>)
      .transaction()
      .execute((trx) => fn(new Session(trx, true, null)))
  }

  /** `for key share` inside a transaction (a lookup a later write relies on), nothing outside. */
  get keyShareLock(): RawBuilder<unknown> {
    return this.inTransaction ? sql` for key share` : sql``
  }

  /** Sends buffered appends now (before COMMIT, or before a statement that could observe them). */
  async flush(): Promise<void> {
    const statement = this.buffer?.takeStatement()
    if (statement)
      await run(this.db, CompiledQuery.raw(PREPARABLE + statement.sql, [...statement.parameters]))
  }

  /**
   * Runs a statement that may hit a unique index (an UPDATE, which has no ON CONFLICT) and returns
   * the violated constraint instead of throwing. Inside a transaction a failed statement would
   * abort the whole transaction, so the statement runs under a savepoint that is rolled back on a
   * violation; buffered appends are flushed before, never inside it.
   */
  async rowsOrViolation<R>(
    query: RawBuilder<R>,
  ): Promise<{ rows: R[]; violation: null } | { rows: null; violation: UniqueViolation }> {
    const compiled = query.compile(this.db)
    if (!this.inTransaction) {
      try {
        return { rows: (await this.db.executeQuery<R>(compiled)).rows, violation: null }
      } catch (error) {
        const violation = uniqueViolationOf(error)
        if (!violation) throw asStorageConflict(error)
        return { rows: null, violation }
      }
    }
    await this.flush()
    await this.db.executeQuery(CompiledQuery.raw('savepoint roster_unique'))
    try {
      const { rows } = await this.db.executeQuery<R>(compiled)
      await this.db.executeQuery(CompiledQuery.raw('release savepoint roster_unique'))
      return { rows, violation: null }
    } catch (error) {
      const violation = uniqueViolationOf(error)
      if (!violation) throw asStorageConflict(error)
      await this.db.executeQuery(CompiledQuery.raw('rollback to savepoint roster_unique'))
      return { rows: null, violation }
    }
  }
}
