// The org_id statement check: the whole storage conformance suite (every method of every
// repository, the races included) runs on the real server when ROSTER_TEST_DATABASE_URL is set,
// on PGlite otherwise, recording every statement sent. Each is parsed with the real Postgres
// parser, and the file fails on any statement that touches a table distributed by org_id
// (`distribution.ts`) without saying which org — an `org_id` equality in WHERE / JOIN … ON (its
// own or through a join to a keyed table) or `org_id` among an INSERT's columns — unless it is
// one of the named cross-org lookups. That is what a planner distributing by org_id (Citus) needs
// to send a statement to one node.
import { readFileSync } from 'node:fs'
import { runStorageConformance } from '@roster/core/testing'
import { normalizeSync } from 'libpg-query'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CROSS_ORG_LOOKUPS, citusLayoutSql, DISTRIBUTED_TABLES, REFERENCE_TABLES } from './distribution.js'
import { loadParser, type TableUse, tableUses } from './org-id-check.fixtures.js'
import { conformanceOptions, pgliteHarness, serverHarness, TEST_DATABASE_URL } from './test-support.js'

beforeAll(() => loadParser())

describe('the check itself', () => {
  it('reports a distributed table found by id alone, and accepts it keyed by org_id', () => {
    expect(tableUses('update join_requests set status = $1 where id = $2')).toEqual([
      { table: 'join_requests', verdict: 'no-org', columns: ['id'] },
    ])
    expect(tableUses('select * from join_requests where id = $1 and status = $2')[0]?.verdict).toBe('no-org')
    expect(tableUses('select * from join_requests where org_id = $1 and id = $2')).toEqual([
      { table: 'join_requests', verdict: 'org-keyed' },
    ])
    expect(tableUses('update connections set run = run + 1 where id = $1 returning *')[0]?.verdict).toBe(
      'no-org',
    )
    // orgOf is the named lookup by id alone; an UPDATE by id and status is not.
    expect(tableUses('select org_id from connections where id = $1')[0]?.verdict).toBe('cross-org')
    expect(
      tableUses("update connections set status = $1 where id = $2 and status = 'active'")[0]?.verdict,
    ).toBe('no-org')
    expect(tableUses('delete from grants where org_id = any($1)')[0]?.verdict).toBe('org-keyed')
    expect(tableUses('select * from grants where org_id in ($1, $2)')[0]?.verdict).toBe('org-keyed')
  })

  it('accepts an INSERT naming org_id and refuses one that does not', () => {
    expect(tableUses('insert into audit_events (org_id, id) values ($1, $2)')[0]?.verdict).toBe('org-keyed')
    expect(tableUses('insert into audit_events (id) values ($1)')[0]?.verdict).toBe('no-org')
  })

  it('follows joins: keyed through a colocated org_id join, not through a join on a reference table', () => {
    expect(
      tableUses(
        'select * from grants g join memberships m on m.org_id = g.org_id and m.account_id = g.account_id where m.org_id = $1',
      ).map((use) => use.verdict),
    ).toEqual(['org-keyed', 'org-keyed'])
    // o.id = m.org_id reads the org's row, it does not pick the shard of m.
    expect(
      tableUses('select * from memberships m join organizations o on o.id = m.org_id where m.status = $1')[0],
    ).toEqual({ table: 'memberships', verdict: 'no-org', columns: ['org_id', 'status'] })
    // Two tenant tables joined on org_id with no org given span every shard.
    expect(tableUses('select * from grants g join roles r on r.org_id = g.org_id')[0]?.verdict).toBe('no-org')
  })

  it('checks subqueries and data-modifying CTEs as statements of their own, correlated ones through the outer row', () => {
    expect(
      tableUses(
        'with a as (insert into audit_events (id) values ($1)) update memberships set status = $2 where org_id = $3',
      ).map((use) => [use.table, use.verdict]),
    ).toEqual([
      ['memberships', 'org-keyed'],
      ['audit_events', 'no-org'],
    ])
    expect(
      tableUses(
        'select * from memberships m where m.org_id = $1 and exists (select 1 from grants g where g.org_id = m.org_id and g.account_id = m.account_id)',
      ).map((use) => use.verdict),
    ).toEqual(['org-keyed', 'org-keyed'])
  })

  it('a hash of org_id is not an org: the partitioned due-sync scan is a named cross-org lookup', () => {
    expect(
      tableUses(
        'select * from connections where next_run_at <= $1 and mod(abs(hashtext(org_id)), $2) = $3',
      )[0],
    ).toEqual({ table: 'connections', verdict: 'cross-org', by: 'next_run_at' })
  })

  it('flags a table the distribution list does not know', () => {
    expect(tableUses('select * from something_new')).toEqual([
      { table: 'something_new', verdict: 'unclassified' },
    ])
  })
})

describe('the Citus layout', () => {
  it('is what the scaling guide prints, table for table', () => {
    const guide = readFileSync(new URL('../../../docs/guides/scaling.md', import.meta.url), 'utf8')
    expect(guide).toContain(citusLayoutSql())
    expect(DISTRIBUTED_TABLES.length + REFERENCE_TABLES.length).toBe(24)
    for (const { table, by } of CROSS_ORG_LOOKUPS) {
      expect(DISTRIBUTED_TABLES).toContain(table)
      expect(guide).toContain(`\`${table}\` by \`${by}\``)
    }
  })
})

// Every statement the suite sends, once per normalized text, with what the check says of it.
const seen = new Map<string, string>()
const harness = TEST_DATABASE_URL ? serverHarness(TEST_DATABASE_URL) : pgliteHarness()
const record = (statement: string) => {
  if (!seen.has(statement)) seen.set(statement, statement)
}

describe(`every statement of the conformance suite names its org (${harness.name})`, () => {
  afterAll(async () => {
    await harness.close()
  })
  runStorageConformance({
    ...conformanceOptions(harness, { onStatement: record }),
    name: `org_id check on ${harness.name}`,
  })
  it('… and the check over all of them', () => {
    const failures = new Map<string, TableUse[]>()
    const crossOrg = new Map<string, number>()
    for (const statement of seen.values()) {
      const uses = tableUses(statement)
      const bad = uses.filter((use) => use.verdict === 'no-org' || use.verdict === 'unclassified')
      if (bad.length) failures.set(normalizeSync(statement), bad)
      for (const use of uses)
        if (use.verdict === 'cross-org')
          crossOrg.set(`${use.table} by ${use.by}`, (crossOrg.get(`${use.table} by ${use.by}`) ?? 0) + 1)
    }
    console.info(
      `org_id check: ${seen.size} distinct statements; cross-org by design: ${JSON.stringify(Object.fromEntries(crossOrg))}`,
    )
    for (const [statement, uses] of failures)
      console.error(`no org: ${uses.map((use) => use.table).join(', ')}\n${statement.replace(/\s+/g, ' ')}`)
    expect(seen.size).toBeGreaterThan(100)
    // The list of cross-org lookups does not keep entries no statement needs.
    expect(
      CROSS_ORG_LOOKUPS.map(({ table, by }) => `${table} by ${by}`).filter((key) => !crossOrg.has(key)),
    ).toEqual([])
    expect([...failures].map(([statement, uses]) => ({ statement, uses }))).toEqual([])
  })
})
