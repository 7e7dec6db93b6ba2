import type {
  ScimConnection,
  ScimGroup,
  ScimGroupProvenance,
  ScimToken,
  ScimUser,
} from '../../domain/scim.js'

/** Which SCIM connection's users or groups a call is about: the org (the tenant key) and the connection. */
export interface ScimScope {
  orgId: string
  connectionId: string
}

/**
 * SCIM connections and their bearer tokens (SC1). A SCIM connection belongs to its org and to the
 * directory connection of the same id; deleting the org deletes them.
 */
export interface ScimConnectionsRepository {
  /** Inserts the SCIM settings of a connection. MUST return `exists` (storing nothing) when the org already has one of that `name` (case-insensitive). */
  insert(connection: ScimConnection): Promise<{ status: 'inserted' } | { status: 'exists' }>
  find(orgId: string, connectionId: string): Promise<ScimConnection | null>
  /** The org's SCIM connections, by connection id ascending. */
  list(orgId: string): Promise<ScimConnection[]>
  insertToken(token: ScimToken): Promise<void>
  /** The token with this hash, revoked or not; null when none. */
  findTokenByHash(hash: string): Promise<ScimToken | null>
  /** The connection's tokens, newest (highest id) first. */
  listTokens(orgId: string, connectionId: string): Promise<ScimToken[]>
  /** Revokes every unrevoked token of the connection (but `exceptId`); returns how many. */
  revokeTokens(orgId: string, connectionId: string, now: Date, exceptId?: string): Promise<number>
  /**
   * Sets `lastUsedAt = now` when it is null or before `staleBefore` (one conditional write, so a
   * busy connection writes at most once per interval). Unknown ids are skipped.
   */
  touchToken(orgId: string, tokenId: string, now: Date, staleBefore: Date): Promise<void>
}

export type InsertScimUserOutcome =
  | { status: 'inserted' }
  | { status: 'conflict'; field: 'userName' | 'accountId' }
export type ScimUserPatch = Partial<
  Pick<ScimUser, 'userName' | 'userNameKey' | 'externalId' | 'active' | 'attributes' | 'updatedAt'>
>
export type UpdateScimUserOutcome =
  | { status: 'updated'; user: ScimUser }
  | { status: 'not-found' }
  | { status: 'version-mismatch'; user: ScimUser }
  | { status: 'conflict'; field: 'userName' }

/**
 * The users of a SCIM connection (SC3): one per (connection, account) and per (connection,
 * `userNameKey`). A SCIM user stands for its membership: deleting the membership (`memberships.delete`,
 * org deletion) MUST delete it and its group memberships in the same transaction.
 */
export interface ScimUsersRepository {
  /**
   * Inserts a user. MUST return `conflict` (storing nothing) when the connection already has a user
   * with that `userNameKey` or that account — also when another transaction inserts it concurrently.
   */
  insert(user: ScimUser): Promise<InsertScimUserOutcome>
  find(scope: ScimScope, accountId: string): Promise<ScimUser | null>
  findByUserName(scope: ScimScope, userNameKey: string): Promise<ScimUser | null>
  /** Users whose `externalId` equals this one exactly, by account id ascending. */
  findByExternalId(scope: ScimScope, externalId: string): Promise<ScimUser[]>
  /** The connection's users among `accountIds`, each once, in any order. */
  findMany(scope: ScimScope, accountIds: readonly string[]): Promise<ScimUser[]>
  /**
   * Patches a user, bumping `version`. With `ifVersion`, MUST change nothing and return
   * `version-mismatch` unless the stored version is that one (of concurrent updates from one
   * version exactly one wins). A `userNameKey` another user of the connection has is `conflict`.
   */
  update(
    scope: ScimScope,
    accountId: string,
    patch: ScimUserPatch,
    options?: { ifVersion?: number },
  ): Promise<UpdateScimUserOutcome>
  /** Deletes a user and its group memberships. MUST return false when there was none. */
  delete(scope: ScimScope, accountId: string): Promise<boolean>
  /** The connection's users by account id ascending, strictly after `afterId`, at most `limit`. */
  page(scope: ScimScope, query: { afterId?: string; limit: number }): Promise<ScimUser[]>
  count(scope: ScimScope): Promise<number>
}

export type InsertScimGroupOutcome =
  | { status: 'inserted' }
  | { status: 'conflict'; field: 'displayName' | 'id' }
export type ScimGroupPatch = Partial<
  Pick<ScimGroup, 'displayName' | 'displayNameKey' | 'externalId' | 'mapping' | 'updatedAt'>
>
export type UpdateScimGroupOutcome =
  | { status: 'updated'; group: ScimGroup }
  | { status: 'not-found' }
  | { status: 'version-mismatch'; group: ScimGroup }
  | { status: 'conflict'; field: 'displayName' }

/**
 * The groups of a SCIM connection and their members (SC6). Members are accounts with a SCIM user
 * of the same connection; a member row goes with its membership.
 */
export interface ScimGroupsRepository {
  /** Inserts a group. MUST return `conflict` (storing nothing) on a `displayNameKey` the connection has, also concurrently. */
  insert(group: ScimGroup): Promise<InsertScimGroupOutcome>
  find(scope: ScimScope, id: string): Promise<ScimGroup | null>
  findByDisplayName(scope: ScimScope, displayNameKey: string): Promise<ScimGroup | null>
  findByExternalId(scope: ScimScope, externalId: string): Promise<ScimGroup[]>
  /** Patches a group, bumping `version`; `ifVersion` as for users. */
  update(
    scope: ScimScope,
    id: string,
    patch: ScimGroupPatch,
    options?: { ifVersion?: number },
  ): Promise<UpdateScimGroupOutcome>
  /** Deletes a group with its member rows. MUST return false when there was none. */
  delete(scope: ScimScope, id: string): Promise<boolean>
  /** The connection's groups by id ascending, strictly after `afterId`, at most `limit`. */
  page(scope: ScimScope, query: { afterId?: string; limit: number }): Promise<ScimGroup[]>
  count(scope: ScimScope): Promise<number>
  /**
   * Adds members; returns the account ids that were not members before, in the order given
   * (each once). Ids already members are skipped; concurrent adds of one id add it once.
   */
  addMembers(scope: ScimScope, groupId: string, accountIds: readonly string[]): Promise<string[]>
  /** Removes members; returns the account ids that were members, in the order given (each once). */
  removeMembers(scope: ScimScope, groupId: string, accountIds: readonly string[]): Promise<string[]>
  /** The group's member account ids ascending, strictly after `afterId`, at most `limit`. */
  members(scope: ScimScope, groupId: string, query: { afterId?: string; limit: number }): Promise<string[]>
  /** The ids of the connection's groups this account is a member of, ascending. */
  groupsOf(scope: ScimScope, accountId: string): Promise<string[]>
  /**
   * What any group of any connection of the org gave these accounts (SC11), in any order. A
   * provenance row goes with its group member row (removing the member, deleting the group or the
   * SCIM user, removing the membership).
   */
  provenance(orgId: string, accountIds: readonly string[]): Promise<ScimGroupProvenance[]>
  /** Records provenance rows; rows already recorded are skipped. Each names a current group member. */
  recordProvenance(rows: readonly ScimGroupProvenance[]): Promise<void>
  /** Deletes these provenance rows (those that exist). */
  forgetProvenance(rows: readonly ScimGroupProvenance[]): Promise<void>
}
