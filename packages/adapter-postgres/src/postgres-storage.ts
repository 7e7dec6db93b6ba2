import type { Storage, StorageRepositories } from '@roster/core/storage'
import type { Kysely } from 'kysely'
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
import { AppendBuffer, asStorageConflict, Session } from './session.js'

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
 * Roster's storage on Postgres through Kysely: a real server (`pg` + `PostgresDialect`) or
 * embedded PGlite (`pgliteDialect`). Run `migrateToLatest(db)` first.
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
 * // preparedStatements: the fast path (statements planned once per connection; unprepared behind a
 * // transaction-mode pooler, which it detects), and lost connections guarded.
 * const pool = preparedStatements(new Pool({ connectionString: process.env.DATABASE_URL }))
 * const db = new Kysely<RosterDatabase>({ dialect: new PostgresDialect({ pool }) })
 * await migrateToLatest(db)
 * const roster = createRoster({ storage: postgresStorage(db), mailer })
 */
export function postgresStorage(db: Kysely<RosterDatabase>, options: PostgresStorageOptions = {}): Storage {
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
