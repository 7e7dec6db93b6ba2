/*
 * Every table of the memory adapter, declared once: its name, and the two lists a cascade walks
 * (the tables an org's deletion empties, the tables a membership's removal empties). Plain data
 * with no imports, so any repository can read it without import order mattering and without
 * an import circle; adding a table means adding it here, where the cascades are in view.
 */

/** One-table areas, and the core tables several repositories read. */
export const T = {
  accounts: 'accounts',
  orgs: 'orgs',
  memberships: 'memberships',
  grants: 'grants',
  tokens: 'tokens',
  audit: 'audit',
  outbox: 'outbox',
  blocklist: 'blocklist',
  rateLimits: 'rate_limits',
  /** Custom roles by id (`roles-lookup.ts` reads it for the permission check). */
  roles: 'roles',
  resources: 'resources',
  departments: 'departments',
  joinRequests: 'join_requests',
} as const

/**
 * Unique-lookup indexes of accounts (key → account id), kept in step by every accounts write so
 * a lookup is one Map read instead of a scan.
 */
export const ACCOUNT_INDEX_TABLES = {
  byEmail: 'accounts_by_email',
  byUsername: 'accounts_by_username',
  byIdentity: 'accounts_by_identity',
} as const

/** The tables of licenses and numbers. Every row carries `orgId`. */
export const SEAT_TABLES = {
  /** `orgId␀product` → pool with its denormalized `assigned` count. */
  pools: 'license_pools',
  /** `orgId␀product␀holderKey` → one held seat. */
  seats: 'license_seats',
  /** `orgId␀holderKey` → the products the holder has a seat of (row extras, cascades). */
  holders: 'seat_holders',
  /** `orgId␀number` → a phone number of the org's pool. */
  numbers: 'phone_numbers',
  /** `orgId␀accountId` → the numbers a member holds (row extras, cascades). */
  memberNumbers: 'member_numbers',
} as const

/** The tables of directory connections (S1–S5). Every row carries the host `orgId`. */
export const CONNECTION_TABLES = {
  /** id → connection. */
  connections: 'connections',
  /** `connectionId␀externalId` → link. */
  links: 'connection_links',
  /** `connectionId␀accountId` → the link's external id: the (connection, account) unique index. */
  linkAccounts: 'connection_link_accounts',
} as const

/** The tables of SCIM provisioning (SC1–SC9). Every row carries `orgId`. */
export const SCIM_TABLES = {
  /** connectionId → SCIM settings. */
  connections: 'scim_connections',
  /** token id → token; `scim_token_hashes`: hash → token id. */
  tokens: 'scim_tokens',
  tokenHashes: 'scim_token_hashes',
  /** `connectionId␀accountId` → user; `scim_user_names`: `connectionId␀userNameKey` → `{ accountId }`. */
  users: 'scim_users',
  userNames: 'scim_user_names',
  /** `connectionId␀groupId` → group; `scim_group_names`: `connectionId␀displayNameKey` → `{ groupId }`. */
  groups: 'scim_groups',
  groupNames: 'scim_group_names',
  /** `connectionId␀groupId␀accountId` → one member of a group. */
  groupMembers: 'scim_group_members',
  /** `orgId␀accountId␀kind␀key␀connectionId␀groupId` → what a group gave a member (SC11). */
  groupProvenance: 'scim_group_provenance',
} as const

/** Tables whose rows carry an `orgId` and go when their org is deleted. */
export const TENANT_TABLES: readonly string[] = [
  T.memberships,
  T.grants,
  ...Object.values(SEAT_TABLES),
  T.roles,
  T.resources,
  T.departments,
  T.joinRequests,
  ...Object.values(CONNECTION_TABLES),
  ...Object.values(SCIM_TABLES),
]

/**
 * Tables whose rows belong to one membership (`orgId` + `accountId`) and go with it (A13). A link
 * stands for its membership, so removing the membership removes the link. Seats and numbers are
 * not here: their release does more than delete rows (`MEMBERSHIP_RELEASES` in memberships.ts).
 */
export const MEMBERSHIP_OWNED_TABLES: readonly string[] = [
  T.grants,
  CONNECTION_TABLES.links,
  CONNECTION_TABLES.linkAccounts,
  // A SCIM user stands for its membership, like a link; so do its group memberships.
  SCIM_TABLES.users,
  SCIM_TABLES.userNames,
  SCIM_TABLES.groupMembers,
  SCIM_TABLES.groupProvenance,
]
