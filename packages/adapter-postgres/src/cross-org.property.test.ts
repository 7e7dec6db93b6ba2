import { sql } from 'kysely'
import { afterAll, describe } from 'vitest'
import { crossOrgSuite } from '../../core/src/test-suites/cross-org.js'
import { conformanceOptions, harnesses, type TestDatabase } from './test-support.js'

// X7 on PGlite (and on the server named by ROSTER_TEST_DATABASE_URL): org B's ids, used by org A's
// actors in every use-case, change no row of any table and answer like ids that do not exist.
/** `select name, md5(all its rows)` for every table of the schema, as one statement. */
async function digestOfEveryTable({ db }: TestDatabase): Promise<string> {
  const { rows } = await sql<{ name: string }>`
    select tablename as name from pg_tables where schemaname = current_schema() order by tablename`.execute(
    db,
  )
  return rows
    .map(
      ({ name }) =>
        `select '${name}' as name, md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as digest from "${name}" t`,
    )
    .join(' union all ')
}

for (const harness of harnesses()) {
  describe(harness.name, () => {
    afterAll(() => harness.close())
    const { databaseOf, ...lifecycle } = conformanceOptions(harness)
    let digestStatement: string | undefined
    crossOrgSuite({
      ...lifecycle,
      // WebAssembly Postgres is several times slower than a server: fewer cases unless asked for more.
      runs: Number(process.env.ROSTER_PROPERTY_RUNS ?? (harness.name === 'pglite' ? 40 : 150)),
      // One statement per snapshot: a digest of every table's rows, in an order independent of storage.
      dumpTables: async (storage) => {
        const database = databaseOf(storage)
        digestStatement ??= await digestOfEveryTable(database)
        const { rows } = await sql.raw<{ name: string; digest: string }>(digestStatement).execute(database.db)
        return Object.fromEntries(rows.map((row) => [row.name, [row.digest]]))
      },
    })
  })
}
