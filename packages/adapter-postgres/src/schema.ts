import type { ColumnType, Generated } from 'kysely'

/*
 * The tables of `@roster/adapter-postgres`, as Kysely sees them. Column names are snake_case;
 * timestamps are `timestamptz` (read as `Date`). Every tenant-owned table is keyed by `org_id`
 * first, so a distributed Postgres can shard by it (docs/guides/postgres.md).
 *
 * The host app may query these tables with the same `Kysely<RosterDatabase>` (reports, admin
 * screens); writes should go through Roster so the audit trail and the outbox stay complete.
 */

type Timestamp = ColumnType<Date, Date | string, Date | string>
type Json<T> = ColumnType<T, string, string>

/** Global: one person across every org of the deployment. */
export interface AccountsTable {
  id: string
  username: string
  /** Normalized username (unique). */
  username_key: string
  email: string
  /** Normalized email (unique, A2). */
  email_key: string
  first_name: string
  last_name: string
  /** Lower-cased `first_name`, for prefix search. */
  first_name_key: string
  /** Lower-cased `last_name`, for prefix search. */
  last_name_key: string
  /** `first_name_key || ' ' || last_name_key`, generated. */
  full_name_key: Generated<string>
  phone: string | null
  language: string
  status: string
  must_change_password: boolean
  password_hash: string | null
  identity_provider: string | null
  external_subject: string | null
  failed_sign_ins: number
  locked_until: Timestamp | null
  /** A temporary password's expiry (A4, X5). */
  password_expires_at: Timestamp | null
  created_at: Timestamp
  updated_at: Timestamp
}

