import { sql } from 'kysely'
import { afterAll, describe } from 'vitest'
import { secretsAtRestSuite } from '../../core/src/test-suites/secrets-at-rest.js'
import { conformanceOptions, harnesses } from './test-support.js'

// X5 on PGlite (and on the server named by ROSTER_TEST_DATABASE_URL): after every mail-sending
// use-case, in every outbox state, no row of any table holds a raw token or password.
for (const harness of harnesses()) {
  describe(harness.name, () => {
    afterAll(() => harness.close())
    const { databaseOf, ...lifecycle } = conformanceOptions(harness)
    secretsAtRestSuite({
      ...lifecycle,
      dumpTables: async (storage) => {
        const { db } = databaseOf(storage)
        const { rows } = await sql<{ name: string }>`
          select tablename as name from pg_tables where schemaname = current_schema() order by tablename`.execute(
          db,
        )
        const tables: Record<string, unknown[]> = {}
        for (const { name } of rows)
          tables[name] = (await sql.raw(`select * from "${name}"`).execute(db)).rows
        return tables
      },
    })
  })
}
