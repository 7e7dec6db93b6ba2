import type { Storage } from '@roster/core/storage'
import { Kysely } from 'kysely'
import { migrateToLatest } from './migrations/index.js'
import { type PGliteLike, pgliteDialect } from './pglite-dialect.js'
import { type PostgresStorageOptions, postgresStorage } from './postgres-storage.js'
import type { RosterDatabase } from './schema.js'

/** Options of `createPgliteStorage`. */
export interface PgliteStorageOptions extends PostgresStorageOptions {
  /**
   * A folder to persist the database in (created if missing). Without it the database lives in
   * memory and is gone when the process exits.
   */
  dataDir?: string
}

/** What `createPgliteStorage` returns. */
export interface PgliteStorage {
  storage: Storage
  /** The Kysely instance over the same PGlite, for your own queries and migrations. */
  db: Kysely<RosterDatabase>
  /** The PGlite instance itself. */
  pglite: PGliteLike
  /** Closes the database (flushes it to `dataDir` when persisted). */
  close(): Promise<void>
}

/**
 * Zero-setup Postgres for demos, tests and small single-process deployments: starts PGlite
 * (Postgres compiled to WebAssembly, in this process), applies Roster's migrations and returns the
 * storage. Needs the optional peer dependency `@electric-sql/pglite`.
 *
 * @example
 * import { createRoster } from '@roster/core'
 * import { createPgliteStorage } from '@roster/adapter-postgres'
 *
 * const { storage, close } = await createPgliteStorage({ dataDir: './data/roster' })
 * const roster = createRoster({ storage, mailer })
 * // … on shutdown
 * await close()
 */
export async function createPgliteStorage(options: PgliteStorageOptions = {}): Promise<PgliteStorage> {
  const { PGlite } = await import('@electric-sql/pglite')
  const pglite = await PGlite.create(options.dataDir)
  const db = new Kysely<RosterDatabase>({ dialect: pgliteDialect(pglite) })
  try {
    await migrateToLatest(db)
  } catch (error) {
    await db.destroy()
    throw error
  }
  return {
    storage: postgresStorage(db, options),
    db,
    pglite,
    close: () => db.destroy(),
  }
}
