import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rosterMigrations } from './migrations/index.js'
import { TEST_DATABASE_URL } from './test-support.js'

// The `roster-postgres` bin (issue 16), run as a deploy pipeline would: a child process, its exit
// code and its output. On the sources through tsx; the package's bin is the same file built.
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url))
const MIGRATIONS = Object.keys(rosterMigrations).sort()

function run(args: string[], env: Record<string, string | undefined> = {}) {
  const result = spawnSync(
    process.execPath,
    ['--conditions=@roster/source', '--import', 'tsx', CLI, ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: undefined, ...env },
      timeout: 60_000,
      // tsx is the adapter's devDependency: resolve it from the package.
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    },
  )
  return { code: result.status, out: result.stdout.trim(), err: result.stderr.trim() }
}

describe('roster-postgres CLI', () => {
  it('answers a wrong command or a missing URL with its usage and exit code 2', () => {
    expect(run([])).toMatchObject({ code: 2, err: expect.stringContaining('usage: roster-postgres') })
    expect(run(['migrate'])).toMatchObject({ code: 2, err: expect.stringContaining('DATABASE_URL') })
    expect(run(['status', '--url', 'postgres://x@127.0.0.1/x', '--lock-timeout-ms', 'soon']).code).toBe(2)
  }, 60_000)

  describe.runIf(TEST_DATABASE_URL)('on the server', () => {
    const schema = `roster_cli_${process.pid}_${Date.now().toString(36)}`
    const url = new URL(TEST_DATABASE_URL!)
    url.searchParams.set('options', `-c search_path=${schema}`)
    const admin = () =>
      new Kysely<unknown>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 }) }),
      })
    beforeAll(async () => {
      const db = admin()
      await sql.raw(`create schema ${schema}`).execute(db)
      await db.destroy()
    })
    afterAll(async () => {
      const db = admin()
      await sql.raw(`drop schema if exists ${schema} cascade`).execute(db)
      await db.destroy()
    })

    it('status (pending: exit 3), migrate, status (current: exit 0), migrate again (up to date), down', () => {
      const before = run(['status'], { DATABASE_URL: url.href })
      expect(before.code).toBe(3)
      expect(before.out.split('\n')).toEqual(MIGRATIONS.map((name) => `${name}  pending`))
      const migrated = run(['migrate', '--url', url.href])
      expect(migrated).toMatchObject({ code: 0 })
      expect(migrated.out.split('\n')).toEqual(MIGRATIONS.map((name) => `applied ${name}`))
      const after = run(['status', `--url=${url.href}`])
      expect(after.code).toBe(0)
      expect(after.out.split('\n').every((line) => / {2}\d{4}-\d\d-\d\dT/.test(line))).toBe(true)
      expect(run(['migrate'], { DATABASE_URL: url.href }).out).toBe('up to date')
      expect(run(['down'], { DATABASE_URL: url.href }).out).toBe(`reverted ${MIGRATIONS.at(-1)}`)
    }, 120_000)

    it('a database it cannot reach is exit code 1 with the reason', () => {
      const result = run(['status', '--url', 'postgres://postgres@127.0.0.1:1/none'])
      expect(result.code).toBe(1)
      expect(result.err).toMatch(/roster-postgres status: .*ECONNREFUSED/)
    }, 60_000)
  })
})
