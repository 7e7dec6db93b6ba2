import type { RosterDatabase } from './schema.js'

/**
 * How each Roster table is placed in a database distributed by organization (Citus, and the key
 * order CockroachDB/YugabyteDB place rows by). One list, read by three things: the org_id statement
 * check (`org-id-statements.test.ts`), the Citus layout that `citusLayoutSql()` prints, and the
 * scaling guide, which quotes that layout and is tested to match it.
 *
 * - `distributed`: an org's rows; the table leads its keys with `org_id`, and every statement on it
 *   must say which org (an `org_id` predicate, or `org_id` among an INSERT's columns), except the
 *   cross-org lookups named in `CROSS_ORG_LOOKUPS`.
 * - `reference`: global rows every org reads (people, orgs themselves, sign-in tokens, limits) —
 *   replicated to every node; statements on them need no org.
 */
export const TABLE_DISTRIBUTION = {
  accounts: 'reference',
  organizations: 'reference',
  tokens: 'reference',
  blocklist: 'reference',
  rate_limits: 'reference',
  // The outbox is claimed across orgs (`FOR UPDATE SKIP LOCKED` over every due message) and holds
  // mail of no org (sign-up, password reset): a table of the coordinator, not of an org.
  outbox_messages: 'reference',
  memberships: 'distributed',
  grants: 'distributed',
  roles: 'distributed',
  resources: 'distributed',
  departments: 'distributed',
  join_requests: 'distributed',
  license_pools: 'distributed',
  license_seats: 'distributed',
  phone_numbers: 'distributed',
  connections: 'distributed',
  connection_links: 'distributed',
  scim_connections: 'distributed',
  scim_tokens: 'distributed',
  scim_users: 'distributed',
  scim_groups: 'distributed',
  scim_group_members: 'distributed',
  scim_group_provenance: 'distributed',
  audit_events: 'distributed',
} as const satisfies { [Table in keyof RosterDatabase]: 'reference' | 'distributed' }

export type RosterTable = keyof typeof TABLE_DISTRIBUTION

/** The tables distributed by `org_id`, in the order the layout creates them. */
export const DISTRIBUTED_TABLES = (Object.keys(TABLE_DISTRIBUTION) as RosterTable[]).filter(
  (table) => TABLE_DISTRIBUTION[table] === 'distributed',
)
/** The global tables, replicated to every node. */
export const REFERENCE_TABLES = (Object.keys(TABLE_DISTRIBUTION) as RosterTable[]).filter(
  (table) => TABLE_DISTRIBUTION[table] === 'reference',
)

/**
 * The statements that touch a distributed table without naming an org, on purpose: each is keyed
 * by another column (`by`: the statement compares it in WHERE), and says why it must span orgs.
 * The statement check accepts a distributed table without an `org_id` predicate only when the
 * statement compares that column of it (with `only`: a SELECT comparing no other column —
 * `orgOf(id)` is accepted, an UPDATE by id alone is not); anything else fails. Every entry must be met by the check's run.
 */
export const CROSS_ORG_LOOKUPS: ReadonlyArray<{ table: RosterTable; by: string; only?: true; why: string }> =
  [
    {
      table: 'memberships',
      by: 'account_id',
      why: "a person spans orgs: an account's orgs (sign-in, the org switcher), activating its invitations, deleting it",
    },
    {
      table: 'connections',
      by: 'next_run_at',
      why: "the due-sync scan (`listDue`) is the scheduler's, not an org's: one fan-out per tick",
    },
    {
      table: 'connections',
      by: 'id',
      only: true,
      why: '`connections.orgOf(id)`: a caller that names a connection without its `orgId` (the input is optional); one lookup, then everything names the org',
    },
    {
      table: 'join_requests',
      by: 'id',
      only: true,
      why: '`joinRequests.orgOf(id)`: a caller that names a request without its `orgId` (the input is optional); one lookup, then everything names the org',
    },
    {
      table: 'join_requests',
      by: 'account_id',
      why: "a person's own requests to join, in every org they asked (`joinRequests.listForAccount`: the requester's page, before they belong to any of those orgs)",
    },
    {
      table: 'scim_tokens',
      by: 'hash',
      only: true,
      why: "a SCIM request carries only its bearer token: the lookup by the token's hash is what finds the org",
    },
  ]

/**
 * The Citus statements that lay Roster's tables out — reference tables first, then every
 * distributed table colocated with `memberships` (so joins on `org_id` stay on one node).
 *
 * @example
 * import { citusLayoutSql } from '@roster/adapter-postgres'
 *
 * // after migrateToLatest, on the coordinator
 * await sql.raw(citusLayoutSql()).execute(db)
 */
export function citusLayoutSql(): string {
  const [first, ...rest] = DISTRIBUTED_TABLES
  return [
    ...REFERENCE_TABLES.map((table) => `select create_reference_table('${table}');`),
    `select create_distributed_table('${first}', 'org_id');`,
    ...rest.map(
      (table) => `select create_distributed_table('${table}', 'org_id', colocate_with => '${first}');`,
    ),
  ].join('\n')
}
