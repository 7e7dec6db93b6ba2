// The table types of `schema.ts` (what every query is typed and every column list checked against)
// against the tables the migrations really create. Two nets, one per direction of drift:
// - at compile time, `EXPECTED` must name every column of every `RosterDatabase` table, no other,
//   with the nullability its type says (a mapped type: a missing, extra or wrongly nullable column
//   is a type error), and `rows.ts`'s select lists may only name columns of their table's type;
// - at run time, on every harness, the migrated schema must have exactly those tables and columns
//   with that nullability (information_schema), so a migration that adds, drops or loosens a column
//   without `schema.ts` following fails here, not in a user's query.
import type { SelectType } from 'kysely'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { ROSTER_MIGRATION_LOCK_TABLE, ROSTER_MIGRATION_TABLE } from './migrations/index.js'
import {
  ACCOUNT_COLUMNS,
  AUDIT_COLUMNS,
  MEMBERSHIP_COLUMNS,
  ORG_COLUMNS,
  OUTBOX_COLUMNS,
  TOKEN_COLUMNS,
} from './rows.js'
import type { RosterDatabase } from './schema.js'
import { harnesses } from './test-support.js'

/** 'generated': computed by the server (`Generated<…>` in the type); information_schema calls those nullable. */
type Nullability<Table> = {
  [Column in keyof Table]-?: undefined extends InsertOf<Table[Column]>
    ? 'generated'
    : null extends SelectType<Table[Column]>
      ? 'null'
      : 'not null'
}
type InsertOf<T> = T extends { __insert__: infer I } ? I : T

