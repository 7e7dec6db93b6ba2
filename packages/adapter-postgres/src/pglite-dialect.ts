import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'

/**
 * The part of a PGlite instance (`@electric-sql/pglite`) the dialect uses, described structurally
 * so this package does not import PGlite unless you use it.
 */
export interface PGliteLike {
  query<R>(
    query: string,
    params?: unknown[],
    options?: { rowMode?: 'object' },
  ): Promise<{ rows: R[]; affectedRows?: number }>
  close(): Promise<void>
  readonly closed?: boolean
}

/** Options of `pgliteDialect`. */
export interface PgliteDialectOptions {
  /**
   * Close the PGlite instance when Kysely is destroyed (`db.destroy()`), as `PostgresDialect` ends
   * its pool. Default `true`; pass `false` to keep using the instance afterwards.
   */
  closeOnDestroy?: boolean
}

/** A FIFO lock: PGlite is one connection, so one Kysely connection is handed out at a time. */
class ConnectionLock {
  #held = false
  #waiters: Array<() => void> = []

  async acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true
      return
    }
    await new Promise<void>((resolve) => this.#waiters.push(resolve))
  }

  release(): void {
    const next = this.#waiters.shift()
    if (next) next()
    else this.#held = false
  }
}

class PgliteConnection implements DatabaseConnection {
  constructor(readonly pglite: PGliteLike) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters], {
      rowMode: 'object',
    })
    return {
      rows: result.rows,
      ...(result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
    }
  }

  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize = 100,
  ): AsyncIterableIterator<QueryResult<R>> {
    // PGlite has no server-side cursors: run once, hand the rows out in chunks.
    const { rows } = await this.executeQuery<R>(compiledQuery)
    for (let start = 0; start < rows.length; start += chunkSize) {
      yield { rows: rows.slice(start, start + chunkSize) }
    }
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/**
 * @internal A Kysely driver over one PGlite instance. Every connection Kysely acquires is the same
 * PGlite session, so acquiring waits until the previous holder releases it: a transaction holds
 * it from BEGIN to COMMIT and nothing else interleaves. Consequence: inside a transaction, do not
 * await a query on the outer `db` — it waits for the transaction, which waits for it.
 */
export class PgliteDriver implements Driver {
  readonly #lock = new ConnectionLock()
  readonly #connection: PgliteConnection
  readonly #closeOnDestroy: boolean

  constructor(pglite: PGliteLike, options: PgliteDialectOptions = {}) {
    this.#connection = new PgliteConnection(pglite)
    this.#closeOnDestroy = options.closeOnDestroy ?? true
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.acquire()
    return this.#connection
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let statement = 'begin'
    if (settings.isolationLevel || settings.accessMode) {
      statement = 'start transaction'
      if (settings.isolationLevel) statement += ` isolation level ${settings.isolationLevel}`
      if (settings.accessMode) statement += ` ${settings.accessMode}`
    }
    await connection.executeQuery(CompiledQuery.raw(statement))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdentifier(name)}`))
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdentifier(name)}`))
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdentifier(name)}`))
  }

  async releaseConnection(): Promise<void> {
    this.#lock.release()
  }

  async destroy(): Promise<void> {
    const { pglite } = this.#connection
    if (this.#closeOnDestroy && !pglite.closed) await pglite.close()
  }
}

/**
 * A Kysely dialect over PGlite (`@electric-sql/pglite`), embedded Postgres in the same process.
 * Kysely 0.28 has no PGlite dialect of its own (0.29 does, but needs Node 22); this one is small:
 * Postgres SQL, introspection and adapter, and a driver that serializes use of the single session.
 *
 * @example
 * import { PGlite } from '@electric-sql/pglite'
 * import { Kysely } from 'kysely'
 * import { pgliteDialect, migrateToLatest, postgresStorage, type RosterDatabase } from '@roster/adapter-postgres'
 *
 * const db = new Kysely<RosterDatabase>({ dialect: pgliteDialect(new PGlite('./data/roster')) })
 * await migrateToLatest(db)
 * const storage = postgresStorage(db)
 */
export function pgliteDialect(pglite: PGliteLike, options: PgliteDialectOptions = {}): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PgliteDriver(pglite, options),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  }
}
