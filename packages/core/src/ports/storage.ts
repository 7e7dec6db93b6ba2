import type { Account } from '../domain/account.js'
import type { AuditEvent } from '../domain/audit-event.js'
import type { StoredGrant } from '../domain/grant.js'
import type { OutboxMessage } from '../domain/mail-message.js'
import type { Membership, MembershipStatus, MembershipType } from '../domain/membership.js'
import type { Organization } from '../domain/organization.js'
import type { CustomRole, RoleDefinition } from '../domain/role.js'
import type { Department } from '../domain/department.js'
import type { JoinRequest, JoinRequestStatus } from '../domain/join-request.js'
import type { Resource } from '../domain/resource.js'
import type { Token, TokenKind } from '../domain/token.js'
import type { LicensePool, LicensePoolUsage, PoolKey, Seat, SeatHolder } from '../domain/license.js'
import type { PhoneNumber, PhoneNumberStatus } from '../domain/phone-number.js'
import type { Connection, ConnectionLink, ConnectionStatus } from '../domain/connection.js'

/*
 * The storage port: repositories shaped by the use-cases, not generic CRUD.
 *
 * Conventions every adapter MUST follow (the conformance suite checks each):
 * - "not found" is `null` (or an empty list), never an exception;
 * - expected races and uniqueness conflicts are typed outcomes (`{ status: 'conflict' }`), never exceptions;
 * - an unexpected failure rejects; the core turns it into `STORAGE_FAILURE` in one place;
 * - rows handed in and out are plain objects the caller may not mutate afterwards;
 * - a patch changes only the fields it sets: a field absent or `undefined` in it is left unchanged;
 * - dates are compared and returned by value (millisecond precision is enough);
 * - "ordered by id" (or by a key) means code-unit order of the string, as `<` compares it in
 *   JavaScript (SQL adapters compare with a byte-wise collation such as `COLLATE "C"`);
 * - where no order is stated, lists come in any order;
 * - every write made through `tx` inside `transaction(fn)` is undone when `fn` rejects.
 */

/** Which unique field an insert or update collided with. */
export type AccountConflictField = 'email' | 'username' | 'identity'

export type InsertAccountOutcome =
  | { status: 'inserted' }
  | { status: 'conflict'; field: AccountConflictField }
export type UpdateAccountOutcome =
  | { status: 'updated'; account: Account }
  | { status: 'not-found' }
  | { status: 'conflict'; field: AccountConflictField }

/** Fields of an account that can be patched. */
export type AccountPatch = Partial<Omit<Account, 'id' | 'createdAt'>>

export interface AccountsRepository {
  findById(id: string): Promise<Account | null>
  /**
   * MUST return the accounts found, each once (also when its id is repeated), in any order;
   * missing ids are skipped.
   */
  findByIds(ids: readonly string[]): Promise<Account[]>
  /** Looks up by normalized email (`emailKey`). */
  findByEmail(emailKey: string): Promise<Account | null>
  /** Looks up by normalized username (`usernameKey`). */
  findByUsername(usernameKey: string): Promise<Account | null>
  findByIdentity(provider: string, subject: string): Promise<Account | null>
  /**
   * Inserts an account. MUST return `conflict` (and store nothing) when `emailKey`, `usernameKey`
   * or (`identityProvider`, `externalSubject`) is already taken — also when the other writer's
   * transaction commits concurrently (A2, A16).
   */
  insert(account: Account): Promise<InsertAccountOutcome>
  /**
   * Looks up many normalized emails (`emailKey`) at once (a sync batch). MUST return the accounts
   * found, each once (also when its key is repeated), in any order; unknown keys are skipped.
   */
  findByEmails(emailKeys: readonly string[]): Promise<Account[]>
  /**
   * Inserts many accounts at once (a sync batch), as `insert` would one after the other. MUST
   * return one outcome per account, in the order given: `inserted`, or `conflict` with the field
   * (email, then username, then identity; storing nothing for that account) when its `emailKey`,
   * `usernameKey` or (`identityProvider`, `externalSubject`) is taken — by a stored account, by an
   * earlier account of the same call, or by another transaction that commits concurrently (A2,
   * A16). A conflict never stops the other accounts; an empty list stores nothing.
   */
  insertMany(accounts: readonly Account[]): Promise<InsertAccountOutcome[]>
  /**
   * Patches an account; same uniqueness contract as `insert` (keeping its own email, username or
   * identity is no conflict). `not-found` (storing nothing) when there is no such account.
   */
  update(id: string, patch: AccountPatch): Promise<UpdateAccountOutcome>
  /** Deletes an account (tokens go with it). MUST return false when it did not exist. */
  delete(id: string): Promise<boolean>
  /**
   * Atomically counts a failed sign-in: increments `failedSignIns`; once it reaches `maxAttempts`
   * sets `lockedUntil` and resets the count. MUST NOT lose increments under concurrency. Returns
   * the values as stored by this call; for an unknown id stores nothing and returns
   * `{ failedSignIns: 0, lockedUntil: null }`.
   */
  recordFailedSignIn(
    id: string,
    options: { maxAttempts: number; lockedUntil: Date; now: Date },
  ): Promise<{ failedSignIns: number; lockedUntil: Date | null }>
}

