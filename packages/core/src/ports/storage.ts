import type { AccountsRepository } from './storage/accounts.js'
import type { OrganizationsRepository } from './storage/orgs.js'
import type { MembershipsRepository } from './storage/memberships.js'
import type { GrantsRepository } from './storage/grants.js'
import type { AccessRepository } from './storage/access.js'
import type { TokensRepository } from './storage/tokens.js'
import type { AuditRepository } from './storage/audit.js'
import type { OutboxRepository } from './storage/outbox.js'
import type { BlocklistRepository } from './storage/blocklist.js'
import type { RateLimitsRepository } from './storage/rate-limits.js'
import type { LicensesRepository } from './storage/licenses.js'
import type { NumbersRepository } from './storage/numbers.js'
import type { RolesRepository } from './storage/roles.js'
import type { ResourcesRepository } from './storage/resources.js'
import type { DepartmentsRepository } from './storage/departments.js'
import type { JoinRequestsRepository } from './storage/join-requests.js'
import type { ConnectionLinksRepository, ConnectionsRepository } from './storage/connections.js'
import type { ScimConnectionsRepository, ScimGroupsRepository, ScimUsersRepository } from './storage/scim.js'

/*
 * `@roster/core/storage`: the storage port's types, for adapter authors (the root `@roster/core` still
 * re-exports them, deprecated, for one minor release).
 *
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
 * - every write made through `tx` inside `transaction(fn)` is undone when `fn` rejects;
 * - a failure another transaction caused (see `StorageConflictError`) rejects with an error whose
 *   `retryable` is `true`; the core retries the use-case's whole transaction, then answers `CONFLICT`.
 */

/** Why a storage call failed because of another transaction (see `StorageConflictError`). */
export type StorageConflictReason = 'serialization' | 'deadlock' | 'constraint'

/**
 * The rejection an adapter MUST use (or any error with `retryable: true`) when a statement failed
 * because of a concurrent transaction and running the whole transaction again from the start can
 * succeed: a serialization failure (Postgres `40001`), a deadlock (`40P01`), or a foreign-key or
 * unique violation that only a concurrent write can cause (`23503`, `23505` on a statement that
 * has no typed outcome for it). The transaction is rolled back as for any rejection.
 *
 * Adapters MUST NOT mark real faults retryable (a lost connection, a timeout, a bug): those stay
 * plain rejections, which the core answers with `STORAGE_FAILURE`. The core retries a use-case's
 * transaction on a retryable rejection (`createRoster({ transactionRetry })`, emitting
 * `storage.retried` each time) and answers `CONFLICT` once the attempts are used up; the retry
 * re-reads everything, so a constraint a race broke becomes the use-case's own typed answer
 * (`NOT_FOUND`, `ALREADY_MEMBER`, …).
 *
 * @example
 * import { StorageConflictError } from '@roster/core'
 *
 * try {
 *   return await client.query(text, values)
 * } catch (error) {
 *   if (error.code === '40001') throw new StorageConflictError('serialization', error.message, { cause: error })
 *   throw error
 * }
 */
export class StorageConflictError extends Error {
  /** Always true: retrying the whole transaction may succeed. */
  readonly retryable = true as const

  constructor(
    readonly reason: StorageConflictReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'StorageConflictError'
  }
}

/**
 * True for a storage rejection that retrying the whole transaction may cure: any error with
 * `retryable: true` (a `StorageConflictError`, or an adapter's own error type).
 *
 * @example
 * if (isRetryableStorageError(error)) scheduleRetry()
 */
/** The partition of an org among N schedulers, as every adapter must compute it (issue 16). */
export { partitionOf, SchedulerPartition } from '../domain/partition.js'

export function isRetryableStorageError(error: unknown): error is Error & { retryable: true } {
  return typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === true
}

export type {
  AccountConflictField,
  AccountPatch,
  AccountsRepository,
  InsertAccountOutcome,
  UpdateAccountOutcome,
} from './storage/accounts.js'
export type {
  DeleteEmptyOrgOutcome,
  InsertOrgOutcome,
  OrgPatch,
  OrganizationsRepository,
  UpdateOrgOutcome,
} from './storage/orgs.js'
export type {
  InsertMembershipOutcome,
  MemberPageQuery,
  MemberRow,
  MemberRowGrant,
  MembershipsRepository,
} from './storage/memberships.js'
export type { GrantsRepository } from './storage/grants.js'
export type {
  AccessLoadAlso,
  AccessRepository,
  AccessSnapshot,
  AccessSnapshotAlso,
} from './storage/access.js'
export type { TokensRepository } from './storage/tokens.js'
export type { AuditQuery, AuditRepository } from './storage/audit.js'
export type { OutboxRepository } from './storage/outbox.js'
export type { BlocklistEntry, BlocklistRepository } from './storage/blocklist.js'
export type { RateLimitsRepository } from './storage/rate-limits.js'
export type {
  ClaimSeatOutcome,
  InsertPoolOutcome,
  LicensesRepository,
  ReleaseSeatOutcome,
  ResizePoolOutcome,
  SeatCounts,
} from './storage/licenses.js'
export type {
  AssignNumberOutcome,
  NumberPageQuery,
  NumbersRepository,
  UnassignNumberOutcome,
} from './storage/numbers.js'
export type {
  DeleteRoleOutcome,
  InsertRoleOutcome,
  RolePatch,
  RolesRepository,
  UpdateRoleOutcome,
} from './storage/roles.js'
export type { ResourceQuery, ResourcesRepository } from './storage/resources.js'
export type {
  DeleteDepartmentOutcome,
  DepartmentsRepository,
  InsertDepartmentOutcome,
  RenameDepartmentOutcome,
} from './storage/departments.js'
export type {
  DecideJoinRequestOutcome,
  InsertJoinRequestOutcome,
  JoinRequestQuery,
  JoinRequestsRepository,
} from './storage/join-requests.js'
export type {
  ClaimRunOutcome,
  ConnectionLinksRepository,
  ConnectionPatch,
  ConnectionsRepository,
  InsertConnectionOutcome,
  InsertLinkOutcome,
  LinkPatch,
  LinkScope,
  UpdateConnectionOutcome,
} from './storage/connections.js'
export type {
  InsertScimGroupOutcome,
  InsertScimUserOutcome,
  ScimConnectionsRepository,
  ScimGroupPatch,
  ScimGroupsRepository,
  ScimScope,
  ScimUserPatch,
  ScimUsersRepository,
  UpdateScimGroupOutcome,
  UpdateScimUserOutcome,
} from './storage/scim.js'

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
  /** SCIM connections and their tokens (SC1). */
  scimConnections: ScimConnectionsRepository
  /** Users SCIM connections provisioned (SC3). */
  scimUsers: ScimUsersRepository
  /** Groups SCIM connections pushed, with their members (SC6). */
  scimGroups: ScimGroupsRepository
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
