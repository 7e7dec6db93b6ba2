/** The part of a `pg` pool `guardPool` uses: its events (structural, so `pg` is not imported). */
export interface PgPoolEvents {
  on(event: 'connect', listener: (client: PgClientEvents) => void): unknown
  on(event: 'error', listener: (error: Error, client: unknown) => void): unknown
}

/** The part of a `pg` client `guardPool` uses. */
export interface PgClientEvents {
  on(event: 'error', listener: (error: Error) => void): unknown
}

/** Options of `guardPool`. */
export interface GuardPoolOptions {
  /**
   * Told of every connection error the guard caught (the server closed the connection, the network
   * dropped): log it or count it. Default: ignore — the statement that was running (or the next
   * one on that connection) rejects anyway, and that is what the caller sees.
   */
  onError?: (error: Error) => void
}

const GUARDED = Symbol.for('@roster/adapter-postgres.guardPool')
const guardedClients = new WeakSet<object>()

/** Gives `client` its permanent 'error' listener, once. */
export function guardClient(client: PgClientEvents, onError: (error: Error) => void = () => {}): void {
  if (guardedClients.has(client)) return
  guardedClients.add(client)
  client.on('error', onError)
}

/**
 * Keeps a lost connection from crashing the process. `pg` emits `'error'` on a client when its
 * connection breaks — the server terminated the backend, a failover, the network — and Node's
 * EventEmitter throws an `'error'` event nobody listens to: `pool.on('error')` only covers *idle*
 * clients, so a connection lost while checked out (inside a transaction, between two statements)
 * takes the whole process down. `guardPool` listens on every client the pool creates and on the
 * pool itself; the broken connection's statement then rejects as usual (the use-case answers
 * `STORAGE_FAILURE`), the pool discards the client, and the next call gets a fresh connection.
 *
 * Call it right after creating the pool, before the first query (it sees clients through the
 * pool's `'connect'` event). It returns the same pool, and calling it twice is harmless.
 * `preparedStatements` guards the clients it hands out as well.
 *
 * @example
 * import { Kysely, PostgresDialect } from 'kysely'
 * import { Pool } from 'pg'
 * import { guardPool, postgresStorage, type RosterDatabase } from '@roster/adapter-postgres'
 *
 * const pool = guardPool(new Pool({ connectionString: process.env.DATABASE_URL }), {
 *   onError: (error) => logger.warn({ error }, 'postgres connection lost'),
 * })
 * const db = new Kysely<RosterDatabase>({ dialect: new PostgresDialect({ pool }) })
 * const storage = postgresStorage(db)
 */
export function guardPool<P extends PgPoolEvents>(pool: P, options: GuardPoolOptions = {}): P {
  const marked = pool as P & { [GUARDED]?: true }
  if (marked[GUARDED]) return pool
  const onError = options.onError ?? (() => {})
  pool.on('connect', (client) => guardClient(client, onError))
  pool.on('error', (error) => onError(error))
  Object.defineProperty(pool, GUARDED, { value: true })
  return pool
}