export type InsertOrgOutcome = { status: 'inserted' } | { status: 'conflict'; field: 'slug' }
export type UpdateOrgOutcome =
  | { status: 'updated'; org: Organization }
  | { status: 'not-found' }
  | { status: 'conflict'; field: 'slug' }
export type OrgPatch = Partial<Omit<Organization, 'id' | 'createdAt'>>

export interface OrganizationsRepository {
  findById(id: string): Promise<Organization | null>
  findBySlug(slug: string): Promise<Organization | null>
  /** MUST return `conflict` when the slug is taken, also under concurrency. */
  insert(org: Organization): Promise<InsertOrgOutcome>
  /** Patches an org; `conflict` (changing nothing) on another org's slug — its own is no conflict. */
  update(id: string, patch: OrgPatch): Promise<UpdateOrgOutcome>
  /** Deletes the org and every row keyed by its id (memberships, grants, and every later tenant table). */
  delete(id: string): Promise<boolean>
  /**
   * The orgs `accountId` is a member of (any membership status), with that membership, oldest
   * membership (lowest membership id) first.
   */
  listForAccount(accountId: string): Promise<Array<{ org: Organization; membership: Membership }>>
}

/** A grant of a directory row, with the names the directory shows for it. */
export interface MemberRowGrant extends StoredGrant {
  /**
   * The name of the org's custom role `roleId`, as stored now; null for a built-in role (named in
   * code) and for an id the org has no custom role of.
   */
  roleName: string | null
  /**
   * For `scopeKind: 'resource'`, the name of the org's resource `scopeValue`, as stored now; null
   * for org and type scopes and for a resource the org no longer has.
   */
  scopeName: string | null
}

/**
 * One row of the members directory: everything `MemberView` needs, loaded without N+1. A row MUST
 * carry its names (grants' `roleName`/`scopeName`, `department.name`) and `managedFields`, read in
 * the same call, so the core builds a page's views with no further reads.
 */
export interface MemberRow {
  membership: Membership
  account: Account
  department: { id: string; name: string } | null
  grants: MemberRowGrant[]
  /**
   * The fields (S3) managed by the connection managing this membership — the org's connection whose
   * id is `membership.source` — in the connection's order; `[]` for local members and when the org
   * has no such connection.
   */
  managedFields: string[]
  /** Products this membership holds a seat of. */
  licenses: string[]
  /** E.164 numbers this membership holds. */
  numbers: string[]
  /**
   * How many orgs the account belongs to (this one included, memberships of any status); A17 needs
   * to know if it is shared.
   */
  accountOrgCount: number
}

/** A keyset page query over one org's memberships, ordered by membership id ascending. */
export interface MemberPageQuery {
  orgId: string
  /**
   * Case-insensitive prefix (Unicode lower-casing, so `élo` finds `Élodie`) of first name, last
   * name, "first last", email or username. `%` and `_` are ordinary characters, not wildcards.
   */
  search?: string
  status?: MembershipStatus
  type?: MembershipType
  departmentId?: string
  /** Members holding this role at any scope. */
  roleId?: string
  /**
   * Members holding a grant at this resource or at every resource of its type (org-wide grants do
   * not count). With `roleId`, one grant MUST match both: that role, there.
   */
  resource?: { id: string; type: string }
  /** With `requiredProducts`: only members that hold (true) / miss (false) a seat of each. Employees only for false. */
  licensed?: boolean
  requiredProducts?: string[]
  /** Return rows whose membership id is strictly greater. */
  afterId?: string
  /** MUST return at most this many rows. */
  limit: number
}

export type InsertMembershipOutcome = { status: 'inserted' } | { status: 'exists' }

