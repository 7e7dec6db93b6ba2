import type { Storage, StorageRepositories } from '@roster/core/storage'
import { Kysely, PostgresDialect } from 'kysely'
import { accessRepository } from './repositories/access.js'
import { accountsRepository } from './repositories/accounts.js'
import { auditRepository } from './repositories/audit.js'
import { blocklistRepository } from './repositories/blocklist.js'
import { connectionLinksRepository, connectionsRepository } from './repositories/connections.js'
import { grantsRepository } from './repositories/grants.js'
import { membershipsRepository } from './repositories/memberships.js'
import { organizationsRepository } from './repositories/organizations.js'
import { outboxRepository } from './repositories/outbox.js'
import { rateLimitsRepository } from './repositories/rate-limits.js'
import { tokensRepository } from './repositories/tokens.js'
import { departmentsRepository } from './repositories/departments.js'
import { joinRequestsRepository } from './repositories/join-requests.js'
import { licensesRepository } from './repositories/licenses.js'
import { numbersRepository } from './repositories/numbers.js'
import { resourcesRepository } from './repositories/resources.js'
import { rolesRepository } from './repositories/roles.js'
import { scimConnectionsRepository, scimGroupsRepository, scimUsersRepository } from './repositories/scim.js'
import type { RosterDatabase } from './schema.js'
import { withReplicaReads } from './replica-reads.js'
import { guardPool, type PgPoolEvents } from './guard-pool.js'
import { AppendBuffer, asStorageConflict, Session } from './session.js'
import {
  isPreparing,
  type PgPoolLike,
  type PreparedStatementsOptions,
  preparedStatements,
} from './prepared-statements.js'

/** Options of `postgresStorage`. */
export interface PostgresStorageOptions {
  /**
   * Inside a transaction, hold back append-only writes (audit events, outbox messages, tokens) and
   * send them as CTEs of the next statement that cannot observe them, or in one statement before
   * COMMIT. Same rows, same transaction, fewer round trips (adding a member: 8 statements instead
   * of 11). Default `true`; turn it off to see each write as its own statement while debugging.
   */
  deferAppends?: boolean
  /**
   * A second Kysely (a streaming replica's pool) for the reads that tolerate staleness, called
   * outside a transaction: directory pages and rows, lists, the audit log (`REPLICA_READS`).
   * Writes, every read inside `transaction` (so nothing a write depends on), the access check and
   * lookups by key stay on `db`. A replica lags: a member added a moment ago may be missing from
   * the next page — read your own writes from the primary by leaving this unset where that matters
   * (docs/guides/scaling.md).
   */
  readReplica?: Kysely<RosterDatabase>
  /**
   * Only when `postgresStorage` is given a `pg` pool (not a Kysely): how its statements are sent.
   * By default (`undefined` or options) the pool is wrapped in `preparedStatements(pool, options)` —
   * Roster's statements are planned once per connection, and run unprepared behind a
   * transaction-mode pooler, which it detects (`mode: 'auto'`). `false`: everything unprepared
   * (`guardPool` only) — for a proxy the probe misjudges, or to compare. A pool already wrapped by
   * `preparedStatements` is used as it is.
   */
  preparedStatements?: false | PreparedStatementsOptions
}

/** A Kysely (anything with `withoutPlugins`), as opposed to a `pg` pool. */
function isKysely(source: Kysely<RosterDatabase> | PgPoolLike): source is Kysely<RosterDatabase> {
  return typeof (source as Partial<Kysely<RosterDatabase>>).withoutPlugins === 'function'
}

/**
 * The Kysely `postgresStorage(pool)` runs on: the fast path unless turned off. Why it is built
 * here: a Kysely hides its pool, so `postgresStorage(db)` cannot add prepared statements to a
 * plain `new Pool()` — given the pool itself, it can.
 */
function kyselyOverPool(
  pool: PgPoolLike,
  prepared: false | PreparedStatementsOptions | undefined,
): Kysely<RosterDatabase> {
  const guarded =
    typeof (pool as Partial<PgPoolEvents>).on === 'function'
      ? guardPool(pool as PgPoolLike & PgPoolEvents)
      : pool
  const wrapped =
    prepared === false || isPreparing(pool) ? guarded : preparedStatements(guarded, prepared ?? {})
  return new Kysely<RosterDatabase>({ dialect: new PostgresDialect({ pool: wrapped as never }) })
}