/** The tenant root; `id` is the `org_id` every tenant table carries. */
export interface OrganizationsTable {
  id: string
  name: string
  slug: string
  email: string | null
  founder_id: string
  settings: Json<{ joinRequests: boolean; requiredProducts: string[] }>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface MembershipsTable {
  org_id: string
  id: string
  account_id: string
  type: string
  status: string
  department_id: string | null
  title: string | null
  source: string
  created_at: Timestamp
  updated_at: Timestamp
}

export interface GrantsTable {
  org_id: string
  account_id: string
  role_id: string
  /** `org` | `resource` | `type`. */
  scope_kind: string
  /** '' for `org`, the resource id, or the resource type. */
  scope_value: string
}

/** Custom roles of an org (built-in roles are not rows). */
export interface RolesTable {
  org_id: string
  id: string
  name: string
  /** Trimmed, NFC, lower-cased name: unique per org. */
  name_key: string
  permissions: string[]
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ResourcesTable {
  org_id: string
  id: string
  type: string
  name: string
  created_at: Timestamp
}

export interface DepartmentsTable {
  org_id: string
  id: string
  name: string
  /** Trimmed, NFC, lower-cased name: unique per org (D2). */
  name_key: string
  created_at: Timestamp
  updated_at: Timestamp
}

export interface JoinRequestsTable {
  org_id: string
  id: string
  account_id: string
  status: string
  message: string | null
  reason: string | null
  decided_by: string | null
  decided_at: Timestamp | null
  created_at: Timestamp
}

export interface LicensePoolsTable {
  org_id: string
  product: string
  /** Purchased seats; the assigned count is the number of `license_seats` rows. */
  seats: number
  created_at: Timestamp
  updated_at: Timestamp
}

/** One held seat: by a membership (`account_id`) or by a phone number (`number`). */
export interface LicenseSeatsTable {
  org_id: string
  product: string
  account_id: string | null
  number: string | null
  /** `m:<account_id>` or `n:<number>`, generated; (org_id, product, holder) is the key. */
  holder: Generated<string>
  claimed_at: Timestamp
}

export interface PhoneNumbersTable {
  org_id: string
  /** E.164. */
  number: string
  /** The holding member's account, or null when the number is available. */
  account_id: string | null
  imported_at: Timestamp
  assigned_at: Timestamp | null
}

/** A directory connection, keyed by its host org. */
export interface ConnectionsTable {
  org_id: string
  id: string
  kind: string
  source_key: string | null
  guest_org_id: string | null
  status: string
  on_missing: string
  interval_minutes: number | null
  managed_fields: string[]
  run: number
  last_run_at: Timestamp | null
  last_completed_at: Timestamp | null
  next_run_at: Timestamp | null
  lease_until: Timestamp | null
  created_by: string | null
  approved_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

/** One person of a connection: external id → account. */
export interface ConnectionLinksTable {
  org_id: string
  connection_id: string
  external_id: string
  account_id: string
  last_seen_run: number
  record: Json<Record<string, unknown>>
  managed_fields: string[]
  owns_account: boolean
  missing_since: Timestamp | null
  created_at: Timestamp
  updated_at: Timestamp
}

/** The SCIM settings of a directory connection (SC1). */
export interface ScimConnectionsTable {
  org_id: string
  connection_id: string
  name: string
  name_key: string
  credential: string
  sso_provider: string | null
  member_type: string
  created_at: Timestamp
  updated_at: Timestamp
}

/** A SCIM connection's bearer tokens: only the hash is stored (X1). */
export interface ScimTokensTable {
  org_id: string
  id: string
  connection_id: string
  hash: string
  hint: string
  created_by: string | null
  created_at: Timestamp
  last_used_at: Timestamp | null
  revoked_at: Timestamp | null
}

/** A user a SCIM connection provisioned; goes with its membership. */
export interface ScimUsersTable {
  org_id: string
  connection_id: string
  account_id: string
  user_name: string
  user_name_key: string
  external_id: string | null
  active: boolean
  attributes: Json<Record<string, unknown>>
  owns_account: boolean
  version: number
  created_at: Timestamp
  updated_at: Timestamp
}

/** A group a SCIM connection pushed. */
export interface ScimGroupsTable {
  org_id: string
  connection_id: string
  id: string
  display_name: string
  display_name_key: string
  external_id: string | null
  mapping: Json<Record<string, unknown>> | null
  version: number
  created_at: Timestamp
  updated_at: Timestamp
}

/** One member of a SCIM group. */
export interface ScimGroupMembersTable {
  org_id: string
  connection_id: string
  group_id: string
  account_id: string
}

/** What a SCIM group gave one of its members (SC11): a grant, the department or a seat. */
export interface ScimGroupProvenanceTable {
  org_id: string
  account_id: string
  kind: 'grant' | 'department' | 'seat'
  key: string
  connection_id: string
  group_id: string
}

/** Global: single-use tokens; only the hash is stored (X1). */
export interface TokensTable {
  id: string
  kind: string
  hash: string
  account_id: string
  email: string | null
  expires_at: Timestamp
  used_at: Timestamp | null
  created_at: Timestamp
}

/**
 * Append-only. Keyed by `org_id`; events that belong to no org (sign-up, activation) are stored
 * under `org_id = ''` so the distribution key is never null.
 */
export interface AuditEventsTable {
  org_id: string
  id: string
  actor_kind: string
  actor_id: string | null
  actor_reason: string | null
  action: string
  target_type: string
  target_id: string
  changes: Json<Record<string, { before?: unknown; after?: unknown }>>
  at: Timestamp
}

/** Global delivery queue (claimed across orgs by the dispatcher). */
export interface OutboxMessagesTable {
  id: string
  org_id: string | null
  to: string
  subject: string
  text: string
  html: string
  template: string
  language: string
  data: Json<Record<string, unknown>>
  status: string
  claim: string | null
  attempts: number
  next_attempt_at: Timestamp
  last_error: string | null
  created_at: Timestamp
  sent_at: Timestamp | null
  /** What delivery mints the mail's secret from (X5); null for a mail without one. */
  mint: Json<Record<string, unknown>> | null
}

export interface BlocklistTable {
  email_key: string
  kind: string
  created_at: Timestamp
}

export interface RateLimitsTable {
  key: string
  window_start: Timestamp
  count: number
}

/** The database `postgresStorage(db)` expects: `Kysely<RosterDatabase>`. */
export interface RosterDatabase {
  accounts: AccountsTable
  organizations: OrganizationsTable
  memberships: MembershipsTable
  grants: GrantsTable
  roles: RolesTable
  departments: DepartmentsTable
  resources: ResourcesTable
  join_requests: JoinRequestsTable
  license_pools: LicensePoolsTable
  license_seats: LicenseSeatsTable
  phone_numbers: PhoneNumbersTable
  connections: ConnectionsTable
  connection_links: ConnectionLinksTable
  scim_connections: ScimConnectionsTable
  scim_tokens: ScimTokensTable
  scim_users: ScimUsersTable
  scim_groups: ScimGroupsTable
  scim_group_members: ScimGroupMembersTable
  scim_group_provenance: ScimGroupProvenanceTable
  tokens: TokensTable
  audit_events: AuditEventsTable
  outbox_messages: OutboxMessagesTable
  blocklist: BlocklistTable
  rate_limits: RateLimitsTable
}
