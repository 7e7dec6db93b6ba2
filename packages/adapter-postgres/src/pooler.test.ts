// detectKyselyPooling on pools that cannot lend it two connections at once: it must answer
// 'unknown' in bounded time (it used to wait forever for the second connection), and leave the
// pool usable — the checkout it gave up on is handed back when it is finally served.
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { pgliteDialect } from './pglite-dialect.js'
import { detectKyselyPooling } from './pooler.js'
import { TEST_DATABASE_URL } from './test-support.js'

describe('detectKyselyPooling', () => {
  it('answers unknown for a single-connection PGlite instead of waiting forever, and the connection stays usable', async () => {
    const db = new Kysely({ dialect: pgliteDialect(await PGlite.create()) })
    try {
      const started = Date.now()
      expect(await detectKyselyPooling(db, { checkoutTimeoutMs: 200 })).toBe('unknown')
      expect(Date.now() - started).toBeLessThan(5_000)
      // The given-up checkout was queued behind the first; both are back, so queries run.
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db)
      expect(rows).toEqual([{ one: 1 }])
    } finally {
      await db.destroy()
    }
  })

  describe.skipIf(!TEST_DATABASE_URL)('on the server', () => {
    const kysely = (max: number) =>
      new Kysely({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: TEST_DATABASE_URL, max }) }),
      })

    it('answers unknown for a pg pool of max: 1 and keeps the pool usable', async () => {
      const db = kysely(1)
      try {
        expect(await detectKyselyPooling(db, { checkoutTimeoutMs: 200 })).toBe('unknown')
        const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db)
        expect(rows).toEqual([{ one: 1 }])
      } finally {
        await db.destroy()
      }
    })

    it('answers unknown while every other connection of the pool is busy', async () => {
      const db = kysely(2)
      try {
        let finish!: () => void
        const held = db.connection().execute(
          () =>
            new Promise<void>((resolve) => {
              finish = resolve
            }),
        )
        await new Promise((resolve) => setTimeout(resolve, 50))
        expect(await detectKyselyPooling(db, { checkoutTimeoutMs: 200 })).toBe('unknown')
        finish()
        await held
        // Both connections free again: the probe runs and sees a direct connection.
        expect(await detectKyselyPooling(db)).toBe('session')
      } finally {
        await db.destroy()
      }
    })
  })
})
