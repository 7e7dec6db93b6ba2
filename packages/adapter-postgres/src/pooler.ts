import { type Kysely, sql } from 'kysely'

/**
 * How a connection pool's clients map onto server sessions:
 * - `'session'`: each client keeps one server session while it is checked out (a direct
 *   connection, or PgBouncer in session mode) — session state such as named prepared statements
 *   and session advisory locks stays with the client;
 * - `'transaction'`: the pooler hands a client's statements to whichever server connection is free
 *   between transactions (PgBouncer, Odyssey, RDS Proxy in transaction mode) — only state inside
 *   one transaction is kept;
 * - `'unknown'`: the probe could not run (a pool of one connection).
 */
export type PoolingMode = 'session' | 'transaction' | 'unknown'

/** One checked-out connection, as the probe needs it. */
interface ProbeClient {
  query(text: string): Promise<number | undefined>
  release(): Promise<void> | void
}

/**
 * The probe: client A reads its backend pid; client B opens a transaction (pinning one server
 * connection) and reads its pid; A reads its pid again. Two clients open at once never share a
 * backend unless a pooler multiplexes them, and a client's backend never changes unless one does:
 * B seeing A's backend, or A seeing a new one, means transaction pooling. (PgBouncer hands out the
 * most recently released server connection, so B gets A's.)
 */
async function probe(connect: () => Promise<ProbeClient>): Promise<PoolingMode> {
  const a = await connect()
  try {
    const first = await a.query('select pg_backend_pid() as pid')
    const b = await connect()
    try {
      await b.query('begin')
      const other = await b.query('select pg_backend_pid() as pid')
      const again = await a.query('select pg_backend_pid() as pid')
      await b.query('rollback')
      return other === first || again !== first ? 'transaction' : 'session'
    } finally {
      await b.release()
    }
  } finally {
    await a.release()
  }
}

/** The part of a `pg` pool the probe uses (structural). */
export interface ProbePool {
  connect(): Promise<{ query(text: string): Promise<{ rows: Array<{ pid?: unknown }> }>; release(): void }>
  options?: { max?: number }
}

const pidOf = (rows: Array<{ pid?: unknown }>): number | undefined =>
  rows[0]?.pid === undefined ? undefined : Number(rows[0].pid)

/**
 * Finds out whether `pool` reaches Postgres through a transaction-mode pooler, with two of its
 * connections and five statements. Use it to decide on session-bound features at start-up;
 * `preparedStatements` runs it by itself. Answers `'unknown'` for a pool of one connection.
 *
 * @example
 * import { Pool } from 'pg'
 * import { detectPooling } from '@roster/adapter-postgres'
 *
 * if ((await detectPooling(new Pool({ connectionString }))) === 'transaction') console.warn('behind a transaction pooler')
 */
export async function detectPooling(pool: ProbePool): Promise<PoolingMode> {
  if ((pool.options?.max ?? 10) < 2) return 'unknown'
  return probe(async () => {
    const client = await pool.connect()
    return {
      query: async (text) => pidOf((await client.query(text)).rows),
      release: () => client.release(),
    }
  })
}

/** Options of `detectKyselyPooling`. */
export interface DetectKyselyPoolingOptions {
  /**
   * How long to wait for the probe's second connection before answering `'unknown'` (default
   * 2000 ms). Kysely does not show its pool's size, and a pool of one (`max: 1`) or one whose other
   * connections are all busy would keep that wait going forever.
   */
  checkoutTimeoutMs?: number
}

/**
 * `detectPooling` through a Kysely instance (two of its connections at once: its pool needs two).
 * Answers `'unknown'` when the second connection is not handed out within `checkoutTimeoutMs` — a
 * pool of one connection, or one busy with other work — rather than waiting for it.
 *
 * @example
 * import { detectKyselyPooling } from '@roster/adapter-postgres'
 *
 * const mode = await detectKyselyPooling(db) // 'session' | 'transaction' | 'unknown'
 */
export async function detectKyselyPooling(
  // biome-ignore lint/suspicious/noExplicitAny: any host Kysely (Kysely<DB>) can be probed.
  db: Kysely<any>,
  options: DetectKyselyPoolingOptions = {},
): Promise<PoolingMode> {
  const checkoutTimeoutMs = options.checkoutTimeoutMs ?? 2000
  // Kysely hands out a connection only inside a callback, so the probe's clients are callbacks
  // kept open until the probe releases them.
  const checkOut = (): Promise<ProbeClient> =>
    new Promise((resolveClient, rejectClient) => {
      let release!: () => void
      const released = new Promise<void>((resolve) => {
        release = resolve
      })
      db.connection()
        .execute(async (connection) => {
          resolveClient({
            query: async (text) => pidOf((await sql.raw<{ pid: unknown }>(text).execute(connection)).rows),
            release,
          })
          await released
        })
        .catch(rejectClient)
    })
  const first = await checkOut()
  // The second checkout waits for a free connection; if none comes in time the probe cannot run.
  // The pending request is not cancellable, so when it is served later it is given back at once.
  let timedOut = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const second = checkOut().then((client) => {
    if (timedOut) void client.release()
    return client
  })
  const outcome = await Promise.race([
    second,
    new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), checkoutTimeoutMs)
    }),
  ]).finally(() => clearTimeout(timer))
  if (outcome === null) {
    timedOut = true
    second.catch(() => undefined)
    await first.release()
    return 'unknown'
  }
  const clients = [first, outcome]
  return probe(async () => {
    const client = clients.shift()
    if (client === undefined) throw new Error('detectKyselyPooling: the probe asked for a third connection')
    return client
  })
}
