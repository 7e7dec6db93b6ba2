// A child process for connection-loss.test.ts: one roster on a real server whose next transaction
// pauses after BEGIN, tells the parent, and goes on when told — by then the parent has terminated
// its backend. Reports each answer to the parent; exits 0 if the process survived.
// `@roster/core/testing` loads vitest, which only runs under vitest: the mailer comes from the root.
import { createMemoryMailer, createRoster } from '@roster/core'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { guardPool } from './guard-pool.js'
import { postgresStorage } from './postgres-storage.js'
import type { RosterDatabase } from './schema.js'

const { DATABASE_URL, SCHEMA, APP_NAME, GUARD } = process.env
const send = (message: Record<string, unknown>) => process.send?.(message)

const plain = new pg.Pool({
  connectionString: DATABASE_URL,
  max: 2,
  application_name: APP_NAME,
  options: `-c search_path=${SCHEMA}`,
})
const pool = GUARD === '1' ? guardPool(plain) : plain
// Idle-client errors are the pool's, which the guide always told hosts to listen to.
if (GUARD !== '1') pool.on('error', () => {})
const db = new Kysely<RosterDatabase>({ dialect: new PostgresDialect({ pool }) })
const inner = postgresStorage(db)
let pauseNext = true
const storage = {
  ...inner,
  transaction: <T>(fn: Parameters<typeof inner.transaction<T>>[0]) =>
    inner.transaction<T>(async (tx) => {
      if (pauseNext) {
        pauseNext = false
        const go = new Promise<void>((resolve) => process.once('message', () => resolve()))
        send({ step: 'in-transaction' })
        await go
      }
      return fn(tx)
    }),
}
const roster = createRoster({ storage, mailer: createMemoryMailer() })

const first = await roster.accounts.signUp({
  email: `lost.${APP_NAME}@example.com`,
  firstName: 'Lou',
  lastName: 'Lost',
})
send({ step: 'first', code: first.isErr() ? first.error.code : 'ok' })
const second = await roster.accounts.signUp({
  email: `next.${APP_NAME}@example.com`,
  firstName: 'Nia',
  lastName: 'Next',
})
send({ step: 'second', code: second.isErr() ? second.error.code : 'ok' })
await db.destroy()
process.exit(0)