export interface MembershipsRepository {
  find(orgId: string, accountId: string): Promise<Membership | null>
  /**
   * Inserts a membership with its grants. MUST return `exists` (storing nothing) when (orgId,
   * accountId) already has one, also when another transaction inserts it concurrently.
   */
  insert(membership: Membership, grants: readonly StoredGrant[]): Promise<InsertMembershipOutcome>
  /**
   * Inserts many memberships, each with its grants (a sync batch), as `insert` would one after the
   * other. MUST return one outcome per entry, in the order given: `exists` (storing nothing for that
   * entry, its grants included) when (orgId, accountId) already has a membership — stored, earlier
   * in the same call, or inserted by another transaction concurrently. An empty list stores nothing.
   */
  insertMany(
    entries: readonly { membership: Membership; grants: readonly StoredGrant[] }[],
  ): Promise<InsertMembershipOutcome[]>
  /** Patches a membership and returns it as stored; null (storing nothing) when there is none. */
  update(
    orgId: string,
    accountId: string,
    patch: Partial<Pick<Membership, 'type' | 'status' | 'departmentId' | 'title' | 'source' | 'updatedAt'>>,
  ): Promise<Membership | null>
  /**
   * Deletes the membership and every row it owns (grants, seats). Numbers it holds MUST return to
   * the pool (available) with every seat they held released, in the same transaction (A13, L4).
   */
  delete(orgId: string, accountId: string): Promise<boolean>
  /** Number of memberships of the org. */
  countInOrg(orgId: string): Promise<number>
  /** The account's memberships in every org and status, in any order. */
  listForAccount(accountId: string): Promise<Membership[]>
  /**
   * Sets every `invited` membership of the account to `active` with `updatedAt = now` (A2b, A8);
   * returns their org ids, in any order. Other statuses are left alone.
   */
  activateInvited(accountId: string, now: Date): Promise<string[]>
  /** One member's directory row, or null. */
  row(orgId: string, accountId: string): Promise<MemberRow | null>
  /** A keyset page of directory rows (no offset, no N+1). */
  page(query: MemberPageQuery): Promise<MemberRow[]>
}

export interface GrantsRepository {
  /** The member's grants in that org, in any order; empty when none. */
  listFor(orgId: string, accountId: string): Promise<StoredGrant[]>
  /** Adds grants; MUST ignore ones the member already has (same role and scope). */
  add(grants: readonly StoredGrant[]): Promise<void>
  /** Removes the given grants of the member; returns how many existed. */
  remove(
    orgId: string,
    accountId: string,
    grants: readonly Pick<StoredGrant, 'roleId' | 'scopeKind' | 'scopeValue'>[],
  ): Promise<number>
  /**
   * Account ids of the org's members holding any of `roleIds` org-wide (`scopeKind: 'org'`) whose
   * membership and account are both `active` — who to tell about something (J2). Ascending, each
   * once, at most `limit`.
   */
  holders(orgId: string, roleIds: readonly string[], limit: number): Promise<string[]>
}

/** What the permission check needs about one actor in one org, in one read. */
export interface AccessSnapshot {
  org: Organization | null
  /** The actor's account status, or null when the account does not exist. */
  accountStatus: Account['status'] | null
  membership: Membership | null
  grants: StoredGrant[]
  /** The org's custom roles referenced by `grants`. */
  customRoles: RoleDefinition[]
}

export interface AccessRepository {
  /** MUST load org, actor account status, membership, grants and their custom roles consistently. */
  load(orgId: string, accountId: string): Promise<AccessSnapshot>
}

export interface TokensRepository {
  insert(token: Token): Promise<void>
  findByHash(hash: string): Promise<Token | null>
  /**
   * Marks an unused token used. MUST return true for exactly one of many concurrent calls (X1:
   * single use) and false when it was already used or revoked.
   */
  consume(id: string, now: Date): Promise<boolean>
  /** Marks every unused token of that kind of the account used; returns how many. */
  revokeFor(accountId: string, kind: TokenKind, now: Date): Promise<number>
}

/** A keyset query over the audit log, newest first. */
export interface AuditQuery {
  orgId: string | null
  action?: string
  /** Events by this account (`actor.kind === 'account'`); system events never match. */
  actorId?: string
  targetId?: string
  /** Events at or after this time (inclusive). */
  since?: Date
  /** Events strictly before this time (exclusive). */
  until?: Date
  /** Return events whose id is strictly lower. */
  beforeId?: string
  limit: number
}

export interface AuditRepository {
  /** Appends one event. MUST be written in the caller's transaction. */
  append(event: AuditEvent): Promise<void>
  /** Events matching the query, newest (highest id) first. */
  list(query: AuditQuery): Promise<AuditEvent[]>
}

