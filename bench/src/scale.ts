// The directory at scale: one org with 1,000,000 memberships (bulk loaded with generate_series),
// its first page, the page 10,000 rows in (reached by cursor), and prefix searches — with the
// shipped btree prefix indexes and, for comparison, with pg_trgm GIN indexes instead.
import { sql } from 'kysely'
import type { BenchDatabase } from './database.js'
import { fmt, medianMs } from './timing.js'
import { benchRoster } from './use-cases.js'

const FIRST_NAMES = [
  'Ada',
  'Alan',
  'Alice',
  'Amara',
  'Ana',
  'Anders',
  'Anton',
  'Aya',
  'Bea',
  'Ben',
  'Carla',
  'Chen',
  'Chloé',
  'Dario',
  'David',
  'Elif',
  'Élodie',
  'Emil',
  'Emma',
  'Eva',
  'Farah',
  'Felix',
  'Grace',
  'Hana',
  'Hugo',
  'Ines',
  'Ivan',
  'Jana',
  'Jonas',
  'Julia',
  'Kai',
  'Karim',
  'Lara',
  'Lea',
  'Leo',
  'Lina',
  'Luca',
  'Maja',
  'Marco',
  'Maria',
  'Mark',
  'Marta',
  'Martin',
  'Mia',
  'Nadia',
  'Nils',
  'Noah',
  'Nora',
  'Omar',
  'Paul',
  'Pia',
  'Rafael',
  'Rosa',
  'Sam',
  'Sara',
  'Sofia',
  'Tariq',
  'Theo',
  'Tom',
  'Uma',
  'Vera',
  'Yara',
  'Yusuf',
  'Zoe',
]
const LAST_ROOTS = [
  'Adler',
  'Bauer',
  'Berg',
  'Costa',
  'Dahl',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Hansen',
  'Hoffmann',
  'Ivanov',
  'Jensen',
  'Kowalski',
  'Lambert',
  'Larsen',
  'Lopez',
  'Martin',
  'Meyer',
  'Moreau',
  'Müller',
  'Nielsen',
  'Novak',
  'Olsen',
  'Petit',
  'Rossi',
  'Schmidt',
  'Silva',
  'Smith',
  'Weber',
  'Wolf',
  'Zimmermann',
]

export const SCALE_ORG = '00000000000000000000000000scale'
const FOUNDER = '0000000000000000000000000founder'

function textArray(values: readonly string[]) {
  return sql.raw(`array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]`)
}

