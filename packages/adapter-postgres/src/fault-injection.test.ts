import { runFaultInjection, storageFaultTarget } from '@roster/core/testing'
import { type Kysely, sql } from 'kysely'
import { afterAll, describe } from 'vitest'
import type { RosterDatabase } from './schema.js'
import { statementFaults } from './statement-faults.js'
import { harnesses } from './test-support.js'

/** Every row of every Roster table of the current schema, rows sorted, as JSON-able values. */
async function dumpTables(db: Kysely<RosterDatabase>): Promise<Record<string, unknown>> {
  const { rows } = await sql<{ name: string }>`
    select tablename as name from pg_tables
    where schemaname = current_schema() and tablename not like 'roster_migrations%'
    order by tablename`.execute(db)
  const tables: Record<string, unknown> = {}
  for (const { name } of rows) {
    const result = await sql
      .raw<{ row: string }>(`select row_to_json(t)::text as row from "${name}" t`)
      .execute(db)
    const sorted = result.rows.map((r) => r.row).sort()
    if (sorted.length > 0) tables[name] = sorted.map((row) => JSON.parse(row) as unknown)
  }
  return tables
}

// Issue 13 on PGlite (and the server named by ROSTER_TEST_DATABASE_URL): write use-cases with their
// storage-port calls failing in turn. By default the 17 below (every one that mails, and the seat,
// number, sync and SCIM group paths), at most 8 calls each, so the file stays near 30 s; ROSTER_FAULT_FULL=1
// runs all 62 scenarios with every call failing (about 3 minutes per target on a loaded 2-core box).
const FULL = process.env.ROSTER_FAULT_FULL === '1'
const DEFAULT_SCENARIOS = [
  'accounts.signUp',
  'accounts.changeEmail',
  'activation.requestNewLink',
  'activation.resend',
  'credentials.requestPasswordReset',
  'orgs.create',
  'members.add',
  'members.add (existing account: invitation)',
  'members.addMany',
  'members.remove',
  'joinRequests.create',
  'joinRequests.approve',
  'licenses.assign',
  'numbers.assign',
  'outbox.dispatch',
  'connections.sync',
  'scim.groups patch (a member joins a mapped group and gets its role)',
]
for (const harness of harnesses()) {
  describe(harness.name, () => {
    afterAll(() => harness.close())
    runFaultInjection({
      name: `postgres (${harness.name}), storage calls`,
      outboxTable: 'outbox_messages',
      ...(FULL ? {} : { only: DEFAULT_SCENARIOS }),
      open: async () => {
        const database = await harness.open()
        return storageFaultTarget(
          database.storage,
          () => dumpTables(database.db),
          () => harness.dispose(database),
        )
      },
    })
    // The same use-cases with each SQL statement failing in turn, BEGIN and COMMIT included: the
    // adapter's own handling between the statements of one port call is what this one reaches.
    runFaultInjection({
      name: `postgres (${harness.name}), SQL statements`,
      outboxTable: 'outbox_messages',
      ...(FULL ? {} : { only: DEFAULT_SCENARIOS }),
      open: async () => {
        const faults = statementFaults()
        const database = await harness.open({ wrapDialect: faults.wrap })
        return {
          faults: faults.injector(database.storage),
          snapshot: () => faults.bypass(() => dumpTables(database.db)),
          dispose: () => harness.dispose(database),
        }
      },
    })
  })
}