export interface OutboxRepository {
  /** Records a message. MUST be written in the caller's transaction. */
  enqueue(message: OutboxMessage): Promise<void>
  findById(id: string): Promise<OutboxMessage | null>
  /**
   * Messages oldest (lowest id) first, at most `limit`, with id strictly greater than `afterId`
   * (a keyset page: the dev mailbox, tests, and the admins' view of dead letters).
   * With `status`, only messages in that state. With `orgId`, only that org's messages; `orgId: null`
   * selects the messages of no org (self sign-up, account-level mail); omitted, every org's.
   */
  list(query: {
    orgId?: string | null
    status?: OutboxMessage['status']
    limit: number
    afterId?: string
  }): Promise<OutboxMessage[]>
  /**
   * Claims up to `limit` pending messages due at `now` by pushing their `nextAttemptAt` to
   * `leaseUntil` and counting an attempt. MUST never hand the same message to two concurrent callers.
   * Due means `status === 'pending'` and `nextAttemptAt <= now`. A claimed message stays `pending`
   * (its other fields unchanged); it is returned as stored after the claim, in any order.
   */
  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<OutboxMessage[]>
  /**
   * Marks a message sent at `at` and MUST drop its body in the same write, so an activation link or
   * a temporary password does not outlive its delivery: `text` and `html` become `''` and `data`
   * becomes `{}` (no `token`, `url` or `password` left). Its recipient, template, language, subject
   * and bookkeeping (`attempts`, dates) stay. An unknown id is ignored.
   */
  markSent(id: string, at: Date): Promise<void>
  /**
   * Records a failed attempt (`lastError`, `attempts`, `nextAttemptAt`, `status` as given): back to
   * `pending` at `nextAttemptAt`, or `dead`/`blocked`. An unknown id is ignored.
   */
  markFailed(
    id: string,
    update: { error: string; attempts: number; nextAttemptAt: Date; status: 'pending' | 'dead' | 'blocked' },
  ): Promise<void>
}

export interface BlocklistEntry {
  emailKey: string
  kind: 'bounce' | 'complaint'
  createdAt: Date
}

export interface BlocklistRepository {
  isBlocked(emailKey: string): Promise<boolean>
  /**
   * The keys among `emailKeys` that are blocked (a sync batch in one read). MUST return each
   * blocked key once, in any order; keys not on the blocklist are skipped.
   */
  blockedAmong(emailKeys: readonly string[]): Promise<string[]>
  /** Adds or refreshes an entry. */
  add(entry: BlocklistEntry): Promise<void>
  remove(emailKey: string): Promise<boolean>
  /**
   * Entries ordered by emailKey ascending (code-unit order), strictly after `afterKey`, at most
   * `limit`.
   */
  list(query: { afterKey?: string; limit: number }): Promise<BlocklistEntry[]>
}

export interface RateLimitsRepository {
  /**
   * Counts one hit on `key` in the fixed window starting at `windowStart`. MUST return whether this
   * hit is within `max`, atomically (concurrent hits never all pass): of N concurrent hits on a
   * fresh window exactly `max` pass. Each key counts on its own; a later window starts a new count.
   */
  hit(key: string, windowStart: Date, max: number): Promise<boolean>
}

export type InsertPoolOutcome = { status: 'inserted' } | { status: 'exists' }

/** Seat counts of a pool right after a change, read under the same lock as the change. */
export interface SeatCounts {
  seats: number
  assigned: number
}

export type ResizePoolOutcome =
  | ({ status: 'resized'; before: number } & SeatCounts)
  | { status: 'not-found' }
  | ({ status: 'in-use' } & SeatCounts)

export type ClaimSeatOutcome =
  | ({ status: 'claimed' } & SeatCounts)
  | ({ status: 'exhausted' } & SeatCounts)
  | { status: 'already-held' }
  | { status: 'no-pool' }

export type ReleaseSeatOutcome = ({ status: 'released' } & SeatCounts) | { status: 'not-held' }

/**
 * License pools and their seats (L1–L6). One pool per (orgId, product); a seat is held by an
 * employee membership (`{ kind: 'member', accountId }`) or by a phone number of the same org
 * (`{ kind: 'number', number }`). Adapters MUST keep, under any concurrency, `assigned ≤ seats`
 * for every pool and at most one seat per (pool, holder).
 */
export interface LicensesRepository {
  /** The pool with its current `assigned` count, or null. */
  findPool(pool: PoolKey): Promise<LicensePoolUsage | null>
  /** Every pool of the org with its `assigned` count, ordered by product ascending (code-unit order). */
  listPools(orgId: string): Promise<LicensePoolUsage[]>
  /**
   * Creates a pool. MUST return `exists` (storing nothing) when (orgId, product) already has one,
   * also when another transaction creates it concurrently.
   */
  insertPool(pool: LicensePool): Promise<InsertPoolOutcome>
  /**
   * Adds `delta` seats (negative: gives seats back) and sets `updatedAt`. MUST return `in-use`
   * (changing nothing) when the new count would be below the seats held (L5) or below 0, checked
   * atomically with concurrent claims; concurrent resizes MUST NOT lose updates. `before` and the
   * counts are those of this change.
   */
  resizePool(pool: PoolKey, delta: number, at: Date): Promise<ResizePoolOutcome>
  /**
   * Gives one seat of the pool to `holder` (L2). MUST return `claimed` when a seat was free and is
   * now held, `exhausted` (storing nothing) when `assigned` already equals `seats`, `already-held`
   * when the holder has a seat of this pool, `no-pool` when the pool does not exist. Of N
   * concurrent claims on K free seats by distinct holders exactly K MUST be `claimed`. The counts
   * are read under the same lock as the claim. The caller checks that the holder exists.
   */
  claimSeat(pool: PoolKey, holder: SeatHolder, at: Date): Promise<ClaimSeatOutcome>
  /** Frees the holder's seat of the pool (L4). MUST return `not-held` when it held none. */
  releaseSeat(pool: PoolKey, holder: SeatHolder): Promise<ReleaseSeatOutcome>
  /** The seats held in the pool (at most `seats` rows), in any order. */
  listSeats(pool: PoolKey): Promise<Seat[]>
}

