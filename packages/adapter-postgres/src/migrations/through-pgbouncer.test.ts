import { createMemoryMailer, createRoster, systemActor } from '@roster/core'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { guardPool } from '../guard-pool.js'
import { migrateDown, migrateToLatest, migrationStatus, rosterMigrations } from './index.js'
import {
  pgbouncerSkipReason,
  pgbouncerVersion,
  type RunningPgbouncer,
  startPgbouncer,
} from '../pgbouncer-support.js'
import { postgresStorage } from '../postgres-storage.js'
import type { RosterDatabase } from '../schema.js'
import { TEST_DATABASE_URL } from '../test-support.js'

// Issue 16: Roster's migrations (and a smoke test of the storage) through PgBouncer, in both
// pooling modes. In transaction mode consecutive statements of one client may reach different
// server connections, which is what leaked Kysely's session-level migration lock. Each test database is created for the file (PgBouncer cannot pass
// a search_path, so a schema per test would not work through it) and dropped at the end.
const MIGRATIONS = Object.keys(rosterMigrations).sort()
const version = pgbouncerVersion()
const skipped = pgbouncerSkipReason(TEST_DATABASE_URL)
if (skipped && TEST_DATABASE_URL) console.warn(skipped)

for (const mode of ['transaction', 'session'] as const) {
  describe.skipIf(skipped !== undefined)(`through PgBouncer ${version} in ${mode} mode`, () => {
    const database = `roster_pgb_${mode}_${process.pid}_${Date.now().toString(36)}`
    let bouncer: RunningPgbouncer
    const direct = () =>
      new Kysely<RosterDatabase>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 }) }),
      })
    const open: Array<Kysely<RosterDatabase>> = []
    const viaBouncer = (max = 4) => {
      const db = new Kysely<RosterDatabase>({
        dialect: new PostgresDialect({
          pool: guardPool(new pg.Pool({ connectionString: bouncer.url, max })),
        }),
      })
      open.push(db)
      return db
    }

    beforeAll(async () => {
      const admin = direct()
      try {
        await sql.raw(`create database ${database}`).execute(admin)
      } finally {
        await admin.destroy()
      }
      // Transaction mode: two server connections shared by every client, so consecutive statements
      // of one client land on either. Session mode pins a server connection per client connection,
      // so it needs one for each.
      const target = new URL(TEST_DATABASE_URL!)
      target.pathname = `/${database}`
      bouncer = await startPgbouncer(target.href, mode, { poolSize: mode === 'transaction' ? 2 : 40 })
    }, 30_000)

    afterAll(async () => {
      for (const db of open.splice(0)) await db.destroy()
      await bouncer?.stop()
      const admin = direct()
      try {
        await sql.raw(`drop database if exists ${database} with (force)`).execute(admin)
      } finally {
        await admin.destroy()
      }
    }, 30_000)

    it('migrations from three instances at once, under other traffic, apply each migration once and leave no lock', async () => {
      const instances = [viaBouncer(), viaBouncer(), viaBouncer()]
      const busy = viaBouncer(6)
      let stop = false
      const traffic = (async () => {
        while (!stop) await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.002)`.execute(busy)))
      })()
      try {
        const results = await Promise.all(
          instances.map((db) => migrateToLatest(db, { lockTimeoutMs: 20_000 })),
        )
        expect(
          results
            .flat()
            .map((r) => r.migrationName)
            .sort(),
        ).toEqual(MIGRATIONS)
        expect(results.flat().every((r) => r.status === 'Success')).toBe(true)
        expect((await migrationStatus(instances[0]!)).every((m) => m.executedAt instanceof Date)).toBe(true)
        // A migration after them does not wait for a leaked lock: down one step and up again, quickly.
        const started = Date.now()
        expect(
          (await migrateDown(instances[1]!, { lockTimeoutMs: 5_000 })).map((r) => r.migrationName),
        ).toEqual([MIGRATIONS.at(-1)])
        expect(
          (await migrateToLatest(instances[2]!, { lockTimeoutMs: 5_000 })).map((r) => r.migrationName),
        ).toEqual([MIGRATIONS.at(-1)])
        expect(Date.now() - started).toBeLessThan(5_000)
      } finally {
        stop = true
        await traffic
      }
      const admin = direct()
      try {
        const { rows } = await sql<{ held: number }>`
          select count(*)::int as held from pg_locks l join pg_database d on d.oid = l.database
          where l.locktype = 'advisory' and d.datname = ${database}`.execute(admin)
        expect(rows[0]?.held).toBe(0)
      } finally {
        await admin.destroy()
      }
    }, 60_000)

    it('the storage works through it: concurrent adds, a seat race and a page (plain pool)', async () => {
      const db = viaBouncer(8)
      await migrateToLatest(db)
      const mailer = createMemoryMailer()
      const roster = createRoster({
        storage: postgresStorage(db),
        mailer,
        baseUrl: 'https://app.example.test',
      })
      const system = systemActor('seed')
      const founder = (
        await roster.accounts.signUp({
          email: `f-${mode}@example.test`,
          firstName: 'Fay',
          lastName: 'Founder',
        })
      )._unsafeUnwrap()
      const token = mailer.last(`f-${mode}@example.test`)?.data.token as string
      ;(await roster.activation.activate({ token, password: 'correct horse battery staple' }))._unsafeUnwrap()
      const org = (
        await roster.orgs.create(system, { name: `Org ${mode}`, founderId: founder.id })
      )._unsafeUnwrap()
      const actor = system
      const added = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          roster.members.add(actor, {
            orgId: org.id,
            email: `p${i}-${mode}@example.test`,
            firstName: 'P',
            lastName: `${i}`,
          }),
        ),
      )
      expect(added.filter((r) => r.isOk())).toHaveLength(12)
      await roster.licenses.createPool(actor, { orgId: org.id, product: 'phone-line', seats: 3 })
      const members = added.map((r) => r._unsafeUnwrap())
      const claims = await Promise.all(
        members.map((m) =>
          roster.licenses.assign(actor, { orgId: org.id, product: 'phone-line', accountId: m.accountId }),
        ),
      )
      expect(claims.filter((r) => r.isOk())).toHaveLength(3)
      const page = (await roster.members.list(actor, { orgId: org.id, limit: 50 }))._unsafeUnwrap()
      expect(page.items).toHaveLength(13)
    }, 60_000)
  })
}
