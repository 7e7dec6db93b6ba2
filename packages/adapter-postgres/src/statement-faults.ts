// Test support (not part of the package's API): fails the k-th SQL statement a Kysely instance
// sends — BEGIN and COMMIT included — for the fault-injection harness of @roster/core/testing.
// The storage-call injector (withStorageFaults) fails whole port calls; this one fails inside them,
// between the statements of one call, which is where an adapter's own error handling is tested.
import type { FaultInjector } from '@roster/core/testing'
import type { Storage } from '@roster/core/storage'
import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryResult,
  TransactionSettings,
} from 'kysely'

/** Thrown in place of the statement that was chosen to fail. */
export class InjectedStatementFault extends Error {
  constructor(
    readonly statement: number,
    readonly sql: string,
  ) {
    super(`injected SQL fault at statement ${statement} (${sql})`)
    this.name = 'InjectedStatementFault'
  }
}

/** Counts and fails SQL statements of the Kysely instances whose dialect it wrapped. */
export interface StatementFaults {
  /** Wraps a dialect so that every statement of its connections is counted (and may fail). */
  wrap(dialect: Dialect): Dialect
  /** The injector the harness drives, over the storage built on the wrapped dialect. */
  injector(storage: Storage): FaultInjector
  /** Runs `fn` with nothing counted and nothing failing (the harness's snapshots). */
  bypass<T>(fn: () => Promise<T>): Promise<T>
}

const shortSql = (sql: string) => {
  const flat = sql.replace(/\s+/g, ' ').trim()
  return `sql: ${flat.length > 60 ? `${flat.slice(0, 60)}…` : flat}`
}

/**
 * A statement-level fault injector. A statement chosen to fail is not sent; its transaction, as on
 * a real server after an error, refuses every later statement until it is rolled back (so a caller
 * that swallows the error cannot commit half a change). ROLLBACK itself is never failed: it is the
 * way out, and a connection that cannot roll back is discarded by the pool anyway.
 */
export function statementFaults(): StatementFaults {
  let calls = 0
  let failAt: number | null = null
  let bypassed = 0
  const log: string[] = []
  const injected: InjectedStatementFault[] = []

  /** Counts one statement; throws when it is the one to fail. */
  const count = (sql: string) => {
    if (bypassed > 0) return
    calls++
    log.push(shortSql(sql))
    if (failAt === calls) {
      const fault = new InjectedStatementFault(calls, sql)
      injected.push(fault)
      throw fault
    }
  }

  class FaultyConnection implements DatabaseConnection {
    /** Set when a statement failed inside a transaction: Postgres's "current transaction is aborted". */
    aborted: InjectedStatementFault | null = null
    inTransaction = false

    constructor(readonly inner: DatabaseConnection) {}

    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      this.check(query.sql)
      return this.inner.executeQuery<R>(query)
    }

    async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
      this.check(query.sql)
      yield* this.inner.streamQuery<R>(query, chunkSize)
    }

    check(sql: string) {
      // ROLLBACK TO SAVEPOINT is how a transaction recovers from a failed statement.
      if (/^\s*rollback\b/i.test(sql)) this.aborted = null
      if (this.aborted) throw this.aborted
      try {
        count(sql)
      } catch (fault) {
        if (this.inTransaction) this.aborted = fault as InjectedStatementFault
        throw fault
      }
    }
  }

  const unwrap = (connection: DatabaseConnection) =>
    connection instanceof FaultyConnection ? connection.inner : connection

  class FaultyDriver implements Driver {
    constructor(readonly inner: Driver) {}
    init() {
      return this.inner.init()
    }
    async acquireConnection() {
      return new FaultyConnection(await this.inner.acquireConnection())
    }
    async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
      count('begin')
      await this.inner.beginTransaction(unwrap(connection), settings)
      if (connection instanceof FaultyConnection) connection.inTransaction = true
    }
    async commitTransaction(connection: DatabaseConnection) {
      if (connection instanceof FaultyConnection && connection.aborted) throw connection.aborted
      // Failing before the COMMIT is sent: Kysely then rolls back, which is what a failed COMMIT leaves.
      count('commit')
      await this.inner.commitTransaction(unwrap(connection))
      if (connection instanceof FaultyConnection) connection.inTransaction = false
    }
    async rollbackTransaction(connection: DatabaseConnection) {
      if (connection instanceof FaultyConnection) {
        connection.aborted = null
        connection.inTransaction = false
      }
      await this.inner.rollbackTransaction(unwrap(connection))
    }
    releaseConnection(connection: DatabaseConnection) {
      return this.inner.releaseConnection(unwrap(connection))
    }
    destroy() {
      return this.inner.destroy()
    }
  }

  return {
    wrap: (dialect) => ({
      createAdapter: () => dialect.createAdapter(),
      createDriver: () => new FaultyDriver(dialect.createDriver()),
      createIntrospector: (db) => dialect.createIntrospector(db),
      createQueryCompiler: () => dialect.createQueryCompiler(),
    }),
    injector: (storage) => ({
      storage,
      get calls() {
        return calls
      },
      get log() {
        return log
      },
      get injected() {
        return injected
      },
      failAt(k) {
        failAt = k
      },
      reset() {
        calls = 0
        failAt = null
        log.length = 0
        injected.length = 0
      },
    }),
    async bypass(fn) {
      bypassed++
      try {
        return await fn()
      } finally {
        bypassed--
      }
    },
  }
}
