// The package itself: its export list, a PGlite data folder's life (migrate, reopen, go down), and the
// migrations on a real server. The use-cases on each storage are in adapter.test.ts.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { createRoster } from '@roster/core'
import { createMemoryMailer } from '@roster/core/testing'
import { describe, expect, it } from 'vitest'
import * as api from './index.js'
import { createPgliteStorage } from './pglite-storage.js'
import { migrateDown, migrateToLatest, migrationStatus } from './migrations/index.js'
import type { RosterDatabase } from './schema.js'
import { TEST_DATABASE_URL } from './test-support.js'

const MIGRATIONS = [
  '0001_initial',
  '0002_access',
  '0003_seats',
  '0004_connections',
  '0005_membership_invariants',
  '0006_secrets_at_rest',
  '0007_outbox_claims',
  '0010_scim',
  '0011_scim_group_provenance',
]

describe('@roster/adapter-postgres API', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'CROSS_ORG_LOOKUPS',
        'DISTRIBUTED_TABLES',
        'REFERENCE_TABLES',
        'REPLICA_READS',
        'ROSTER_MIGRATION_LOCK_TABLE',
        'ROSTER_MIGRATION_TABLE',
        'RosterMigrationError',
        'TABLE_DISTRIBUTION',
        'citusLayoutSql',
        'createPgliteStorage',
        'detectKyselyPooling',
        'detectPooling',
        'guardPool',
        'migrateDown',
        'migrateToLatest',
        'migrationStatus',
        'pgliteDialect',
        'postgresStorage',
        'preparedStatements',
        'rosterMigrationProvider',
        'rosterMigrations',
        'rosterMigrator',
      ].sort(),
    )
    expect(Object.keys(api.rosterMigrations)).toEqual(MIGRATIONS)
  })
})

describe('createPgliteStorage', () => {
  it('migrates a new data folder, persists to it, and reopens it without migrating again', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'roster-pglite-'))
    try {
      const first = await createPgliteStorage({ dataDir })
      expect((await migrationStatus(first.db)).map((m) => [m.name, m.executedAt instanceof Date])).toEqual(
        MIGRATIONS.map((name) => [name, true]),
      )
      const roster = createRoster({ storage: first.storage, mailer: createMemoryMailer() })
      const signedUp = await roster.accounts.signUp({
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'L',
      })
      expect(signedUp.isOk()).toBe(true)
      await first.close()

      const second = await createPgliteStorage({ dataDir })
      expect(await migrateToLatest(second.db)).toEqual([])
      expect((await second.storage.accounts.findByEmail('ada@example.com'))?.firstName).toBe('Ada')

      // Down, one step at a time, to an empty schema; then up again.
      for (const name of [...MIGRATIONS].reverse()) {
        expect((await migrateDown(second.db)).map((r) => [r.migrationName, r.status])).toEqual([
          [name, 'Success'],
        ])
      }
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pg_tables where schemaname = 'public' and tablename not like 'roster_migrations%'`.execute(
        second.db,
      )
      expect(rows[0]?.n).toBe(0)
      expect((await migrateToLatest(second.db)).map((r) => r.migrationName)).toEqual(MIGRATIONS)
      await second.close()
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})

describe.runIf(TEST_DATABASE_URL)('migrations on the server', () => {
  it('apply in a fresh schema, report their status, and go down step by step', async () => {
    const schema = `roster_m_${process.pid}_${Date.now().toString(36)}`
    const pool = new pg.Pool({
      connectionString: TEST_DATABASE_URL,
      max: 2,
      options: `-c search_path=${schema}`,
    })
    const db = new Kysely<RosterDatabase>({ dialect: new PostgresDialect({ pool }) })
    try {
      await sql.raw(`create schema ${schema}`).execute(db)
      expect((await migrationStatus(db)).map((m) => [m.name, m.executedAt])).toEqual(
        MIGRATIONS.map((name) => [name, undefined]),
      )
      // Two processes starting at once: the migrator's lock lets one apply, the other finds nothing to do.
      const [a, b] = await Promise.all([migrateToLatest(db), migrateToLatest(db)])
      expect([...a, ...b].map((r) => r.migrationName).sort()).toEqual([...MIGRATIONS].sort())
      for (const name of [...MIGRATIONS].reverse()) {
        expect((await migrateDown(db)).map((r) => r.migrationName)).toEqual([name])
      }
      expect(await migrateToLatest(db)).toHaveLength(MIGRATIONS.length)
    } finally {
      await sql.raw(`drop schema if exists ${schema} cascade`).execute(db)
      await db.destroy()
    }
  })
})
