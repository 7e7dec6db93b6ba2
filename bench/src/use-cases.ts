// Each foundation use-case through Roster on the server: statements per call and ops/s, beside
// the raw-SQL baselines of the same rows.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto'
import { createRoster, type Mailer, type PasswordHasher } from '@roster/core'
import { sql } from 'kysely'
import { activateStatements, reads, run, type Statement, writeShapes } from './baseline.js'
import type { BenchDatabase } from './database.js'
import { compare } from './timing.js'

/**
 * A stand-in for scrypt so the numbers measure storage, not key stretching (which costs the same
 * on every adapter and dominates on purpose: ~50 ms per hash with the default parameters).
 */
const sha256Hasher: PasswordHasher = {
  async hash(password) {
    return `sha256$${createHash('sha256').update(password).digest('hex')}`
  },
  async verify(password, hash) {
    const expected = Buffer.from(`sha256$${createHash('sha256').update(password).digest('hex')}`)
    const actual = Buffer.from(hash)
    return expected.length === actual.length && timingSafeEqual(expected, actual)
  },
}

export const PASSWORD = 'correct horse battery staple'

export interface UseCaseResult {
  name: string
  statements: number
  opsPerSecond: number
  /** Ops/s through the README's `postgresStorage(pool)` (prepared statements on a direct connection). */
  preparedOpsPerSecond: number
  /** Statements and ops/s of the raw baselines; null where there is none. */
  single: { statements: number; opsPerSecond: number } | null
  batched: { statements: number; opsPerSecond: number } | null
  note?: string
}

export function benchRoster(bench: BenchDatabase, { prepared = false } = {}) {
  // Accepts every message (no SMTP in the measurement; `@roster/core/testing` needs vitest) and
  // keeps only the last one per address of `@founder.bench.test`, whose links the bench follows.
  const kept = new Map<string, Parameters<Mailer['send']>[0]>()
  const mailer: Mailer & { last(to: string): Parameters<Mailer['send']>[0] | undefined } = {
    send: async (message) => {
      if (message.to.endsWith('@founder.bench.test')) kept.set(message.to, message)
      return { id: message.id }
    },
    last: (to) => kept.get(to),
  }
  const roster = createRoster({
    storage: prepared ? bench.preparedStorage : bench.storage,
    mailer,
    passwordHasher: sha256Hasher,
    // Delivery is the outbox dispatcher's work, measured on its own line.
    outbox: { dispatch: 'manual' },
  })
  return { roster, mailer }
}

/** `count` pending accounts with an unused activation token each; returns the token secrets. */
async function pendingAccounts(bench: BenchDatabase, count: number): Promise<string[]> {
  const now = new Date()
  const expires = new Date(now.getTime() + 86_400_000)
  const secrets = Array.from({ length: count }, (_, i) => `bench-activation-secret-${i}-${randomUUID()}`)
  const ids = secrets.map(() => randomUUID().replaceAll('-', ''))
  const emails = secrets.map((_, i) => `pending${i}@bench.test`)
  for (let from = 0; from < count; from += 5000) {
    const slice = <T>(values: T[]) => values.slice(from, from + 5000)
    await sql`
      with people as (
        select * from unnest(${slice(ids)}::text[], ${slice(emails)}::text[],
          ${slice(secrets).map((s) => createHash('sha256').update(s).digest('base64url'))}::text[]) as p(id, email, hash)),
      inserted as (
        insert into accounts (id, username, username_key, email, email_key, first_name, last_name, first_name_key,
          last_name_key, language, status, must_change_password, failed_sign_ins, created_at, updated_at)
        select id, email, email, email, email, 'Pat', 'Pending', 'pat', 'pending', 'en', 'pending_activation', false, 0,
          ${now}::timestamptz, ${now}::timestamptz
        from people
        returning id)
      insert into tokens (id, kind, hash, account_id, email, expires_at, used_at, created_at)
      select 't' || substr(p.id, 2), 'activation', p.hash, p.id, null, ${expires}::timestamptz, null, ${now}::timestamptz
      from people p join inserted i on i.id = p.id`.execute(bench.db)
  }
  return secrets
}