function repositories(session: Session): StorageRepositories {
  return {
    accounts: accountsRepository(session),
    orgs: organizationsRepository(session),
    memberships: membershipsRepository(session),
    grants: grantsRepository(session),
    access: accessRepository(session),
    tokens: tokensRepository(session),
    audit: auditRepository(session),
    outbox: outboxRepository(session),
    blocklist: blocklistRepository(session),
    rateLimits: rateLimitsRepository(session),
    licenses: licensesRepository(session),
    numbers: numbersRepository(session),
    roles: rolesRepository(session),
    resources: resourcesRepository(session),
    departments: departmentsRepository(session),
    joinRequests: joinRequestsRepository(session),
    connections: connectionsRepository(session),
    connectionLinks: connectionLinksRepository(session),
    scimConnections: scimConnectionsRepository(session),
    scimUsers: scimUsersRepository(session),
    scimGroups: scimGroupsRepository(session),
  }
}

/**
 * Roster's storage on Postgres: a `pg` pool, or a Kysely over a real server (`pg` +
 * `PostgresDialect`) or embedded PGlite (`pgliteDialect`). Run `migrateToLatest(db)` first.
 *
 * Given a `pg` pool, it takes the fast path by itself: the pool is wrapped in
 * `preparedStatements` (statements planned once per connection; unprepared behind a
 * transaction-mode pooler, which it detects), so `postgresStorage(new Pool(…))` is as fast as it
 * gets; `{ preparedStatements: false }` opts out. Given a Kysely, it sends statements through
 * that Kysely's pool as they are — wrap that pool in `preparedStatements` yourself.
 *
 * Every uniqueness rule is a unique index and every expected conflict a typed outcome
 * (`INSERT … ON CONFLICT DO NOTHING`, or a savepoint around an UPDATE inside a transaction), so no
 * conflict raises and none aborts the caller's transaction. Token use is a conditional UPDATE,
 * outbox claims use `FOR UPDATE SKIP LOCKED`, counters are single UPDATEs or upserts. A failure a
 * concurrent transaction causes (serialization failure, deadlock, a foreign-key or unique
 * violation a race caused) rejects as the port's retryable `StorageConflictError`, which the core
 * retries; every other failure rejects unchanged. Calls
 * outside `transaction` run on their own (autocommit); transactions use the database's default
 * isolation (READ COMMITTED), which these statements are written for.
 *
 * Plugins of `db` (such as `CamelCasePlugin`) are not applied to Roster's queries. To keep Roster's
 * tables in their own schema, set the connection's `search_path` (docs/guides/postgres.md).
 *
 * @example
 * import { Kysely, PostgresDialect } from 'kysely'
 * import { Pool } from 'pg'
 * import { createRoster } from '@roster/core'
 * import { migrateToLatest, postgresStorage, preparedStatements, type RosterDatabase } from '@roster/adapter-postgres'
 *
 * // Given the pool, postgresStorage prepares Roster's statements (the fast path; unprepared behind
 * // a transaction-mode pooler, which it detects) and guards lost connections.
 * const pool = new Pool({ connectionString: process.env.DATABASE_URL })
 * await migrateToLatest(new Kysely<RosterDatabase>({ dialect: new PostgresDialect({ pool }) }))
 * const roster = createRoster({ storage: postgresStorage(pool), mailer })
 *
 * // Or over your own Kysely: wrap its pool in preparedStatements for the same fast path.
 * const db = new Kysely<RosterDatabase>({ dialect: new PostgresDialect({ pool: preparedStatements(new Pool()) }) })
 * const storage = postgresStorage(db)
 */
export function postgresStorage(
  source: Kysely<RosterDatabase> | PgPoolLike,
  options: PostgresStorageOptions = {},
): Storage {
  const db = isKysely(source) ? source : kyselyOverPool(source, options.preparedStatements)
  const plain = db.withoutPlugins()
  const deferAppends = options.deferAppends ?? true
  const outside = repositories(new Session(plain, false, null))
  return {
    ...(options.readReplica
      ? withReplicaReads(
          outside,
          repositories(new Session(options.readReplica.withoutPlugins(), false, null)),
        )
      : outside),
    transaction: (fn) =>
      plain
        .transaction()
        .execute(async (trx) => {
          const session = new Session(trx, true, deferAppends ? new AppendBuffer() : null)
          const result = await fn(repositories(session))
          await session.flush()
          return result
        })
        // BEGIN and COMMIT are sent by Kysely, not the session: a serialization failure at COMMIT
        // (a host running SERIALIZABLE) is retryable too. `fn`'s own rejection passes unchanged.
        .catch((error: unknown) => {
          throw asStorageConflict(error)
        }),
  }
}
