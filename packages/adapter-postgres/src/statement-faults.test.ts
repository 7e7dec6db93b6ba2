import { PGlite } from '@electric-sql/pglite'
import { Kysely, sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { pgliteDialect } from './pglite-dialect.js'
import { InjectedStatementFault, statementFaults } from './statement-faults.js'

// The statement-fault injector of the fault-injection suite: it must really fail the k-th
// statement (BEGIN and COMMIT included), or that suite tests nothing.
describe('statementFaults', () => {
  const open: Array<Kysely<unknown>> = []
  afterEach(async () => {
    for (const db of open.splice(0)) await db.destroy()
  })

  async function setup() {
    const faults = statementFaults()
    const db = new Kysely<unknown>({ dialect: faults.wrap(pgliteDialect(await PGlite.create())) })
    open.push(db)
    await sql`create table t (v int)`.execute(db)
    const injector = faults.injector({} as never)
    injector.reset()
    const rows = async () =>
      faults.bypass(async () => (await sql<{ v: number }>`select v from t order by v`.execute(db)).rows)
    const write = () =>
      db.transaction().execute(async (trx) => {
        await sql`insert into t values (1)`.execute(trx)
        await sql`insert into t values (2)`.execute(trx)
      })
    return { db, injector, rows, write }
  }

  it('counts BEGIN, each statement and COMMIT, and fails none unless told', async () => {
    const { injector, rows, write } = await setup()
    await write()
    expect(injector.calls).toBe(4)
    expect(injector.log?.[0]).toBe('sql: begin')
    expect(injector.log?.[3]).toBe('sql: commit')
    expect(await rows()).toEqual([{ v: 1 }, { v: 2 }])
  })

  it.each([1, 2, 3, 4])('failing statement %i of a transaction stores nothing', async (k) => {
    const { injector, rows, write } = await setup()
    injector.failAt(k)
    await expect(write()).rejects.toBeInstanceOf(InjectedStatementFault)
    expect(injector.injected).toHaveLength(1)
    expect(await rows()).toEqual([])
  })

  it('refuses the rest of a transaction after a swallowed fault, as Postgres does', async () => {
    const { db, injector, rows } = await setup()
    injector.failAt(2)
    const swallowing = db.transaction().execute(async (trx) => {
      await sql`insert into t values (1)`.execute(trx).catch(() => undefined)
      await sql`insert into t values (2)`.execute(trx)
    })
    await expect(swallowing).rejects.toBeInstanceOf(InjectedStatementFault)
    expect(await rows()).toEqual([])
  })

  it('counts nothing while bypassed', async () => {
    const { injector, rows } = await setup()
    injector.failAt(1)
    expect(await rows()).toEqual([])
    expect(injector.calls).toBe(0)
  })
})