/**
 * `count` active employees of `orgId` with the built-in member role, bulk-inserted the way
 * `members.add` + activation would leave them; returns their account ids (`prefix` keeps the sets
 * apart).
 */
async function activeMembers(
  bench: BenchDatabase,
  orgId: string,
  count: number,
  prefix: string,
): Promise<string[]> {
  const now = new Date()
  const ids = Array.from({ length: count }, () => randomUUID().replaceAll('-', ''))
  for (let from = 0; from < count; from += 5000) {
    const slice = ids.slice(from, from + 5000)
    const emails = slice.map((id) => `${prefix}-${id}@bench.test`)
    await sql`
      with people as (select * from unnest(${slice}::text[], ${emails}::text[]) as p(id, email)),
      accounts_in as (
        insert into accounts (id, username, username_key, email, email_key, first_name, last_name, first_name_key,
          last_name_key, language, status, must_change_password, failed_sign_ins, created_at, updated_at)
        select id, email, email, email, email, 'Rem', 'Oval', 'rem', 'oval', 'en', 'active', false, 0,
          ${now}::timestamptz, ${now}::timestamptz
        from people
        returning id),
      memberships_in as (
        insert into memberships (org_id, id, account_id, type, status, department_id, title, source, created_at, updated_at)
        select ${orgId}, 'm' || substr(id, 2), id, 'employee', 'active', null, null, 'local', ${now}::timestamptz,
          ${now}::timestamptz
        from accounts_in
        returning account_id)
      insert into grants (org_id, account_id, role_id, scope_kind, scope_value)
      select ${orgId}, account_id, 'member', 'org', '' from memberships_in`.execute(bench.db)
  }
  return ids
}

type Outcome = { isOk(): boolean; _unsafeUnwrap(): unknown; _unsafeUnwrapErr(): unknown }

