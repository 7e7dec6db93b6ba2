import { PGlite } from '@electric-sql/pglite'
import { Kysely, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { pgliteDialect } from '../pglite-dialect.js'
import { migrateToLatest, migrationStatus, rosterMigrations } from './index.js'

describe('migrations per schema', () => {
  it('migrating a second schema creates its own bookkeeping and tables, whatever the first one holds', async () => {
    // Kysely's migrator, left to itself, looks for its tables in every schema: finding the first
    // schema's, it skipped creating the second's and failed ("roster_migrations_lock does not
    // exist") — what parallel test files and apps with one Roster schema per tenant hit.
    const db = new Kysely<unknown>({ dialect: pgliteDialect(await PGlite.create()) })
    try {
      await migrateToLatest(db)
      await sql`create schema second`.execute(db)
      await sql`set search_path to second`.execute(db)
      const applied = await migrateToLatest(db)
      expect(applied.map((result) => [result.migrationName, result.status])).toEqual(
        Object.keys(rosterMigrations).map((name) => [name, 'Success']),
      )
      expect((await migrationStatus(db)).every((migration) => migration.executedAt instanceof Date)).toBe(
        true,
      )
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pg_tables where schemaname = 'second' and tablename = 'memberships'`.execute(
        db,
      )
      expect(rows[0]?.n).toBe(1)
    } finally {
      await db.destroy()
    }
  })
})
