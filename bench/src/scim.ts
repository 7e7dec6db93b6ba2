// pnpm bench:scim — an IdP pushing people over SCIM 2.0 (issue 17) on a real Postgres: N users
// POSTed one at a time through @roster/scim's handler (each after the `userName eq` lookup Okta
// and Entra ID send first), beside `members.add` of as many people in the same run and database.
// Prints Markdown (the SCIM section of docs/benchmarks.md).
//
// Options: --people=10000, --keep (keep the bench database). Server: ROSTER_BENCH_DATABASE_URL
// (default postgres://postgres@127.0.0.1:5432/test); the bench creates and drops its own database.
import { cpus } from 'node:os'
import { createScimHandler } from '@roster/scim'
import { sql } from 'kysely'
import { BENCH_DATABASE, type BenchDatabase, openBenchDatabase } from './database.js'
import { fmt } from './timing.js'
import { benchRoster, PASSWORD } from './use-cases.js'

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`))
  return arg ? Number(arg.split('=')[1]) : fallback
}
const people = option('people', 10_000)
const keep = process.argv.includes('--keep')
const log = (line: string) => process.stderr.write(`${line}\n`)

function unwrap<T>(result: { isOk(): boolean; value?: T; error?: unknown }): T {
  if (!result.isOk()) throw new Error(`bench: ${JSON.stringify(result.error)}`)
  return result.value as T
}

interface Run {
  seconds: number
  statements: number
}

/** Calls `fn(i)` for i in 0..count-1 one after another; wall time and statements sent. */
async function timed(bench: BenchDatabase, count: number, fn: (i: number) => Promise<void>): Promise<Run> {
  const before = bench.counter.count
  const started = performance.now()
  for (let i = 0; i < count; i++) {
    await fn(i)
    if ((i + 1) % 1000 === 0) log(`  ${i + 1}/${count}`)
  }
  return { seconds: (performance.now() - started) / 1000, statements: bench.counter.count - before }
}

async function main() {
  const bench = await openBenchDatabase()
  try {
    const { roster, mailer } = benchRoster(bench)
    const fay = unwrap(
      await roster.accounts.signUp({
        email: 'fay@founder.bench.test',
        firstName: 'Fay',
        lastName: 'Founder',
      }),
    )
    await roster.outbox.dispatch()
    unwrap(
      await roster.activation.activate({
        token: mailer.last('fay@founder.bench.test')?.data.token as string,
        password: PASSWORD,
      }),
    )
    const founder = { accountId: fay.id }
    const scimOrg = unwrap(await roster.orgs.create(founder, { name: 'SCIM Org' }))
    const addOrg = unwrap(await roster.orgs.create(founder, { name: 'members.add Org' }))
    const connection = unwrap(
      await roster.scim.createConnection(founder, { orgId: scimOrg.id, name: 'Okta' }),
    )
    // No rate limit: the bench measures the provider, not the limiter.
    const handler = createScimHandler(roster, { basePath: '/scim/v2', limits: { rateLimit: false } })
    const headers = {
      authorization: `Bearer ${connection.secret.token}`,
      'content-type': 'application/scim+json',
    }
    const user = (i: number) => ({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: `scim${i}@bench.test`,
      name: { givenName: `Sky${i}`, familyName: 'Scim' },
      emails: [{ primary: true, type: 'work', value: `scim${i}@bench.test` }],
      displayName: `Sky${i} Scim`,
      externalId: `ext-${i}`,
      active: true,
    })

    log(`SCIM: ${people} × (GET ?filter=userName eq, POST /Users)…`)
    let lookupStatements = 0
    const scim = await timed(bench, people, async (i) => {
      const before = bench.counter.count
      const lookup = await handler(
        new Request(
          `http://bench/scim/v2/Users?filter=${encodeURIComponent(`userName eq "scim${i}@bench.test"`)}`,
          { headers },
        ),
      )
      if (lookup.status !== 200) throw new Error(`bench: lookup ${lookup.status} ${await lookup.text()}`)
      await lookup.arrayBuffer().catch(() => undefined)
      lookupStatements += bench.counter.count - before
      const created = await handler(
        new Request('http://bench/scim/v2/Users', { method: 'POST', headers, body: JSON.stringify(user(i)) }),
      )
      if (created.status !== 201) throw new Error(`bench: POST ${created.status} ${await created.text()}`)
    })

    log(`members.add: ${people}…`)
    const add = await timed(bench, people, async (i) => {
      unwrap(
        await roster.members.add(founder, {
          orgId: addOrg.id,
          email: `member${i}@bench.test`,
          firstName: `Mia${i}`,
          lastName: 'M',
        }),
      )
    })

    const { rows } = await sql<{ version: string }>`select version()`.execute(bench.db)
    const postStatements = (scim.statements - lookupStatements) / people
    const out = [
      '## SCIM provisioning (issue 17)',
      '',
      `${fmt(people)} people pushed one at a time through \`createScimHandler\` (each: the \`GET /Users?filter=userName eq "…"\``,
      'an IdP sends first, then `POST /Users`), beside `members.add` of as many people into another org of the same',
      `database, in the same run. ${rows[0]?.version.split(' on ')[0]} on loopback, ${cpus().length} shared cores,`,
      'unprepared Kysely (`postgresStorage(db)`), activation-link policy (mail queued in the outbox, not sent).',
      '',
      '| | people/s | statements per person | of which the lookup | of which the POST | total time |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      `| SCIM lookup + POST | ${fmt(people / scim.seconds)} | ${fmt(scim.statements / people, 1)} | ${fmt(lookupStatements / people, 1)} | ${fmt(postStatements, 1)} | ${fmt(scim.seconds, 1)} s |`,
      `| \`members.add\` | ${fmt(people / add.seconds)} | ${fmt(add.statements / people, 1)} | — | — | ${fmt(add.seconds, 1)} s |`,
      '',
      `SCIM ÷ members.add: ${(people / scim.seconds / (people / add.seconds)).toFixed(2)}× the people/s.`,
      '',
    ]
    process.stdout.write(`${out.join('\n')}\n`)
  } finally {
    await bench.close(!keep)
    if (keep) log(`Kept ${BENCH_DATABASE}`)
  }
}

await main()
