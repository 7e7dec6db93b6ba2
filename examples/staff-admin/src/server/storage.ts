import { mkdirSync } from 'node:fs'
import { memoryStorage } from '@roster/adapter-memory'
import type { Storage } from '@roster/core'

/** Which storage the demo runs on, for the start-up banner. */
export interface DemoStorage {
  storage: Storage
  /** Human description: "PGlite in ./.data/pglite", "Postgres at …", "memory (nothing kept)". */
  label: string
  /** Whether data survives a restart (then the demo seeds only once). */
  persistent: boolean
  close(): Promise<void>
}

/**
 * The demo's storage: Postgres when `DATABASE_URL` is set, else PGlite persisted under
 * `dataDir/pglite` — both through `@roster/adapter-postgres`, migrated to the latest schema. While
 * that adapter is not built yet, in-memory storage stands in (nothing is kept across restarts).
 */
export async function createStorage(options: {
  dataDir: string
  databaseUrl?: string
}): Promise<DemoStorage> {
  mkdirSync(options.dataDir, { recursive: true })
  const postgres = await loadPostgresAdapter()
  if (postgres) return postgres(options)
  if (options.databaseUrl) {
    console.warn(
      'DATABASE_URL is set but @roster/adapter-postgres is not available yet: using memory storage.',
    )
  }
  return {
    storage: memoryStorage(),
    label: 'memory (nothing is kept across restarts)',
    persistent: false,
    close: async () => {},
  }
}

type PostgresFactory = (options: { dataDir: string; databaseUrl?: string }) => Promise<DemoStorage>

// The Postgres adapter lands in its own issue; until its entry exports what the demo needs,
// this returns null and the memory adapter stands in.
async function loadPostgresAdapter(): Promise<PostgresFactory | null> {
  return null
}
