#!/usr/bin/env node
// roster-postgres: Roster's migrations from a deploy pipeline.
//   roster-postgres migrate [--url postgres://…]   apply pending migrations (each in its own transaction)
//   roster-postgres status  [--url postgres://…]   list migrations and when they ran; exit 3 if any is pending
//   roster-postgres down    [--url postgres://…]   revert the most recent migration
// The URL defaults to $DATABASE_URL. Safe through PgBouncer in transaction mode (see the postgres guide).
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { guardPool } from './guard-pool.js'
import { migrateDown, migrateToLatest, migrationStatus, RosterMigrationError } from './migrations/index.js'

const USAGE = 'usage: roster-postgres <migrate|status|down> [--url postgres://…] [--lock-timeout-ms N]'

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name)
  if (index >= 0) return args[index + 1]
  return args.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1)
}

/** Runs the CLI; resolves to the process exit code. Exported for tests. */
export async function main(args: string[], out = console.log, error = console.error): Promise<number> {
  const command = args[0]
  if (!command || !['migrate', 'status', 'down'].includes(command)) {
    error(USAGE)
    return 2
  }
  const url = option(args, '--url') ?? process.env.DATABASE_URL
  if (!url) {
    error(`roster-postgres: no database: pass --url or set DATABASE_URL\n${USAGE}`)
    return 2
  }
  const timeout = option(args, '--lock-timeout-ms')
  const lockTimeoutMs = timeout === undefined ? undefined : Number(timeout)
  if (lockTimeoutMs !== undefined && !(Number.isInteger(lockTimeoutMs) && lockTimeoutMs >= 0)) {
    error('roster-postgres: --lock-timeout-ms takes a whole number of milliseconds')
    return 2
  }
  const options = lockTimeoutMs === undefined ? {} : { lockTimeoutMs }
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: guardPool(new pg.Pool({ connectionString: url, max: 1 })) }),
  })
  try {
    if (command === 'migrate') {
      const results = await migrateToLatest(db, options)
      out(results.length === 0 ? 'up to date' : results.map((r) => `applied ${r.migrationName}`).join('\n'))
      return 0
    }
    if (command === 'down') {
      const results = await migrateDown(db, options)
      out(
        results.length === 0
          ? 'nothing to revert'
          : results.map((r) => `reverted ${r.migrationName}`).join('\n'),
      )
      return 0
    }
    const status = await migrationStatus(db)
    for (const { name, executedAt } of status)
      out(`${name}  ${executedAt ? executedAt.toISOString() : 'pending'}`)
    return status.some((m) => !m.executedAt) ? 3 : 0
  } catch (cause) {
    error(
      `roster-postgres ${command}: ${cause instanceof RosterMigrationError || cause instanceof Error ? cause.message : String(cause)}`,
    )
    return 1
  } finally {
    await db.destroy()
  }
}

// Run when executed (not when imported by a test).
const invoked = process.argv[1] ?? ''
if (/roster-postgres$|cli\.(js|cjs|ts)$/.test(invoked)) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code
  })
}