/** Loads `count` people into one org: accounts, memberships, grants; 10% with a seat and a number. */
export async function loadScaleOrg(bench: BenchDatabase, count: number, log: (line: string) => void) {
  const { db } = bench
  const t0 = performance.now()
  const now = new Date('2030-01-01T00:00:00Z')
  await sql`insert into accounts (id, username, username_key, email, email_key, first_name, last_name, first_name_key,
      last_name_key, language, status, must_change_password, password_hash, failed_sign_ins, created_at, updated_at)
    values (${FOUNDER}, 'founder@scale.test', 'founder@scale.test', 'founder@scale.test', 'founder@scale.test',
      'Fay', 'Founder', 'fay', 'founder', 'en', 'active', false, ${`sha256$${'0'.repeat(64)}`}, 0, ${now}, ${now})`.execute(
    db,
  )
  await sql`insert into organizations (id, name, slug, email, founder_id, settings, created_at, updated_at)
    values (${SCALE_ORG}, 'Scale Org', 'scale-org', null, ${FOUNDER}, '{"joinRequests":true,"requiredProducts":["phone-line"]}',
      ${now}, ${now})`.execute(db)
  await sql`insert into memberships (org_id, id, account_id, type, status, source, created_at, updated_at)
    values (${SCALE_ORG}, '00000000000000000000000000000000', ${FOUNDER}, 'employee', 'active', 'local', ${now}, ${now})`.execute(
    db,
  )
  await sql`insert into grants (org_id, account_id, role_id, scope_kind, scope_value)
    values (${SCALE_ORG}, ${FOUNDER}, 'owner', 'org', '')`.execute(db)
  await sql`insert into departments (org_id, id, name, name_key, created_at, updated_at)
    select ${SCALE_ORG}, 'dept' || d, 'Department ' || d, 'department ' || d, ${now}, ${now}
    from generate_series(1, 50) d`.execute(db)
  await sql`insert into license_pools (org_id, product, seats, created_at, updated_at)
    values (${SCALE_ORG}, 'phone-line', ${count}, ${now}, ${now})`.execute(db)

  const chunk = 100_000
  const step = async (name: string, query: { execute(db: BenchDatabase['db']): Promise<unknown> }) => {
    const t = performance.now()
    await query.execute(db)
    timings.set(name, (timings.get(name) ?? 0) + (performance.now() - t) / 1000)
  }
  const timings = new Map<string, number>()
  for (let from = 1; from <= count; from += chunk) {
    const to = Math.min(count, from + chunk - 1)
    // Ids in the core's format: 32 lower-case hex digits, increasing with i.
    await step(
      'accounts',
      sql`
      insert into accounts (id, username, username_key, email, email_key, first_name, last_name, first_name_key,
        last_name_key, language, status, must_change_password, failed_sign_ins, created_at, updated_at)
      select 'f' || lpad(to_hex(i), 31, '0'), 'user' || i || '@scale.test', 'user' || i || '@scale.test',
        'user' || i || '@scale.test', 'user' || i || '@scale.test', f, l, lower(f), lower(l), 'en', 'active', false, 0,
        ${now}, ${now}
      from generate_series(${from}::int, ${to}::int) i,
        lateral (select (${textArray(FIRST_NAMES)})[1 + i % ${FIRST_NAMES.length}] as f,
                        (${textArray(LAST_ROOTS)})[1 + (i / ${FIRST_NAMES.length}) % ${LAST_ROOTS.length}]
                          || case when i % 7 = 0 then '-' || (i % 97) else '' end as l) names`,
    )
    await step(
      'memberships',
      sql`
      insert into memberships (org_id, id, account_id, type, status, department_id, title, source, created_at, updated_at)
      select ${SCALE_ORG}, lpad(to_hex(i), 32, '0'), 'f' || lpad(to_hex(i), 31, '0'),
        case when i % 10 = 9 then 'guest' else 'employee' end,
        case when i % 20 = 3 then 'invited' else 'active' end,
        'dept' || (1 + i % 50), null, 'local', ${now}, ${now}
      from generate_series(${from}::int, ${to}::int) i`,
    )
    // Fresh statistics, so the foreign-key checks of the next inserts probe the indexes.
    await step('analyze', sql`analyze accounts, memberships`)
    await step(
      'grants',
      sql`
      insert into grants (org_id, account_id, role_id, scope_kind, scope_value)
      select ${SCALE_ORG}, 'f' || lpad(to_hex(i), 31, '0'), case when i % 100 = 0 then 'admin' else 'member' end, 'org', ''
      from generate_series(${from}::int, ${to}::int) i`,
    )
    await step(
      'phone_numbers',
      sql`
      insert into phone_numbers (org_id, number, account_id, imported_at, assigned_at)
      select ${SCALE_ORG}, '+3361' || lpad(i::text, 7, '0'), 'f' || lpad(to_hex(i), 31, '0'), ${now}, ${now}
      from generate_series(${from}::int, ${to}::int) i where i % 10 = 0`,
    )
    await step(
      'license_seats',
      sql`
      insert into license_seats (org_id, product, account_id, number, claimed_at)
      select ${SCALE_ORG}, 'phone-line', 'f' || lpad(to_hex(i), 31, '0'), null, ${now}
      from generate_series(${from}::int, ${to}::int) i where i % 10 = 0`,
    )
    log(`  loaded ${fmt(to)} / ${fmt(count)} (${fmt((performance.now() - t0) / 1000, 1)} s)`)
  }
  log(`  per table (s): ${[...timings].map(([name, t]) => `${name} ${fmt(t, 1)}`).join(', ')}`)
  const t1 = performance.now()
  await sql`analyze`.execute(db)
  log(`  analyze: ${fmt((performance.now() - t1) / 1000, 1)} s`)
  return { seconds: (performance.now() - t0) / 1000 }
}

/** The search predicate of `memberships.page`, as the shipped btree indexes serve it. */
function rangePredicate(needle: string) {
  const upper = `${needle}\u{10FFFF}`
  const starts = (column: string) =>
    sql`(${sql.ref(`a.${column}`)} >= ${needle} and ${sql.ref(`a.${column}`)} < ${upper})`
  return sql.join(['full_name_key', 'last_name_key', 'email_key', 'username_key'].map(starts), sql` or `)
}

