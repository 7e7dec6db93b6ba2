import { createHash } from 'node:crypto'
import { guardClient, type PgClientEvents } from './guard-pool.js'
import { detectPooling, type PoolingMode, type ProbePool } from './pooler.js'

/**
 * The marker `postgresStorage` puts in front of the statements it may reuse as prepared statements
 * (a plain SQL comment: without `preparedStatements` it changes nothing).
 * @internal
 */
export const PREPARABLE = '/*roster*/ '

/** The part of a `pg` pool Kysely's `PostgresDialect` uses (structural, so `pg` is not imported). */
export interface PgPoolLike {
  connect(): Promise<PgClientLike>
  end(): Promise<void>
}

/** The part of a `pg` pool client Kysely uses, plus the config-object form of `query`. */
export interface PgClientLike {
  // biome-ignore lint/suspicious/noExplicitAny: pg's own overloads; the wrapper forwards them untouched.
  query(...args: any[]): any
  release(): void
}

/** Options of `preparedStatements`. */
export interface PreparedStatementsOptions {
  /** How many distinct statements to prepare (per pool); later ones run unprepared. Default 1000. */
  max?: number
  /**
   * `'auto'` (default): before the pool's first use, find out whether it reaches Postgres through
   * a transaction-mode pooler (`detectPooling`) and if so run every statement unprepared — named
   * prepared statements live in a server session, and PgBouncer before 1.21 sends a client's
   * statements to whichever server connection is free ("prepared statement … does not exist /
   * already exists"). `'always'`: prepare whatever the pooling; for a direct connection, session
   * mode, or PgBouncer ≥ 1.21 with `max_prepared_statements` > 0 (which tracks protocol-level
   * prepared statements per client). In both, a statement failing with `26000` (does not exist) or
   * `42P05` (already exists) switches the pool to unprepared statements for good.
   */
  mode?: 'auto' | 'always'
  /** Told once when the pool stops preparing (a transaction pooler was found or failed a statement). */
  onUnprepared?: (reason: string) => void
}

const PREPARING = Symbol.for('@roster/adapter-postgres.preparedStatements')

/** @internal Whether `pool` is already wrapped by `preparedStatements` (so it is not wrapped twice). */
export function isPreparing(pool: object): boolean {
  return (pool as { [PREPARING]?: boolean })[PREPARING] === true
}

/** SQLSTATEs of a named statement its server session does not hold, or holds already. */
const SESSION_MISMATCH = new Set(['26000', '42P05'])

/**
 * Wraps a `pg` pool so Roster's statements run as named prepared statements: each connection
 * parses and plans one of them once instead of on every call. Roster's directory and access
 * queries are a few kilobytes of SQL with subqueries, and planning is most of their cost on a
 * nearby server — prepared, a member lookup takes about a quarter of the time
 * (docs/benchmarks.md). Only statements `postgresStorage` marks are prepared (never the search
 * page, whose best plan depends on the prefix), so your app's queries through the same pool
 * are untouched.
 *
 * Prepared statements live in the server session. By default (`mode: 'auto'`) the pool is probed
 * once before its first use, and behind a transaction-mode pooler nothing is prepared; with
 * PgBouncer ≥ 1.21 and `max_prepared_statements` set, pass `mode: 'always'`. Migrate before serving (a statement prepared before a
 * table changes fails until the connection is replaced). The clients it hands out are guarded
 * against lost connections like `guardPool`'s.
 *
 * @example
 * import { Pool } from 'pg'
 * import { Kysely, PostgresDialect } from 'kysely'
 * import { postgresStorage, preparedStatements, type RosterDatabase } from '@roster/adapter-postgres'
 *
 * const pool = preparedStatements(new Pool({ connectionString }))
 * const db = new Kysely<RosterDatabase>({ dialect: new PostgresDialect({ pool }) })
 */
export function preparedStatements<P extends PgPoolLike>(
  pool: P,
  options: PreparedStatementsOptions = {},
): P {
  if (isPreparing(pool)) return pool
  const max = options.max ?? 1000
  const names = new Map<string, string>()
  let preparing = true
  const stopPreparing = (reason: string) => {
    if (!preparing) return
    preparing = false
    options.onUnprepared?.(reason)
  }
  let probed: Promise<PoolingMode> | undefined
  const nameOf = (text: string): string | undefined => {
    if (!preparing) return undefined
    let name = names.get(text)
    if (name === undefined && names.size < max) {
      name = `roster_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`
      names.set(text, name)
    }
    return name
  }
  const wrapped = new WeakMap<PgClientLike, PgClientLike>()
  const wrap = (client: PgClientLike): PgClientLike => {
    let wrapper = wrapped.get(client)
    if (!wrapper) {
      wrapper = {
        query: (...args: unknown[]) => {
          const [text, values] = args
          if (typeof text === 'string' && text.startsWith(PREPARABLE)) {
            const name = nameOf(text)
            if (name) {
              const pending = client.query({ name, text, values })
              // The statement still fails (a transaction it was in is aborted anyway); later ones
              // run unprepared.
              if (pending && typeof pending.catch === 'function')
                pending.catch((error: { code?: unknown }) => {
                  if (typeof error?.code === 'string' && SESSION_MISMATCH.has(error.code))
                    stopPreparing(
                      `a prepared statement failed with ${error.code}: the server session changed under the client (a transaction pooler)`,
                    )
                })
              return pending
            }
          }
          return client.query(...args)
        },
        release: () => client.release(),
      }
      wrapped.set(client, wrapper)
    }
    return wrapper
  }
  return new Proxy(pool, {
    get(target, property, receiver) {
      if (property === PREPARING) return true
      if (property === 'connect')
        return async () => {
          if ((options.mode ?? 'auto') === 'auto' && preparing) {
            probed ??= detectPooling(target as unknown as ProbePool).catch(() => 'unknown' as const)
            if ((await probed) === 'transaction')
              stopPreparing('the pool reaches Postgres through a transaction-mode pooler')
          }
          const client = await target.connect()
          // A checked-out client with no 'error' listener crashes the process when its connection
          // drops (see guardPool).
          if (typeof (client as Partial<PgClientEvents>).on === 'function') guardClient(client as never)
          return wrap(client)
        }
      const value = Reflect.get(target, property, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