/** A keyset page query over one org's phone numbers, ordered by number ascending. */
export interface NumberPageQuery {
  orgId: string
  status?: PhoneNumberStatus
  /** Only the numbers this member holds. */
  accountId?: string
  /** Return numbers strictly greater (code-unit order of the E.164 string). */
  afterNumber?: string
  /** MUST return at most this many rows. */
  limit: number
}

export type AssignNumberOutcome =
  | { status: 'assigned' }
  | { status: 'already-held' }
  | { status: 'unavailable'; accountId: string }
  | { status: 'not-found' }

export type UnassignNumberOutcome =
  | { status: 'unassigned'; accountId: string }
  | { status: 'not-assigned' }
  | { status: 'not-found' }

/**
 * An org's pool of phone numbers (N1–N4). One row per (orgId, number), number in E.164. A number
 * has at most one holder; a number holds seats (kept by `LicensesRepository`) only while assigned.
 */
export interface NumbersRepository {
  find(orgId: string, number: string): Promise<PhoneNumber | null>
  /**
   * Inserts numbers as given. MUST skip (and list in `existing`) every number whose (orgId,
   * number) is already stored — also one inserted earlier in the same call or concurrently by
   * another transaction — and list the others in `inserted`, both in input order.
   */
  insertMany(numbers: readonly PhoneNumber[]): Promise<{ inserted: string[]; existing: string[] }>
  /** A keyset page of the org's numbers, by number ascending (no offset). */
  page(query: NumberPageQuery): Promise<PhoneNumber[]>
  /**
   * Gives an available number to a member, setting `assignedAt` (N3). MUST return `assigned` for
   * exactly one of many concurrent calls on the same available number, `unavailable` (with the
   * holder) when another member holds it, `already-held` when this member does, `not-found` when
   * the org has no such number. The caller checks that the membership exists.
   */
  assign(orgId: string, number: string, accountId: string, at: Date): Promise<AssignNumberOutcome>
  /**
   * Returns an assigned number to the pool (N4) and MUST release every seat it holds, in the same
   * transaction. `unassigned` carries the former holder.
   */
  unassign(orgId: string, number: string): Promise<UnassignNumberOutcome>
  /** Deletes a number and MUST release every seat it holds (L4). Returns the deleted row, or null. */
  remove(orgId: string, number: string): Promise<PhoneNumber | null>
}

export type InsertRoleOutcome = { status: 'inserted' } | { status: 'conflict'; field: 'name' }
export type UpdateRoleOutcome =
  | { status: 'updated'; role: CustomRole }
  | { status: 'not-found' }
  | { status: 'conflict'; field: 'name' }
export type DeleteRoleOutcome =
  | { status: 'deleted' }
  | { status: 'not-found' }
  | { status: 'in-use'; grants: number }
export type RolePatch = Partial<Pick<CustomRole, 'name' | 'nameKey' | 'permissions' | 'updatedAt'>>

/** The org's custom roles (R4). Built-in roles live in code, never here. */
export interface RolesRepository {
  /** The org's custom roles, oldest (lowest id) first. */
  list(orgId: string): Promise<CustomRole[]>
  /**
   * MUST return the org's custom roles among `ids`, in any order; unknown ids and other orgs' roles
   * are skipped. Called inside a transaction it MUST hold the roles it returns against a concurrent
   * `delete` until commit (a key-share lock): granting a role found here and deleting it never both
   * commit (R4).
   */
  findByIds(orgId: string, ids: readonly string[]): Promise<CustomRole[]>
  /**
   * Inserts a custom role. MUST return `conflict` (storing nothing) when another role of the org has
   * the same `nameKey`, also when another transaction inserts it concurrently.
   */
  insert(role: CustomRole): Promise<InsertRoleOutcome>
  /** Patches a role of the org; same uniqueness contract as `insert`. `not-found` for another org's role. */
  update(orgId: string, id: string, patch: RolePatch): Promise<UpdateRoleOutcome>
  /**
   * Deletes a custom role. MUST return `in-use` with the number of grants (deleting nothing) while
   * any grant references it, also when a concurrent transaction adds one: a delete and a grant of
   * the role never both commit (R4).
   */
  delete(orgId: string, id: string): Promise<DeleteRoleOutcome>
}

