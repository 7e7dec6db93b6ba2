import { type Kysely, type Migration, type MigrationProvider, type MigrationResult, Migrator } from 'kysely'
import { initial } from './0001-initial.js'
import { access } from './0002-access.js'
import { seats } from './0003-seats.js'
import { connections } from './0004-connections.js'
import { membershipInvariants } from './0005-membership-invariants.js'
import { secretsAtRest } from './0006-secrets-at-rest.js'
import { outboxClaims } from './0007-outbox-claims.js'
import { scim } from './0010-scim.js'
import { scimGroupProvenance } from './0011-scim-group-provenance.js'
import {
  type MigrationRunOptions,
  readMigrationStatus,
  revertLastMigration,
  runPendingMigrations,
} from './runner.js'

/**
 * Roster's migrations, shipped as code (no folder to scan, so bundlers and serverless builds
 * keep them). Names sort in the order they run; a new table or index comes as a new entry.
 */
export const rosterMigrations: Readonly<Record<string, Migration>> = Object.freeze({
  '0001_initial': initial,
  '0002_access': access,
  '0003_seats': seats,
  '0004_connections': connections,
  '0005_membership_invariants': membershipInvariants,
  '0006_secrets_at_rest': secretsAtRest,
  '0007_outbox_claims': outboxClaims,
  '0010_scim': scim,
  '0011_scim_group_provenance': scimGroupProvenance,
})

/**
 * Any Kysely instance: migrations only need a connection, whatever the host's database type
 * (`Kysely<RosterDatabase>`, the app's own `Kysely<DB>`).
 */
// biome-ignore lint/suspicious/noExplicitAny: Kysely's own migrator takes Kysely<any>; Kysely<unknown> would reject Kysely<DB>.
export type AnyKysely = Kysely<any>

/** A Kysely `MigrationProvider` over `rosterMigrations`. */
export const rosterMigrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...rosterMigrations }),
}

/**
 * Bookkeeping tables of Roster's migrations. They are not Kysely's defaults, so the host app can run
 * its own Kysely migrations in the same schema without the two histories mixing. The lock table is
 * only Kysely's Migrator's (`rosterMigrator`); `migrateToLatest` locks with an advisory lock.
 */
export const ROSTER_MIGRATION_TABLE = 'roster_migrations'
export const ROSTER_MIGRATION_LOCK_TABLE = 'roster_migrations_lock'

/**
 * A Kysely `Migrator` over Roster's migrations (for `migrateTo(name)` and the like), reading the
 * same history as `migrateToLatest`. Kysely's Migrator runs all pending migrations in one
 * transaction under a *session* advisory lock: use it over a direct connection only, never
 * through a transaction pooler (`migrateToLatest` and `migrateDown` are safe there). Pass the
 * schema Roster lives in when the database holds more than one: without it, Kysely takes a
 * bookkeeping table of *any* schema for this one's (so a second schema's first migration fails,
 * or races another process migrating its own schema).
 */
export function rosterMigrator(db: AnyKysely, schema?: string): Migrator {
  return new Migrator({
    db,
    provider: rosterMigrationProvider,
    migrationTableName: ROSTER_MIGRATION_TABLE,
    migrationLockTableName: ROSTER_MIGRATION_LOCK_TABLE,
    ...(schema !== undefined ? { migrationTableSchema: schema } : {}),
  })
}

export { RosterMigrationError, type MigrationRunOptions } from './runner.js'

/**
 * Applies every pending Roster migration, in name order, **each in its own transaction**, which
 * first takes a transaction-scoped advisory lock of the connection's current schema. So it is safe
 * to call on every start of every instance: two processes starting together apply each migration
 * once (the second finds it done and skips it), and it works through a transaction pooler
 * (PgBouncer in transaction mode) as well as on a direct connection — the lock lives and ends with
 * its transaction, so it cannot leak. When the schema is current it costs two reads and takes no
 * lock. Throws `RosterMigrationError` when one fails: that one is rolled back, the ones before it in
 * this run stay applied, the ones after are not run (its `results` say which).
 *
 * @example
 * import { Kysely, PostgresDialect } from 'kysely'
 * import { Pool } from 'pg'
 * import { migrateToLatest, postgresStorage, type RosterDatabase } from '@roster/adapter-postgres'
 *
 * const db = new Kysely<RosterDatabase>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString }) }) })
 * await migrateToLatest(db)
 * const storage = postgresStorage(db)
 */
export function migrateToLatest(db: AnyKysely, options?: MigrationRunOptions): Promise<MigrationResult[]> {
  return runPendingMigrations(db, rosterMigrations, ROSTER_MIGRATION_TABLE, options)
}

/**
 * Reverts the most recent Roster migration (one step), in one transaction under the same lock.
 *
 * @example
 * await migrateDown(db) // [{ migrationName: '0007_outbox_claims', direction: 'Down', status: 'Success' }]
 */
export function migrateDown(db: AnyKysely, options?: MigrationRunOptions): Promise<MigrationResult[]> {
  return revertLastMigration(db, rosterMigrations, ROSTER_MIGRATION_TABLE, options)
}

/**
 * Every Roster migration with when it ran (`executedAt` undefined when pending). Reads only: takes
 * no lock and creates nothing.
 *
 * @example
 * console.table(await migrationStatus(db)) // [{ name: '0001_initial', executedAt: Date }, …]
 */
export function migrationStatus(
  db: AnyKysely,
): Promise<Array<{ name: string; executedAt: Date | undefined }>> {
  return readMigrationStatus(db, rosterMigrations, ROSTER_MIGRATION_TABLE)
}