const EXPECTED: { [Table in keyof RosterDatabase]: Nullability<RosterDatabase[Table]> } = {
  accounts: {
    id: 'not null',
    username: 'not null',
    username_key: 'not null',
    email: 'not null',
    email_key: 'not null',
    first_name: 'not null',
    last_name: 'not null',
    first_name_key: 'not null',
    last_name_key: 'not null',
    full_name_key: 'generated',
    phone: 'null',
    language: 'not null',
    status: 'not null',
    must_change_password: 'not null',
    password_hash: 'null',
    identity_provider: 'null',
    external_subject: 'null',
    failed_sign_ins: 'not null',
    locked_until: 'null',
    created_at: 'not null',
    updated_at: 'not null',
    password_expires_at: 'null',
  },
  audit_events: {
    org_id: 'not null',
    id: 'not null',
    actor_kind: 'not null',
    actor_id: 'null',
    actor_reason: 'null',
    action: 'not null',
    target_type: 'not null',
    target_id: 'not null',
    changes: 'not null',
    at: 'not null',
  },
  blocklist: { email_key: 'not null', kind: 'not null', created_at: 'not null' },
  connection_links: {
    org_id: 'not null',
    connection_id: 'not null',
    external_id: 'not null',
    account_id: 'not null',
    last_seen_run: 'not null',
    record: 'not null',
    managed_fields: 'not null',
    owns_account: 'not null',
    missing_since: 'null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  connections: {
    org_id: 'not null',
    id: 'not null',
    kind: 'not null',
    source_key: 'null',
    guest_org_id: 'null',
    status: 'not null',
    on_missing: 'not null',
    interval_minutes: 'null',
    managed_fields: 'not null',
    run: 'not null',
    last_run_at: 'null',
    last_completed_at: 'null',
    next_run_at: 'null',
    lease_until: 'null',
    created_by: 'null',
    approved_by: 'null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  departments: {
    org_id: 'not null',
    id: 'not null',
    name: 'not null',
    name_key: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  grants: {
    org_id: 'not null',
    account_id: 'not null',
    role_id: 'not null',
    scope_kind: 'not null',
    scope_value: 'not null',
  },
  join_requests: {
    org_id: 'not null',
    id: 'not null',
    account_id: 'not null',
    status: 'not null',
    message: 'null',
    reason: 'null',
    decided_by: 'null',
    decided_at: 'null',
    created_at: 'not null',
  },
  license_pools: {
    org_id: 'not null',
    product: 'not null',
    seats: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  license_seats: {
    org_id: 'not null',
    product: 'not null',
    account_id: 'null',
    number: 'null',
    holder: 'generated',
    claimed_at: 'not null',
  },
  memberships: {
    org_id: 'not null',
    id: 'not null',
    account_id: 'not null',
    type: 'not null',
    status: 'not null',
    department_id: 'null',
    title: 'null',
    source: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  organizations: {
    id: 'not null',
    name: 'not null',
    slug: 'not null',
    email: 'null',
    founder_id: 'not null',
    settings: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  outbox_messages: {
    id: 'not null',
    org_id: 'null',
    to: 'not null',
    subject: 'not null',
    text: 'not null',
    html: 'not null',
    template: 'not null',
    language: 'not null',
    data: 'not null',
    status: 'not null',
    attempts: 'not null',
    next_attempt_at: 'not null',
    last_error: 'null',
    created_at: 'not null',
    sent_at: 'null',
    mint: 'null',
    claim: 'null',
  },
  phone_numbers: {
    org_id: 'not null',
    number: 'not null',
    account_id: 'null',
    imported_at: 'not null',
    assigned_at: 'null',
  },
  rate_limits: { key: 'not null', window_start: 'not null', count: 'not null' },
  resources: {
    org_id: 'not null',
    id: 'not null',
    type: 'not null',
    name: 'not null',
    created_at: 'not null',
  },
  roles: {
    org_id: 'not null',
    id: 'not null',
    name: 'not null',
    name_key: 'not null',
    permissions: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  scim_connections: {
    org_id: 'not null',
    connection_id: 'not null',
    name: 'not null',
    name_key: 'not null',
    credential: 'not null',
    sso_provider: 'null',
    member_type: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  scim_group_members: {
    org_id: 'not null',
    connection_id: 'not null',
    group_id: 'not null',
    account_id: 'not null',
  },
  scim_group_provenance: {
    org_id: 'not null',
    account_id: 'not null',
    kind: 'not null',
    key: 'not null',
    connection_id: 'not null',
    group_id: 'not null',
  },
  scim_groups: {
    org_id: 'not null',
    connection_id: 'not null',
    id: 'not null',
    display_name: 'not null',
    display_name_key: 'not null',
    external_id: 'null',
    mapping: 'null',
    version: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  scim_tokens: {
    org_id: 'not null',
    id: 'not null',
    connection_id: 'not null',
    hash: 'not null',
    hint: 'not null',
    created_by: 'null',
    created_at: 'not null',
    last_used_at: 'null',
    revoked_at: 'null',
  },
  scim_users: {
    org_id: 'not null',
    connection_id: 'not null',
    account_id: 'not null',
    user_name: 'not null',
    user_name_key: 'not null',
    external_id: 'null',
    active: 'not null',
    attributes: 'not null',
    owns_account: 'not null',
    version: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  tokens: {
    id: 'not null',
    kind: 'not null',
    hash: 'not null',
    account_id: 'not null',
    email: 'null',
    expires_at: 'not null',
    used_at: 'null',
    created_at: 'not null',
  },
}

// The select lists of rows.ts, checked against their table's type (a renamed column fails to compile).
const SELECT_LISTS = {
  accounts: ACCOUNT_COLUMNS,
  organizations: ORG_COLUMNS,
  memberships: MEMBERSHIP_COLUMNS,
  tokens: TOKEN_COLUMNS,
  outbox_messages: OUTBOX_COLUMNS,
  audit_events: AUDIT_COLUMNS,
} satisfies { [Table in keyof RosterDatabase]?: readonly (keyof RosterDatabase[Table])[] }

for (const harness of harnesses()) {
  describe(`schema.ts against the migrated tables, on ${harness.name}`, () => {
    afterAll(() => harness.close())

    it('every table and column the migrations create is in schema.ts, with the nullability its type says', async () => {
      const database = await harness.open()
      try {
        const { rows } = await sql<{
          table_name: string
          column_name: string
          is_nullable: 'YES' | 'NO'
          is_generated: 'ALWAYS' | 'NEVER'
        }>`
          select table_name, column_name, is_nullable, is_generated from information_schema.columns
          where table_schema = ${database.schema}
            and table_name not in (${ROSTER_MIGRATION_TABLE}, ${ROSTER_MIGRATION_LOCK_TABLE})
          order by table_name, column_name`.execute(database.db)
        const actual: Record<string, Record<string, string>> = {}
        for (const row of rows) {
          const nullability =
            row.is_generated === 'ALWAYS' ? 'generated' : row.is_nullable === 'YES' ? 'null' : 'not null'
          const table = actual[row.table_name] ?? {}
          table[row.column_name] = nullability
          actual[row.table_name] = table
        }
        expect(actual).toEqual(EXPECTED)
      } finally {
        await harness.dispose(database)
      }
    })

    it('the select lists of rows.ts name only columns their table has', () => {
      for (const [table, list] of Object.entries(SELECT_LISTS)) {
        const known = Object.keys(EXPECTED[table as keyof RosterDatabase])
        expect(
          list.filter((column) => !known.includes(column)),
          table,
        ).toEqual([])
      }
    })
  })
}