/** A keyset query over one org's resources, ordered by id ascending. */
export interface ResourceQuery {
  orgId: string
  type?: string
  /** Return resources whose id is strictly greater. */
  afterId?: string
  /** MUST return at most this many. */
  limit: number
}

/** What access can be scoped to: buildings, sites, projects (R1, R2). */
export interface ResourcesRepository {
  /**
   * MUST return the org's resources among `ids`, in any order; unknown ids and other orgs' resources
   * are skipped. Called inside a transaction it MUST hold the resources it returns against a
   * concurrent `delete` until commit (a key-share lock): a grant scoped to a resource found here
   * and the resource's deletion never both commit.
   */
  findByIds(orgId: string, ids: readonly string[]): Promise<Resource[]>
  /** A keyset page of the org's resources (of one type when given), by id ascending. */
  list(query: ResourceQuery): Promise<Resource[]>
  insert(resource: Resource): Promise<void>
  /**
   * Deletes a resource of the org and every grant scoped to it (`scopeKind: 'resource'`), in one
   * step: no grant at it survives, also one added concurrently. Grants at its type stay. MUST return
   * false when the org has no such resource.
   */
  delete(orgId: string, id: string): Promise<boolean>
}

export type InsertDepartmentOutcome = { status: 'inserted' } | { status: 'conflict'; field: 'name' }
export type RenameDepartmentOutcome =
  | { status: 'updated'; department: Department }
  | { status: 'not-found' }
  | { status: 'conflict'; field: 'name' }
export type DeleteDepartmentOutcome =
  | { status: 'deleted'; moved: number }
  | { status: 'not-found' }
  | { status: 'not-empty'; members: number }
  | { status: 'target-not-found' }

/** One org's departments (D1, D2). */
export interface DepartmentsRepository {
  /**
   * The org's department, or null (also for another org's). Called inside a transaction it MUST
   * hold the department it returns against a concurrent `delete` until commit (a key-share lock):
   * a member put in a department found here is moved or counted by its deletion (D2).
   */
  findById(orgId: string, id: string): Promise<Department | null>
  /** The org's departments with how many memberships (any status) are in each, by `nameKey` ascending. */
  list(orgId: string): Promise<Array<{ department: Department; memberCount: number }>>
  /**
   * Inserts a department. MUST return `conflict` (storing nothing) when the org has one with the same
   * `nameKey` (names compare ignoring case), also when another transaction inserts it concurrently (D2).
   */
  insert(department: Department): Promise<InsertDepartmentOutcome>
  /** Renames a department of the org; same uniqueness contract as `insert` (its own name is no conflict). */
  rename(
    orgId: string,
    id: string,
    patch: Pick<Department, 'name' | 'nameKey' | 'updatedAt'>,
  ): Promise<RenameDepartmentOutcome>
  /**
   * Deletes a department of the org (D2). Its members move to `moveMembersTo` (their `updatedAt`
   * set to `now`) when given — `target-not-found` (changing nothing) unless that is another
   * department of the org; without it, `not-empty` (changing nothing) while any membership is in
   * it. MUST be atomic: a membership put in the department concurrently is moved or makes the
   * delete `not-empty`, never left pointing at a deleted department.
   */
  delete(
    orgId: string,
    id: string,
    options: { moveMembersTo?: string; now: Date },
  ): Promise<DeleteDepartmentOutcome>
}

export type InsertJoinRequestOutcome = { status: 'inserted' } | { status: 'exists'; pending: JoinRequest }
export type DecideJoinRequestOutcome =
  | { status: 'decided'; request: JoinRequest }
  | { status: 'not-found' }
  | { status: 'not-pending'; request: JoinRequest }

/** A keyset query over one org's join requests, oldest (lowest id) first. */
export interface JoinRequestQuery {
  orgId: string
  status?: JoinRequestStatus
  /** Return requests whose id is strictly greater. */
  afterId?: string
  /** MUST return at most this many. */
  limit: number
}

/** Accounts asking to join orgs (J1, J2). */
export interface JoinRequestsRepository {
  findById(id: string): Promise<JoinRequest | null>
  /**
   * Inserts a `pending` request. MUST return `exists` with the pending one (storing nothing) when the
   * account already has a pending request to the org, also when another transaction inserts one
   * concurrently (J1). Decided requests do not count.
   */
  insert(request: JoinRequest): Promise<InsertJoinRequestOutcome>
  /**
   * Moves a `pending` request to a final status with who decided, why and when. MUST change it only
   * while it is pending: of concurrent calls exactly one gets `decided`, the others `not-pending`
   * with the request as it now is (J2).
   */
  decide(
    id: string,
    decision: {
      status: Exclude<JoinRequestStatus, 'pending'>
      decidedBy: string | null
      reason: string | null
      decidedAt: Date
    },
  ): Promise<DecideJoinRequestOutcome>
  /** A keyset page of the org's requests (of one status when given), by id ascending. */
  list(query: JoinRequestQuery): Promise<JoinRequest[]>
}

