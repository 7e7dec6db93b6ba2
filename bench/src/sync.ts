// Directory sync at scale (S4): one org syncs `count` people (default 100,000) from a generated
// DirectorySource through postgresStorage — the first run adds everyone, the second finds everyone
// unchanged — measured in people/s, statements and peak RSS, beside a raw batched INSERT of the
// same rows (accounts, memberships, grants, links, tokens, audit events, outbox mails; 500 people
// per transaction, one multi-row INSERT per table).
//
// Standalone: tsx --conditions=@roster/source src/sync.ts [--sync=100000]
import { createHash } from 'node:crypto'
import { pathToFileURL } from 'node:url'
import { createRoster, type DirectoryPerson, type Mailer, systemActor } from '@roster/core'
import { sql } from 'kysely'
import pg from 'pg'
import { type BenchDatabase, BENCH_DATABASE, openBenchDatabase, SERVER_URL } from './database.js'
import { fmt } from './timing.js'

const BATCH = 500
const NOW = new Date('2030-01-01T00:00:00Z')

export interface SyncRunResult {
  seconds: number
  peoplePerSecond: number
  statements: number
  /** Highest RSS sampled during the run (every 50 ms and after each batch), and before it. */
  peakRssMiB: number
  startRssMiB: number
}

export interface SyncBenchResult {
  count: number
  first: SyncRunResult
  second: SyncRunResult
  raw: SyncRunResult
}

/** Person `i` of the generated directory; made only when the sync asks for it. */
function personOf(i: number): DirectoryPerson {
  return {
    externalId: `emp-${String(i).padStart(7, '0')}`,
    email: `person${i}@sync.test`,
    firstName: `Given${i % 997}`,
    lastName: `Family${i}`,
    title: i % 7 === 0 ? 'Inspector' : null,
  }
}

async function* generate(count: number, prefix = ''): AsyncGenerator<DirectoryPerson> {
  for (let i = 1; i <= count; i++) {
    const person = personOf(i)
    yield prefix
      ? { ...person, externalId: prefix + person.externalId, email: prefix + person.email }
      : person
  }
}

/** Samples RSS every 50 ms (and on demand) until stopped; the peak in MiB. */
function rssSampler() {
  let peak = process.memoryUsage().rss
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }
  const timer = setInterval(sample, 50)
  return {
    sample,
    stop() {
      clearInterval(timer)
      sample()
      return peak / 2 ** 20
    },
  }
}

/**
 * Autovacuum's ANALYZE, on a connection of its own (not counted): a server with autovacuum off (as
 * test servers often are) keeps the planner's "empty table" statistics while tables grow by 100,000
 * rows, and foreign-key checks planned on them turn into sequential scans — O(n²) for any writer.
 * Every 10 s, like autovacuum's default naptime scaled to a short run.
 */
async function analyzer() {
  const url = new URL(SERVER_URL)
  url.pathname = `/${BENCH_DATABASE}`
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  const tables = 'accounts, memberships, grants, connection_links, tokens, audit_events, outbox_messages'
  let running: Promise<unknown> = client.query(`analyze ${tables}`)
  const timer = setInterval(() => {
    running = running.then(() => client.query(`analyze ${tables}`)).catch(() => undefined)
  }, 10_000)
  return async () => {
    clearInterval(timer)
    await running.catch(() => undefined)
    await client.end()
  }
}

async function timed(bench: BenchDatabase, count: number, fn: (sample: () => void) => Promise<unknown>) {
  const stopAnalyzer = await analyzer()
  const startRss = process.memoryUsage().rss / 2 ** 20
  const sampler = rssSampler()
  const started = performance.now()
  const { statements } = await bench.counter.measure(() => fn(sampler.sample)).finally(stopAnalyzer)
  const seconds = (performance.now() - started) / 1000
  return {
    seconds,
    peoplePerSecond: count / seconds,
    statements,
    peakRssMiB: sampler.stop(),
    startRssMiB: startRss,
  } satisfies SyncRunResult
}

/** An org with its founder (loaded directly, like the scale bench) for the sync to fill. */
async function seedOrg(bench: BenchDatabase, id: string) {
  const founder = `f${id.slice(1)}`
  await sql`insert into accounts (id, username, username_key, email, email_key, first_name, last_name, first_name_key,
      last_name_key, language, status, must_change_password, failed_sign_ins, created_at, updated_at)
    values (${founder}, ${`${founder}@sync.test`}, ${`${founder}@sync.test`}, ${`${founder}@sync.test`},
      ${`${founder}@sync.test`}, 'Fay', 'Founder', 'fay', 'founder', 'en', 'active', false, 0, ${NOW}, ${NOW})`.execute(
    bench.db,
  )
  await sql`insert into organizations (id, name, slug, email, founder_id, settings, created_at, updated_at)
    values (${id}, ${`Sync ${id.slice(-4)}`}, ${`sync-${id.slice(-4)}`}, null, ${founder},
      '{"joinRequests":true,"requiredProducts":[]}', ${NOW}, ${NOW})`.execute(bench.db)
  await sql`insert into memberships (org_id, id, account_id, type, status, source, created_at, updated_at)
    values (${id}, ${`0${id.slice(1)}`}, ${founder}, 'employee', 'active', 'local', ${NOW}, ${NOW})`.execute(
    bench.db,
  )
  await sql`insert into grants (org_id, account_id, role_id, scope_kind, scope_value)
    values (${id}, ${founder}, 'owner', 'org', '')`.execute(bench.db)
}