/** The same predicate as LIKE, which pg_trgm GIN indexes can serve. */
function likePredicate(needle: string) {
  const pattern = `${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const like = (column: string) => sql`${sql.ref(`a.${column}`)} like ${pattern}`
  return sql.join(['full_name_key', 'last_name_key', 'email_key', 'username_key'].map(like), sql` or `)
}

function searchPage(predicate: ReturnType<typeof rangePredicate>) {
  return sql`select m.id from memberships m join accounts a on a.id = m.account_id
    where m.org_id = ${SCALE_ORG} and (${predicate}) order by m.id limit 100`
}

async function relationSize(bench: BenchDatabase, names: string[]): Promise<number> {
  const { rows } = await sql<{ bytes: string }>`
    select coalesce(sum(pg_relation_size(c.oid)), 0)::text as bytes from pg_class c
    where c.relname = any(${names}::text[])`.execute(bench.db)
  return Number(rows[0]?.bytes ?? 0)
}

export interface ScaleResults {
  count: number
  loadSeconds: number
  firstPageMs: number
  deepPageMs: number
  preparedFirstPageMs: number
  preparedDeepPageMs: number
  rawFirstPageMs: number
  rawDeepPageMs: number
  searches: Array<{ needle: string; rows: number; useCaseMs: number; btreeMs: number; trgmMs: number }>
  btree: { buildSeconds: number; bytes: number }
  trgm: { buildSeconds: number; bytes: number }
}

const NEEDLES = ['ma', 'marta', 'maria gar', 'zimmer', 'user4242', 'élo', 'qq']

export async function measureScale(
  bench: BenchDatabase,
  count: number,
  log: (line: string) => void,
): Promise<ScaleResults> {
  const { db } = bench
  const { roster } = benchRoster(bench)
  const { roster: preparedRoster } = benchRoster(bench, { prepared: true })
  log(`Loading ${fmt(count)} memberships into one org…`)
  const { seconds: loadSeconds } = await loadScaleOrg(bench, count, log)
  const founder = { accountId: FOUNDER }

  const page = async (cursor?: string, r = roster) => {
    const result = await r.members.list(founder, {
      orgId: SCALE_ORG,
      limit: 100,
      ...(cursor ? { cursor } : {}),
    })
    if (result.isErr()) throw new Error(`bench: ${JSON.stringify(result.error)}`)
    return result.value
  }
  // Reach the page at offset 10,000 the way a client does: following nextCursor 100 times.
  let cursor: string | undefined
  for (let i = 0; i < 100; i++) cursor = (await page(cursor)).nextCursor ?? undefined
  const deepCursor = cursor!
  const deepFirstItem = (await page(deepCursor)).items[0]
  log(`  page at offset 10,000 starts with ${deepFirstItem?.email}`)
  const firstPageMs = await medianMs(() => page())
  const deepPageMs = await medianMs(() => page(deepCursor))
  const preparedFirstPageMs = await medianMs(() => page(undefined, preparedRoster))
  const preparedDeepPageMs = await medianMs(() => page(deepCursor, preparedRoster))
  const afterId = Buffer.from(deepCursor, 'base64url').toString('utf8')
  const rawFirstPageMs = await medianMs(() =>
    bench.storage.memberships.page({ orgId: SCALE_ORG, limit: 101 }),
  )
  const rawDeepPageMs = await medianMs(() =>
    bench.storage.memberships.page({ orgId: SCALE_ORG, limit: 101, afterId }),
  )

  const searches: ScaleResults['searches'] = []
  for (const needle of NEEDLES) {
    const result = await roster.members.list(founder, { orgId: SCALE_ORG, search: needle, limit: 100 })
    const rows = result.isOk() ? result.value.items.length : -1
    const useCaseMs = await medianMs(
      () => roster.members.list(founder, { orgId: SCALE_ORG, search: needle, limit: 100 }),
      15,
      2,
    )
    const btreeMs = await medianMs(() => searchPage(rangePredicate(needle)).execute(db), 15, 2)
    searches.push({ needle, rows, useCaseMs, btreeMs, trgmMs: Number.NaN })
  }
  const btreeBytes = await relationSize(bench, ['accounts_full_name_key_idx', 'accounts_last_name_key_idx'])
  let t = performance.now()
  await sql`drop index accounts_full_name_key_idx`.execute(db)
  await sql`drop index accounts_last_name_key_idx`.execute(db)
  await sql`create index accounts_full_name_key_idx on accounts (full_name_key)`.execute(db)
  await sql`create index accounts_last_name_key_idx on accounts (last_name_key)`.execute(db)
  const btreeBuild = (performance.now() - t) / 1000

  // The alternative: pg_trgm GIN indexes, the name btrees dropped so the planner cannot use them.
  log('Building pg_trgm GIN indexes for comparison…')
  await sql`create extension if not exists pg_trgm`.execute(db)
  t = performance.now()
  for (const column of ['full_name_key', 'last_name_key', 'email_key', 'username_key']) {
    await sql
      .raw(`create index bench_trgm_${column} on accounts using gin (${column} gin_trgm_ops)`)
      .execute(db)
  }
  const trgmBuild = (performance.now() - t) / 1000
  const trgmBytes = await relationSize(
    bench,
    ['full_name_key', 'last_name_key', 'email_key', 'username_key'].map((c) => `bench_trgm_${c}`),
  )
  await sql`drop index accounts_full_name_key_idx`.execute(db)
  await sql`drop index accounts_last_name_key_idx`.execute(db)
  await sql`analyze accounts`.execute(db)
  for (const entry of searches) {
    entry.trgmMs = await medianMs(() => searchPage(likePredicate(entry.needle)).execute(db), 15, 2)
  }
  // Back to the shipped indexes.
  for (const column of ['full_name_key', 'last_name_key', 'email_key', 'username_key']) {
    await sql.raw(`drop index bench_trgm_${column}`).execute(db)
  }
  await sql`create index accounts_full_name_key_idx on accounts (full_name_key)`.execute(db)
  await sql`create index accounts_last_name_key_idx on accounts (last_name_key)`.execute(db)

  return {
    count,
    loadSeconds,
    firstPageMs,
    deepPageMs,
    preparedFirstPageMs,
    preparedDeepPageMs,
    rawFirstPageMs,
    rawDeepPageMs,
    searches,
    btree: { buildSeconds: btreeBuild, bytes: btreeBytes },
    trgm: { buildSeconds: trgmBuild, bytes: trgmBytes },
  }
}