export type InsertConnectionOutcome = { status: 'inserted' } | { status: 'exists'; connection: Connection }
export type UpdateConnectionOutcome =
  | { status: 'updated'; connection: Connection }
  | { status: 'not-found' }
  | { status: 'wrong-status'; connection: Connection }
export type ConnectionPatch = Partial<
  Pick<
    Connection,
    'status' | 'onMissing' | 'intervalMinutes' | 'managedFields' | 'nextRunAt' | 'approvedBy' | 'updatedAt'
  >
>

/** The outcome of claiming a connection for one sync run (S5): a lease, like the outbox's `claimDue`. */
export type ClaimRunOutcome =
  | { status: 'claimed'; connection: Connection }
  | { status: 'busy'; leaseUntil: Date }
  | { status: 'not-due'; nextRunAt: Date | null }
  | { status: 'inactive'; connectionStatus: ConnectionStatus }
  | { status: 'not-found' }

/**
 * Directory connections (S1–S5): an org's links to a source of people it does not own. A connection
 * belongs to its host org (`orgId`); deleting that org deletes its connections and their links.
 */
export interface ConnectionsRepository {
  findById(id: string): Promise<Connection | null>
  /** MUST return the org's connections (as host) among `ids`, in any order; unknown ids and other orgs' are skipped. */
  findByIds(orgId: string, ids: readonly string[]): Promise<Connection[]>
  /** Connections the org hosts or is the guest org of, oldest (lowest id) first. */
  listForOrg(orgId: string): Promise<Connection[]>
  /**
   * Inserts a connection. MUST return `exists` with the stored one (storing nothing) when the host
   * org already has a connection to the same source — the same `sourceKey` (directory) or the same
   * `guestOrgId` (organization), in any status — also when another transaction inserts it concurrently.
   */
  insert(connection: Connection): Promise<InsertConnectionOutcome>
  /**
   * Patches a connection and returns it as stored. With `ifStatus`, MUST change it only while its
   * status is one of those (`wrong-status` with the connection as it is, changing nothing,
   * otherwise): of concurrent calls moving it out of a status exactly one gets `updated`.
   */
  update(
    id: string,
    patch: ConnectionPatch,
    options?: { ifStatus?: readonly ConnectionStatus[] },
  ): Promise<UpdateConnectionOutcome>
  /** Deletes a connection with every one of its links. MUST return false when it did not exist. */
  delete(id: string): Promise<boolean>
  /**
   * Active connections due at `now` — `nextRunAt <= now` and no unexpired lease (`leaseUntil` null
   * or `<= now`) — by id ascending, strictly after `afterId`, at most `limit` (S5).
   */
  listDue(now: Date, query: { afterId?: string; limit: number }): Promise<Connection[]>
  /**
   * Claims the connection for one run (S5). MUST, atomically: when it is `active`, holds no
   * unexpired lease (`leaseUntil` null or `<= now`) and — with `due` — `nextRunAt` is set and
   * `<= now`, increment `run`, set `lastRunAt = now`, `leaseUntil`, `nextRunAt = now +
   * intervalMinutes` (null without an interval) and `updatedAt = now`, returning `claimed` with the
   * connection as stored. Otherwise change nothing and return `not-found`, `inactive`, `busy` (an
   * unexpired lease) or `not-due`, checked in that order. Of concurrent claims on one connection
   * exactly one MUST be `claimed` (two schedulers never run it twice at once).
   */
  claimRun(id: string, options: { now: Date; leaseUntil: Date; due: boolean }): Promise<ClaimRunOutcome>
  /**
   * Extends the lease of run `run` to `leaseUntil`. MUST change nothing and return false unless the
   * connection is `active` and `run` is still its latest run (a run that lost its lease to a newer
   * one, or whose connection is being disconnected, must stop). Inside a transaction it MUST hold
   * the connection against a concurrent `update` until commit (a row lock), so a run's batch and a
   * disconnect never interleave.
   */
  renewLease(id: string, run: number, leaseUntil: Date): Promise<boolean>
  /**
   * Ends run `run`: clears `leaseUntil`, sets `lastCompletedAt = now` when `complete`, and
   * `updatedAt`. MUST change nothing and return false unless `run` is still the latest run.
   */
  finishRun(id: string, run: number, options: { now: Date; complete: boolean }): Promise<boolean>
}

/** Which connection's links a call is about: the host org (the tenant key) and the connection. */
export interface LinkScope {
  orgId: string
  connectionId: string
}

