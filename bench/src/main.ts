// pnpm bench — statement counts and ops/s of Roster's foundation use-cases on a real Postgres,
// beside raw-SQL baselines run in the same process, and the members directory at a million
// memberships. Prints Markdown (the tables of docs/benchmarks.md).
//
// Options: --seconds=2 (per measurement), --scale=1000000 (memberships; 0 skips), --sync=100000
// (people of the directory sync run; 0 skips), --keep (keep the
// bench database). Server: ROSTER_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test);
// the bench creates and drops its own database (ROSTER_BENCH_DATABASE, default roster_bench) there.
import { cpus, totalmem, type } from 'node:os'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { sql } from 'kysely'
import { BENCH_DATABASE, openBenchDatabase, SERVER_URL } from './database.js'
import { measureScale } from './scale.js'
import { measureSync, syncMarkdown } from './sync.js'
import { fmt } from './timing.js'
import { measureUseCases } from './use-cases.js'

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`))
  return arg ? Number(arg.split('=')[1]) : fallback
}

const seconds = option('seconds', 2)
const scale = option('scale', 1_000_000)
const syncPeople = option('sync', 100_000)
const keep = process.argv.includes('--keep')
const log = (line: string) => process.stderr.write(`${line}\n`)

const require = createRequire(import.meta.url)
/** A dependency's version, from the package.json above its entry point (exports maps hide it). */
const versionOf = (name: string) => {
  try {
    let dir = dirname(require.resolve(name))
    for (let i = 0; i < 5; i++, dir = dirname(dir)) {
      const file = join(dir, 'package.json')
      if (existsSync(file)) {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string }
        if (pkg.name === name) return pkg.version
      }
    }
  } catch {}
  return '?'
}

const ratio = (a: number, b: number | undefined) => (b && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : '—')
const ops = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '—' : fmt(n))

async function main() {
  const safeUrl = new URL(SERVER_URL)
  safeUrl.password = ''
  log(`Bench database ${BENCH_DATABASE} on ${safeUrl.host}`)
  const bench = await openBenchDatabase()
  try {
    const { rows } = await sql<{ version: string }>`select version()`.execute(bench.db)
    const out: string[] = []
    out.push('## Machine', '')
    out.push(`- CPU: ${cpus()[0]?.model ?? '?'} × ${cpus().length} (shared with other work)`)
    out.push(`- Memory: ${fmt(totalmem() / 2 ** 30, 0)} GiB, ${type()}`)
    out.push(`- Node ${process.version}; kysely ${versionOf('kysely')}; pg ${versionOf('pg')}`)
    out.push(`- Server: ${rows[0]?.version.split(' on ')[0]} on loopback (${safeUrl.host}), default settings`)
    out.push(
      `- One client, calls one after another; Roster and its raw baselines alternate in 5 rounds (medians reported); password hashing replaced by SHA-256`,
      `- Roster twice: over a plain Kysely (\`postgresStorage(db)\`, unprepared: what a transaction-mode pooler gets) and as the README sets it up (\`postgresStorage(pool)\`: prepared statements on a direct connection)`,
    )
    out.push('')

    // Each section is printed as soon as it is measured, so a later failure keeps the earlier tables.
    const flush = () => process.stdout.write(`${out.splice(0).join('\n')}\n`)
    flush()
    log('Measuring use-cases…')
    const results = await measureUseCases(bench, seconds)
    out.push('## Use-cases', '')
    out.push(
      '| use-case | statements | ops/s, unprepared Kysely | ops/s, README default `postgresStorage(pool)` | raw single-row: statements | ops/s | Roster ÷ single: unprepared (default) | raw batched: ops/s | Roster ÷ batched: unprepared (default) | what it does |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    )
    for (const r of results) {
      out.push(
        `| ${r.name} | ${r.statements} | ${ops(r.opsPerSecond)} | ${ops(r.preparedOpsPerSecond)} | ${r.single?.statements ?? '—'} | ${ops(r.single?.opsPerSecond)} | ${ratio(r.opsPerSecond, r.single?.opsPerSecond)} (${ratio(r.preparedOpsPerSecond, r.single?.opsPerSecond)}) | ${ops(r.batched?.opsPerSecond)} | ${ratio(r.opsPerSecond, r.batched?.opsPerSecond)} (${ratio(r.preparedOpsPerSecond, r.batched?.opsPerSecond)}) | ${r.note ?? ''} |`,
      )
    }
    out.push('')

    flush()
    if (scale > 0) {
      const s = await measureScale(bench, scale, log)
      out.push(`## Members directory at ${fmt(s.count)} memberships`, '')
      out.push(
        `Loaded in ${fmt(s.loadSeconds, 1)} s (INSERT … SELECT generate_series, indexes in place).`,
        '',
      )
      out.push(
        '| page of 100 | members.list, unprepared (median ms) | members.list, README default (ms) | memberships.page alone (ms) |',
        '| --- | ---: | ---: | ---: |',
      )
      out.push(
        `| first | ${fmt(s.firstPageMs, 2)} | ${fmt(s.preparedFirstPageMs, 2)} | ${fmt(s.rawFirstPageMs, 2)} |`,
      )
      out.push(
        `| at offset 10,000 (by cursor) | ${fmt(s.deepPageMs, 2)} | ${fmt(s.preparedDeepPageMs, 2)} | ${fmt(s.rawDeepPageMs, 2)} |`,
      )
      out.push(
        `| deep ÷ first | ${(s.deepPageMs / s.firstPageMs).toFixed(2)}× | ${(s.preparedDeepPageMs / s.preparedFirstPageMs).toFixed(2)}× | ${(s.rawDeepPageMs / s.rawFirstPageMs).toFixed(2)}× |`,
      )
      out.push('')
      out.push(
        '| search (prefix) | rows | members.list (ms) | matching ids, btree ranges (ms) | matching ids, pg_trgm GIN + LIKE (ms) |',
      )
      out.push('| --- | ---: | ---: | ---: | ---: |')
      for (const q of s.searches) {
        out.push(
          `| \`${q.needle}\` | ${q.rows} | ${fmt(q.useCaseMs, 2)} | ${fmt(q.btreeMs, 2)} | ${fmt(q.trgmMs, 2)} |`,
        )
      }
      out.push('')
      out.push('| name indexes | build (s) | size (MiB) |', '| --- | ---: | ---: |')
      out.push(
        `| btree, C collation (shipped): full_name_key, last_name_key | ${fmt(s.btree.buildSeconds, 1)} | ${fmt(s.btree.bytes / 2 ** 20, 1)} |`,
      )
      out.push(
        `| pg_trgm GIN: full_name_key, last_name_key, email_key, username_key | ${fmt(s.trgm.buildSeconds, 1)} | ${fmt(s.trgm.bytes / 2 ** 20, 1)} |`,
      )
      out.push('')
    }
    flush()
    if (syncPeople > 0) out.push(...syncMarkdown(await measureSync(bench, syncPeople, log)))
    flush()
  } finally {
    await bench.close(!keep)
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