/** 32 lower-case hex digits, increasing with `n` (the core's id shape). */
const hexId = (tag: number, n: number) =>
  `${tag.toString(16).padStart(8, '0')}${n.toString(16).padStart(24, '0')}`

/**
 * The raw baseline: the rows a first run writes for `count` people, as multi-row INSERTs, one
 * transaction per 500 people — what a hand-written importer with no checks would send.
 */
async function rawInsert(
  bench: BenchDatabase,
  count: number,
  orgId: string,
  connectionId: string,
  sample: () => void,
) {
  const { rows } = await sql<{ subject: string; text: string; html: string }>`
    select subject, text, html from outbox_messages where template = 'activation' limit 1`.execute(bench.db)
  const mail = rows[0] ?? { subject: 'Activate your account', text: 'x'.repeat(600), html: 'x'.repeat(3000) }
  let batch: DirectoryPerson[] = []
  let n = 0
  const flush = async () => {
    const people = batch
    batch = []
    await bench.db.transaction().execute(async (trx) => {
      const ids = people.map(() => ++n)
      const accountId = (k: number) => hexId(0xa0000000, ids[k]!)
      await trx
        .insertInto('accounts')
        .values(
          people.map((p, k) => ({
            id: accountId(k),
            username: p.email,
            username_key: p.email,
            email: p.email,
            email_key: p.email,
            first_name: p.firstName,
            last_name: p.lastName,
            first_name_key: p.firstName.toLowerCase(),
            last_name_key: p.lastName.toLowerCase(),
            phone: null,
            language: 'en',
            status: 'pending_activation',
            must_change_password: false,
            password_hash: null,
            identity_provider: null,
            external_subject: null,
            failed_sign_ins: 0,
            locked_until: null,
            created_at: NOW,
            updated_at: NOW,
          })),
        )
        .execute()
      await trx
        .insertInto('memberships')
        .values(
          people.map((p, k) => ({
            org_id: orgId,
            id: hexId(0xb0000000, ids[k]!),
            account_id: accountId(k),
            type: 'guest',
            status: 'invited',
            department_id: null,
            title: p.title ?? null,
            source: connectionId,
            created_at: NOW,
            updated_at: NOW,
          })),
        )
        .execute()
      await trx
        .insertInto('grants')
        .values(
          people.map((_, k) => ({
            org_id: orgId,
            account_id: accountId(k),
            role_id: 'member',
            scope_kind: 'org',
            scope_value: '',
          })),
        )
        .execute()
      await trx
        .insertInto('connection_links')
        .values(
          people.map((p, k) => ({
            org_id: orgId,
            connection_id: connectionId,
            external_id: p.externalId,
            account_id: accountId(k),
            last_seen_run: 1,
            record: JSON.stringify({
              ...p,
              phone: null,
              language: null,
              title: p.title ?? null,
              active: true,
            }),
            managed_fields: ['email', 'firstName', 'lastName'],
            owns_account: true,
            missing_since: null,
            created_at: NOW,
            updated_at: NOW,
          })),
        )
        .execute()
      await trx
        .insertInto('tokens')
        .values(
          people.map((_, k) => ({
            id: hexId(0xc0000000, ids[k]!),
            kind: 'activation',
            hash: createHash('sha256').update(`raw-${ids[k]}`).digest('base64url'),
            account_id: accountId(k),
            email: null,
            expires_at: new Date(NOW.getTime() + 86_400_000),
            used_at: null,
            created_at: NOW,
          })),
        )
        .execute()
      await trx
        .insertInto('audit_events')
        .values(
          people.map((_, k) => ({
            org_id: orgId,
            id: hexId(0xd0000000, ids[k]!),
            actor_kind: 'system',
            actor_id: null,
            actor_reason: 'bench',
            action: 'member.added',
            target_type: 'account',
            target_id: accountId(k),
            changes: JSON.stringify({ type: { after: 'guest' }, source: { after: connectionId } }),
            at: NOW,
          })),
        )
        .execute()
      await trx
        .insertInto('outbox_messages')
        .values(
          people.map((p, k) => ({
            id: hexId(0xe0000000, ids[k]!),
            org_id: orgId,
            to: p.email,
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            template: 'activation',
            language: 'en',
            data: JSON.stringify({ token: `raw-${ids[k]}`, url: 'https://app.example.com/activate' }),
            status: 'pending',
            attempts: 0,
            next_attempt_at: NOW,
            last_error: null,
            created_at: NOW,
            sent_at: null,
          })),
        )
        .execute()
    })
    sample()
  }
  for await (const person of generate(count, 'raw-')) {
    batch.push(person)
    if (batch.length >= BATCH) await flush()
  }
  if (batch.length > 0) await flush()
}