export type InsertLinkOutcome =
  | { status: 'inserted' }
  | { status: 'conflict'; field: 'externalId' | 'accountId' }
export type LinkPatch = Partial<
  Pick<ConnectionLink, 'lastSeenRun' | 'record' | 'managedFields' | 'missingSince' | 'updatedAt'>
>

/**
 * The people of a connection (S2, S4): one row per (connection, externalId), each pointing at one
 * account, unique per (connection, accountId). Every method is bounded by its arguments so a run over
 * 100,000 people never holds them all: batches by external ids, keyset pages by `externalId`
 * ascending (code-unit order).
 *
 * A link stands for the synced membership (orgId, accountId): deleting that membership
 * (`memberships.delete`, and so org deletion) MUST delete its links in the same transaction, so the
 * next run finds the person unlinked and adds them again (the source wins) without reading every
 * membership of an unchanged batch.
 */
export interface ConnectionLinksRepository {
  /** The connection's links among `externalIds`, each once, in any order; unknown ids are skipped. */
  find(scope: LinkScope, externalIds: readonly string[]): Promise<ConnectionLink[]>
  /**
   * Inserts a link. MUST return `conflict` (storing nothing) when the connection already has a link
   * with that `externalId` or to that `accountId`, also when another transaction inserts it concurrently.
   */
  insert(link: ConnectionLink): Promise<InsertLinkOutcome>
  /**
   * Inserts many links (a sync batch), as `insert` would one after the other. MUST return one
   * outcome per link, in the order given: `conflict` (storing nothing for that link) when its
   * connection already has a link with that `externalId` or to that `accountId` — stored, earlier in
   * the same call, or inserted by another transaction concurrently. An empty list stores nothing.
   */
  insertMany(links: readonly ConnectionLink[]): Promise<InsertLinkOutcome[]>
  /** Patches a link and returns it as stored; null (storing nothing) when there is none. */
  update(scope: LinkScope, externalId: string, patch: LinkPatch): Promise<ConnectionLink | null>
  /**
   * Sets `lastSeenRun = run` on the connection's links among `externalIds` (one statement: the
   * unchanged people of a batch); returns how many it changed. Unknown ids are skipped.
   */
  markSeen(scope: LinkScope, externalIds: readonly string[], run: number): Promise<number>
  /**
   * Links the run did not see — `lastSeenRun < run` and `missingSince` null — by `externalId`
   * ascending, strictly after `afterExternalId`, at most `limit`: the people a complete pass no
   * longer found.
   */
  pageUnseen(
    scope: LinkScope,
    run: number,
    query: { afterExternalId?: string; limit: number },
  ): Promise<ConnectionLink[]>
  /** The connection's links by `externalId` ascending, strictly after `afterExternalId`, at most `limit`. */
  page(scope: LinkScope, query: { afterExternalId?: string; limit: number }): Promise<ConnectionLink[]>
  /** Deletes a link. MUST return false when it did not exist. */
  delete(scope: LinkScope, externalId: string): Promise<boolean>
}

/** The repositories, available both outside (autocommit reads) and inside a transaction. */
export interface StorageRepositories {
  accounts: AccountsRepository
  orgs: OrganizationsRepository
  memberships: MembershipsRepository
  grants: GrantsRepository
  access: AccessRepository
  tokens: TokensRepository
  audit: AuditRepository
  outbox: OutboxRepository
  blocklist: BlocklistRepository
  rateLimits: RateLimitsRepository
  licenses: LicensesRepository
  numbers: NumbersRepository
  roles: RolesRepository
  resources: ResourcesRepository
  departments: DepartmentsRepository
  joinRequests: JoinRequestsRepository
  connections: ConnectionsRepository
  connectionLinks: ConnectionLinksRepository
}

/** The repositories as seen inside a transaction. */
export type StorageTx = StorageRepositories

/**
 * The storage port. Adapters: `memoryStorage()` (`@roster/adapter-memory`) and
 * `postgresStorage(db)` (`@roster/adapter-postgres`).
 */
export interface Storage extends StorageRepositories {
  /**
   * Runs `fn` in one transaction. MUST commit when `fn` resolves and undo every write when it
   * rejects (rethrowing its reason, the same value). Concurrent transactions MUST keep every
   * uniqueness and claim contract of the repositories. Reads through `tx` see the transaction's
   * own writes; nothing it writes is visible outside before it commits. A typed outcome inside it
   * (`conflict`, `exists`) MUST leave the transaction usable: its other writes still commit.
   *
   * Inside `fn`, use only `tx`: awaiting the outer storage (this object) from inside deadlocks on
   * single-connection adapters such as PGlite, whose one connection the transaction holds, and
   * elsewhere it reads outside the transaction.
   */
  transaction<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T>
}