export async function measureUseCases(bench: BenchDatabase, seconds: number): Promise<UseCaseResult[]> {
  const { roster, mailer } = benchRoster(bench)
  const { roster: preparedRoster } = benchRoster(bench, { prepared: true })
  type BenchRoster = typeof roster
  const { counter, pool } = bench
  const results: UseCaseResult[] = []
  const unwrap = <T>(result: { isOk(): boolean; _unsafeUnwrap(): T; _unsafeUnwrapErr(): unknown }): T => {
    if (!result.isOk()) throw new Error(`bench: ${JSON.stringify(result._unsafeUnwrapErr())}`)
    return result._unsafeUnwrap()
  }

  /**
   * One use-case: a first call counts its statements, then Roster and the raw baselines run in
   * alternating rounds. `single`/`batched` build the raw statements of call `i`; `read` is the
   * one-statement raw read of a read use-case.
   */
  async function measure(spec: {
    name: string
    note: string
    /**
     * Call number `i` through `r` (the plain or the prepared-statements roster; they get disjoint
     * `i`: even and odd). Returns the use-case's ResultAsync (an error stops the bench).
     */
    call: (r: BenchRoster, i: number) => unknown
    writes?: (i: number) => Statement[]
    read?: () => Statement
  }) {
    const first = await counter.measure(() => spec.call(roster, -1) as Promise<Outcome>)
    unwrap(first.value)
    const contenders = {
      roster: async (i: number) => unwrap((await spec.call(roster, 2 * i)) as Outcome),
      prepared: async (i: number) => unwrap((await spec.call(preparedRoster, 2 * i + 1)) as Outcome),
    }
    if (spec.writes) {
      const build = spec.writes
      const ops = await compare(
        {
          ...contenders,
          single: (i) => run.single(pool, build(i)),
          batched: (i) => run.batched(pool, build(i)),
        },
        { seconds: seconds * 3 },
      )
      results.push({
        name: spec.name,
        statements: first.statements,
        opsPerSecond: ops.roster,
        preparedOpsPerSecond: ops.prepared,
        single: { statements: build(0).length + 2, opsPerSecond: ops.single },
        batched: { statements: 1, opsPerSecond: ops.batched },
        note: spec.note,
      })
    } else {
      const read = spec.read!
      const ops = await compare(
        { ...contenders, raw: () => pool.query(read().text, read().values) },
        { seconds: seconds * 2 },
      )
      const raw = { statements: 1, opsPerSecond: ops.raw }
      results.push({
        name: spec.name,
        statements: first.statements,
        opsPerSecond: ops.roster,
        preparedOpsPerSecond: ops.prepared,
        single: raw,
        batched: raw,
        note: spec.note,
      })
    }
  }

  // A founder to act as, and an org to add people to.
  const fay = unwrap(
    await roster.accounts.signUp({ email: 'fay@founder.bench.test', firstName: 'Fay', lastName: 'Founder' }),
  )
  // Outbox rows hold no secret (X5): the token is minted at delivery, so deliver and read the mail.
  await roster.outbox.dispatch()
  const fayToken = mailer.last('fay@founder.bench.test')?.data.token as string
  unwrap(await roster.activation.activate({ token: fayToken, password: PASSWORD }))
  const founder = { accountId: fay.id }
  const org = unwrap(await roster.orgs.create(founder, { name: 'Bench Org' }))
  const shapes = writeShapes(org.id)

  await measure({
    name: 'accounts.signUp',
    note: 'blocklist check, then account + token + audit + outbox in one transaction',
    call: (r, i) =>
      r.accounts.signUp({ email: `signup${i}@bench.test`, firstName: 'Sam', lastName: `Signup${i}` }),
    writes: (i) => shapes['accounts.signUp'](i),
  })

  // Pending accounts to activate, with their mailed secrets: bulk-inserted the way signUp stores
  // them (only the SHA-256 of each secret), as many as the fastest contender could use.
  const tokens = await pendingAccounts(bench, 40_000)
  const { rows: baselineTokens } = await pool.query<{ token: string; account: string }>(
    `select t.id as token, t.account_id as account from tokens t join accounts a on a.id = t.account_id
     where a.email like 'signup%@baseline.test'`,
  )
  await measure({
    name: 'activation.activate',
    note: 'token lookup, then consume + account + invitations + audit in one transaction',
    call: (r, i) => {
      const token = tokens[i + 1]
      if (!token) throw new Error('bench: out of activation tokens')
      return r.activation.activate({ token, password: PASSWORD })
    },
    writes: (i) => {
      const row = baselineTokens[i % baselineTokens.length]!
      return activateStatements(row.token, row.account)
    },
  })

  await measure({
    name: 'orgs.create',
    note: 'org + founder membership + owner grant + audit in one transaction',
    call: (r, i) => r.orgs.create(founder, { name: `Bench org ${i + 1}` }),
    writes: (i) => shapes['orgs.create'](i, fay.id),
  })

  await measure({
    name: 'members.add',
    note: 'account + membership + grant + token + audit + outbox in one transaction',
    call: (r, i) =>
      r.members.add(founder, {
        orgId: org.id,
        email: `member${i}@bench.test`,
        firstName: `Mia${i}`,
        lastName: 'M',
      }),
    writes: (i) => shapes['members.add'](i),
  })

  const page = unwrap(await roster.members.list(founder, { orgId: org.id, limit: 100 }))
  if (page.items.length !== 100) throw new Error('bench: expected a full page')
  const memberId = page.items[50]!.accountId
  await measure({
    name: 'members.list (100)',
    note: 'access snapshot + one directory query (grants, department, seats, numbers aggregated)',
    call: (r) => r.members.list(founder, { orgId: org.id, limit: 100 }),
    read: () => reads.page(org.id),
  })

  await measure({
    name: 'members.get',
    note: 'access snapshot + one directory row',
    call: (r) => r.members.get(founder, { orgId: org.id, accountId: memberId }),
    read: () => reads.member(org.id, memberId),
  })

  // A "change role" screen's save, one call, against the raw DELETE + INSERT of the same grant
  // change. The plain and the prepared roster (even and odd `i`) each toggle their own member
  // between admin and member, so no call is a no-op.
  const togglers = page.items.slice(60, 63).map((m) => m.accountId)
  const roleOf = (i: number) => (Math.floor(i / 2) % 2 === 0 ? 'admin' : 'member')
  await measure({
    name: 'roles.set (member ⇄ admin)',
    note: 'access + member lock + grants read, then DELETE+INSERT in one statement + audit, then the view',
    call: (r, i) =>
      r.roles.set(founder, {
        orgId: org.id,
        accountId: togglers[i < 0 ? 2 : i % 2]!,
        grants: [{ roleId: roleOf(i), scope: 'org' }],
      }),
    writes: (i) => [
      {
        text: 'delete from grants where org_id = $1 and account_id = $2 and role_id <> $3',
        values: [org.id, togglers[2]!, roleOf(i)],
      },
      {
        text: `insert into grants (org_id, account_id, role_id, scope_kind, scope_value) values ($1, $2, $3, 'org', '')
               on conflict do nothing`,
        values: [org.id, togglers[2]!, roleOf(i)],
      },
    ],
  })

  // Removal needs a fresh member per call: bulk-inserted active employees (their accounts stay, as
  // for anyone who activated), enough for the fastest contender; the raw baseline deletes its own.
  const supply = Math.max(5000, Math.ceil(seconds * 6000))
  const removable = await activeMembers(bench, org.id, supply, 'removable')
  const rawRemovable = await activeMembers(bench, org.id, supply, 'raw-removable')
  let rawNext = 0
  await measure({
    name: 'members.remove',
    note: 'access + target membership (locked) + its account status in one statement, then the delete (grants, seats, numbers, links) + audit in one',
    call: (r, i) => {
      const accountId = removable[i + 1]
      if (!accountId) throw new Error('bench: out of members to remove')
      return r.members.remove(founder, { orgId: org.id, accountId })
    },
    // Both raw contenders build from the same `i`, so they take the next unused member instead.
    writes: () => {
      const accountId = rawRemovable[rawNext++]
      if (!accountId) throw new Error('bench: out of raw members to remove')
      return [
        {
          // The grants and any seats go by cascade.
          text: 'delete from memberships where org_id = $1 and account_id = $2',
          values: [org.id, accountId],
        },
        {
          text: `insert into audit_events (org_id, id, actor_kind, actor_id, actor_reason, action, target_type, target_id, changes, at)
            values ($1, $2, 'account', $3, null, 'member.removed', 'account', $4, '{"status":{"before":"active"}}', now())`,
          values: [org.id, randomUUID(), fay.id, accountId],
        },
      ]
    },
  })

  await measure({
    name: 'credentials.verify',
    note: 'one account lookup (a failure adds one atomic counter UPDATE)',
    call: (r) => r.credentials.verify({ username: 'fay@founder.bench.test', password: PASSWORD }),
    read: () => reads.account('fay@founder.bench.test'),
  })

  // The outbox delivering what the use-cases queued: per batch one claim, per message a blocklist
  // check and a mark-sent.
  {
    const one = await counter.measure(() => roster.outbox.dispatch({ limit: 1 }))
    unwrap(one.value)
    results.push({
      name: 'outbox.dispatch (1 message)',
      statements: one.statements,
      opsPerSecond: Number.NaN,
      preparedOpsPerSecond: Number.NaN,
      single: null,
      batched: null,
      note: 'after commit, not part of the use-cases above',
    })
  }
  return results
}