/** Runs the sync measurement on the bench database. */
export async function measureSync(
  bench: BenchDatabase,
  count: number,
  log: (line: string) => void,
): Promise<SyncBenchResult> {
  const source = { list: () => generate(count) }
  const mailer: Mailer = { send: async (message) => ({ id: message.id }) }
  const roster = createRoster({
    storage: bench.storage,
    mailer,
    // Activation mails wait in the outbox: delivery is the dispatcher's work, measured elsewhere.
    outbox: { dispatch: 'manual' },
    directorySources: { generated: source },
  })
  const system = systemActor('bench')
  const orgId = '5c000000000000000000000000sync01'
  const rawOrgId = '5c000000000000000000000000sync02'
  await seedOrg(bench, orgId)
  await seedOrg(bench, rawOrgId)
  const connection = (
    await roster.connections.connectSource(system, { orgId, sourceKey: 'generated', intervalMinutes: null })
  )._unsafeUnwrap()

  const run = (label: string) =>
    timed(bench, count, async (sample) => {
      let last = 0
      const report = (
        await roster.connections.sync(
          system,
          { connectionId: connection.id },
          {
            batchSize: BATCH,
            onProgress: ({ processed }) => {
              sample()
              if (processed - last >= 10_000 || processed === count) {
                log(`  ${label}: ${fmt(processed)} / ${fmt(count)}`)
                last = processed
              }
            },
          },
        )
      )._unsafeUnwrap()
      if (!report.complete || report.errorCount > 0) throw new Error(`sync failed: ${JSON.stringify(report)}`)
      return report
    })

  log(`Sync: first run over ${fmt(count)} people…`)
  const first = await run('first run')
  log('Sync: second run (everyone unchanged)…')
  const second = await run('second run')

  log('Sync: raw batched INSERT of the same rows…')
  const rawConnection = (
    await roster.connections.connectSource(system, {
      orgId: rawOrgId,
      sourceKey: 'generated',
      intervalMinutes: null,
    })
  )._unsafeUnwrap()
  const raw = await timed(bench, count, (sample) =>
    rawInsert(bench, count, rawOrgId, rawConnection.id, sample),
  )
  return { count, first, second, raw }
}

/** The Markdown section of docs/benchmarks.md. */
export function syncMarkdown(result: SyncBenchResult): string[] {
  const row = (name: string, r: SyncRunResult, note: string) =>
    `| ${name} | ${fmt(r.seconds, 1)} | ${fmt(r.peoplePerSecond)} | ${fmt(r.statements)} | ${fmt(r.statements / result.count, 3)} | ${fmt(r.startRssMiB)} → ${fmt(r.peakRssMiB)} | ${note} |`
  return [
    `## Directory sync of ${fmt(result.count)} people`,
    '',
    `A generated \`DirectorySource\` streamed through \`connections.sync\` in batches of ${BATCH} people per transaction;`,
    'an ANALYZE every 10 s on its own connection stands in for autovacuum (off on many test servers).',
    '',
    '| run | seconds | people/s | statements | per person | RSS MiB (start → peak) | what it does |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    row(
      'sync, first run',
      result.first,
      'per batch of 500 new people: one blocklist read, one account read by email, one INSERT … SELECT FROM unnest(…) each for accounts, memberships with grants, and links; activation tokens, audit rows and outbox mails sent as CTEs',
    ),
    row('sync, second run', result.second, 'everyone unchanged: one link read and one `markSeen` per batch'),
    row(
      'raw batched INSERT',
      result.raw,
      'the first run’s rows, one multi-row INSERT per table per 500 people',
    ),
    '',
  ]
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv.find((a) => a.startsWith('--sync='))
  const count = arg ? Number(arg.split('=')[1]) : 100_000
  const log = (line: string) => process.stderr.write(`${line}\n`)
  const bench = await openBenchDatabase()
  try {
    process.stdout.write(`${syncMarkdown(await measureSync(bench, count, log)).join('\n')}\n`)
  } finally {
    await bench.close(!process.argv.includes('--keep'))
  }
}
