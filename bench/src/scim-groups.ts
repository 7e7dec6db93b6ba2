// A SCIM group PATCH adding 1,000 members (issue 17): what an IdP sends when a big group is pushed
// or assigned at once. The same 1,000 provisioned users join one group per mapping — unmapped (the
// member rows only), a role org-wide, a department, a license seat — in one request each, then
// leave it in one request; wall time and statements per request, on a real Postgres, through the
// README default `postgresStorage(pool)` and the unprepared Kysely.
//
// Standalone: tsx --conditions=@roster/source src/scim-groups.ts [--members=1000] [--rounds=3]
// (ROSTER_BENCH_DATABASE: its own database, default roster_bench_scim_groups, so it can run
// beside `pnpm bench`).
import { createHash } from 'node:crypto'
import { pathToFileURL } from 'node:url'
import { createRoster, type Mailer, type ScimGroupMapping } from '@roster/core'
import type { BenchDatabase } from './database.js'
import { fmt } from './timing.js'

export interface GroupPatchResult {
  mapping: string
  storage: 'unprepared' | 'default'
  addMs: number
  addStatements: number
  removeMs: number
  removeStatements: number
}

const unwrap = <T, E>(result: { isOk(): boolean; _unsafeUnwrap(): T; _unsafeUnwrapErr(): E }): T => {
  if (!result.isOk()) throw new Error(JSON.stringify(result._unsafeUnwrapErr()))
  return result._unsafeUnwrap()
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** Provisions `members` SCIM users once, then times add/remove of all of them per mapping. */
export async function measureGroupPatch(
  bench: BenchDatabase,
  members: number,
  rounds: number,
  log: (line: string) => void,
): Promise<GroupPatchResult[]> {
  const sent = new Map<string, Parameters<Mailer['send']>[0]>()
  const mailer: Mailer = {
    send: async (message) => {
      sent.set(message.to, message)
      return { id: message.id }
    },
  }
  const passwordHasher = {
    hash: async (password: string) => createHash('sha256').update(password).digest('hex'),
    verify: async (password: string, hash: string) =>
      createHash('sha256').update(password).digest('hex') === hash,
  }
  const rosterOn = (storage: BenchDatabase['storage']) => createRoster({ storage, mailer, passwordHasher })
  const roster = rosterOn(bench.storage)
  const prepared = rosterOn(bench.preparedStorage)

  // The founder signs up and activates (not measured), then owns the org the connection is of.
  const email = 'fay@founder.bench.test'
  const founderAccount = unwrap(
    await roster.accounts.signUp({ email, firstName: 'Fay', lastName: 'Founder' }),
  )
  const token = String(sent.get(email)?.data.token)
  unwrap(await roster.activation.activate({ token, password: 'correct horse battery staple' }))
  const founder = { accountId: founderAccount.id }
  const org = unwrap(await roster.orgs.create(founder, { name: 'SCIM Group Bench' }))
  const created = unwrap(
    await roster.scim.createConnection(founder, { orgId: org.id, name: 'Okta', credential: 'none' }),
  )
  const connectionId = created.connection.connectionId
  const principal = unwrap(await roster.scim.authenticate({ token: created.secret.token }))

  log(`Provisioning ${fmt(members)} SCIM users…`)
  const users: string[] = []
  for (let i = 1; i <= members; i++) {
    const user = unwrap(
      await roster.scim.users.provision(principal, {
        userName: `member${i}@scim.bench.test`,
        email: `member${i}@scim.bench.test`,
        firstName: 'Member',
        lastName: `Number${i}`,
        active: true,
      }),
    )
    users.push(user.id)
  }

  const role = unwrap(
    await roster.roles.define(founder, { orgId: org.id, name: 'Caretaker', permissions: ['members:read'] }),
  )
  const department = unwrap(await roster.departments.create(founder, { orgId: org.id, name: 'Facilities' }))
  unwrap(await roster.licenses.createPool(founder, { orgId: org.id, product: 'one-office', seats: members }))
  const mappings: Array<[string, ScimGroupMapping | null]> = [
    ['unmapped (member rows only)', null],
    ['role, org-wide', { kind: 'role', roleId: role.id, resourceIds: 'every' }],
    ['department', { kind: 'department', departmentId: department.id }],
    ['license seat', { kind: 'license', product: 'one-office' }],
  ]

  const results: GroupPatchResult[] = []
  for (const [name, mapping] of mappings) {
    const group = unwrap(await roster.scim.groups.create(principal, { displayName: `Group ${name}` }))
    if (mapping)
      unwrap(await roster.scim.mapGroup(founder, { orgId: org.id, connectionId, groupId: group.id, mapping }))
    for (const [storage, r] of [
      ['unprepared', roster],
      ['default', prepared],
    ] as const) {
      const add: number[] = []
      const remove: number[] = []
      let addStatements = 0
      let removeStatements = 0
      for (let round = 0; round < rounds; round++) {
        let start = performance.now()
        const added = await bench.counter.measure(() =>
          r.scim.groups.addMembers(principal, { id: group.id, members: users }),
        )
        add.push(performance.now() - start)
        const view = unwrap(added.value)
        if (view.memberCount !== members)
          throw new Error(`${name}: ${view.memberCount} members after the add`)
        addStatements = added.statements
        start = performance.now()
        const removed = await bench.counter.measure(() =>
          r.scim.groups.removeMembers(principal, { id: group.id, members: users }),
        )
        remove.push(performance.now() - start)
        if (unwrap(removed.value).memberCount !== 0) throw new Error(`${name}: members left after the remove`)
        removeStatements = removed.statements
      }
      const result = {
        mapping: name,
        storage,
        addMs: median(add),
        addStatements,
        removeMs: median(remove),
        removeStatements,
      }
      log(`${name} (${storage}): add ${fmt(result.addMs)} ms, remove ${fmt(result.removeMs)} ms`)
      results.push(result)
    }
  }
  return results
}

/** The Markdown section of docs/benchmarks.md. */
export function groupPatchMarkdown(members: number, rounds: number, results: GroupPatchResult[]): string[] {
  return [
    `## SCIM group PATCH of ${fmt(members)} members`,
    '',
    `One \`roster.scim.groups.addMembers\` (SCIM PATCH \`add members\`) of ${fmt(members)} provisioned users, then one`,
    `\`removeMembers\` of all of them, per mapping; median of ${rounds} rounds. Statements are counted on the unprepared`,
    'Kysely (the prepared storage sends the same statements on its own pool, not counted).',
    '',
    '| mapping | storage | add: ms | add: statements | remove: ms | remove: statements |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.mapping} | ${r.storage === 'default' ? 'README default `postgresStorage(pool)`' : 'unprepared Kysely'} | ${fmt(r.addMs)} | ${r.storage === 'default' ? '—' : fmt(r.addStatements)} | ${fmt(r.removeMs)} | ${r.storage === 'default' ? '—' : fmt(r.removeStatements)} |`,
    ),
    '',
  ]
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.env.ROSTER_BENCH_DATABASE ??= 'roster_bench_scim_groups'
  const option = (name: string, fallback: number) => {
    const arg = process.argv.find((a) => a.startsWith(`--${name}=`))
    return arg ? Number(arg.split('=')[1]) : fallback
  }
  const members = option('members', 1_000)
  const rounds = option('rounds', 3)
  const log = (line: string) => process.stderr.write(`${line}\n`)
  // Imported after the database name is settled: database.ts reads it when it loads.
  const { openBenchDatabase } = await import('./database.js')
  const bench = await openBenchDatabase()
  try {
    const results = await measureGroupPatch(bench, members, rounds, log)
    process.stdout.write(`${groupPatchMarkdown(members, rounds, results).join('\n')}\n`)
  } finally {
    await bench.close(!process.argv.includes('--keep'))
  }
}
