import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { memoryStorage } from '@roster/adapter-memory'
import {
  createPgliteStorage,
  migrateToLatest,
  postgresStorage,
  type RosterDatabase,
} from '@roster/adapter-postgres'
import type { Storage } from '@roster/core/storage'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'

/** Which storage the demo runs on, for the start-up banner. */
export interface DemoStorage {
  storage: Storage
  /** What it is, for people: "PGlite in …/.data/pglite", "Postgres at host/db", "memory". */
  label: string
  /** Whether data survives a restart (then the demo seeds only once). */
  persistent: boolean
  close(): Promise<void>
}

export interface StorageOptions {
  dataDir: string
  /** A Postgres server (`postgres://user@host:5432/db`); default: PGlite under `dataDir`. */
  databaseUrl?: string | undefined
  /** `memory` keeps nothing (fast throwaway runs). Default `postgres`. */
  kind?: 'postgres' | 'memory'
}

/**
 * The demo's storage, migrated to the latest schema: Postgres when `databaseUrl` is set, else
 * PGlite (embedded Postgres, nothing to install) persisted under `dataDir/pglite`; or, when asked,
 * in-memory storage that keeps nothing.
 */
export async function createStorage(options: StorageOptions): Promise<DemoStorage> {
  mkdirSync(options.dataDir, { recursive: true })
  if (options.kind === 'memory') {
    return {
      storage: memoryStorage(),
      label: 'memory (nothing is kept)',
      persistent: false,
      close: async () => {},
    }
  }
  if (options.databaseUrl) {
    const url = new URL(options.databaseUrl)
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 })
    const db = new Kysely<RosterDatabase>({ dialect: new PostgresDialect({ pool }) })
    await migrateToLatest(db)
    return {
      storage: postgresStorage(db),
      label: `Postgres at ${url.host}${url.pathname}`,
      persistent: true,
      close: () => db.destroy(),
    }
  }
  const dataDir = join(options.dataDir, 'pglite')
  const pglite = await createPgliteStorage({ dataDir })
  return { storage: pglite.storage, label: `PGlite in ${dataDir}`, persistent: true, close: pglite.close }
}
