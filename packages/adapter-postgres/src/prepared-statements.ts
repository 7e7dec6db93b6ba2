import { createHash } from 'node:crypto'
import { guardClient, type PgClientEvents } from './guard-pool.js'

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
}

/**
 * Wraps a `pg` pool so Roster's statements run as named prepared statements: each connection
 * parses and plans one of them once instead of on every call. Roster's directory and access
 * queries are a few kilobytes of SQL with subqueries, and planning is most of their cost on a
 * nearby server — prepared, a member lookup takes about a quarter of the time
 * (docs/benchmarks.md). Only statements `postgresStorage` marks are prepared (never the search
 * page, whose best plan depends on the prefix), so your app's queries through the same pool
 * are untouched.
 *
 * Prepared statements live in the server session: use a direct connection or PgBouncer ≥ 1.21
 * with `max_prepared_statements`, and migrate before serving (a statement prepared before a
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
  const max = options.max ?? 1000
  const names = new Map<string, string>()
  const nameOf = (text: string): string | undefined => {
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
            if (name) return client.query({ name, text, values })
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
      if (property === 'connect')
        return async () => {
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
