import {
  type Kysely,
  type Migration,
  type MigrationInfo,
  type MigrationProvider,
  type MigrationResult,
  Migrator,
  sql,
} from 'kysely'
import { initial } from './0001-initial.js'
import { access } from './0002-access.js'
import { seats } from './0003-seats.js'
import { connections } from './0004-connections.js'
import { membershipInvariants } from './0005-membership-invariants.js'
import { secretsAtRest } from './0006-secrets-at-rest.js'
import { outboxClaims } from './0007-outbox-claims.js'
import { scim } from './0010-scim.js'

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
 * Bookkeeping tables of Roster's migrator. They are not Kysely's defaults, so the host app can run
 * its own Kysely migrations in the same schema without the two histories mixing.
 */
export const ROSTER_MIGRATION_TABLE = 'roster_migrations'
export const ROSTER_MIGRATION_LOCK_TABLE = 'roster_migrations_lock'

/**
 * A Kysely `Migrator` over Roster's migrations (for `migrateTo(name)` and the like). Pass the
 * schema Roster lives in when the database holds more than one: without it, Kysely takes a
 * bookkeeping table of *any* schema for this one's (so a second schema's first migration fails,
 * or races another process migrating its own schema). `migrateToLatest` and friends pass
 * `current_schema()`.
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

/** The migrator for the connection's current schema (the first of its `search_path` that exists). */
async function currentMigrator(db: AnyKysely): Promise<Migrator> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)
  return rosterMigrator(db, rows[0]?.schema ?? undefined)
}

/** Thrown when a migration fails; `results` says which ran, which failed and which were skipped. */
export class RosterMigrationError extends Error {
  constructor(
    message: string,
    readonly results: readonly MigrationResult[],
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'RosterMigrationError'
  }
}

function settle(outcome: { error?: unknown; results?: MigrationResult[] }, what: string): MigrationResult[] {
  const results = outcome.results ?? []
  if (outcome.error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')
    const reason = outcome.error instanceof Error ? outcome.error.message : String(outcome.error)
    throw new RosterMigrationError(
      `Roster: ${what} failed${failed ? ` at ${failed.migrationName}` : ''}: ${reason}`,
      results,
      { cause: outcome.error },
    )
  }
  return results
}

/**
 * Applies every pending Roster migration, in order, each in its own transaction. Safe to call on
 * every start: it does nothing when the schema is current, and a lock keeps two processes from
 * migrating at once. Throws `RosterMigrationError` when one fails (that one is rolled back).
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
export async function migrateToLatest(db: AnyKysely): Promise<MigrationResult[]> {
  return settle(await (await currentMigrator(db)).migrateToLatest(), 'migrating to latest')
}

/** Reverts the most recent Roster migration (one step). */
export async function migrateDown(db: AnyKysely): Promise<MigrationResult[]> {
  return settle(await (await currentMigrator(db)).migrateDown(), 'migrating down')
}

/** Every Roster migration with when it ran (`executedAt` undefined when pending). */
export async function migrationStatus(
  db: AnyKysely,
): Promise<Array<{ name: string; executedAt: Date | undefined }>> {
  const migrations: readonly MigrationInfo[] = await (await currentMigrator(db)).getMigrations()
  return migrations.map(({ name, executedAt }) => ({ name, executedAt }))
}
