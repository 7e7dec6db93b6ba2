import * as z from 'zod'
import { policedText } from './text-policy.js'
import { Email, Language, PersonName, Phone } from './schemas.js'

/**
 * Where a connection's people come from (S1): an external directory behind the `DirectorySource`
 * port (`directory`), or another Roster organization whose members become guests (`organization`).
 */
export type ConnectionKind = 'directory' | 'organization'

/**
 * - `pending`: an org connection waiting for the host org's approval;
 * - `active`: synced (by `connections.sync` and `connections.runDue`);
 * - `disconnecting`: being taken apart by `connections.disconnect` (no run may start).
 */
export type ConnectionStatus = 'pending' | 'active' | 'disconnecting'

/** What happens to the membership of a person the source no longer lists (or lists `active: false`). */
export type OnMissing = 'disable' | 'remove'

/** Member fields a source can manage (S3), named as in `MemberView`. */
export const MANAGEABLE_FIELDS = ['email', 'firstName', 'lastName', 'phone', 'language', 'title'] as const
export type ManagedField = (typeof MANAGEABLE_FIELDS)[number]

/** The fields every source manages: a `DirectoryPerson` always has them. */
export const ALWAYS_MANAGED: readonly ManagedField[] = ['email', 'firstName', 'lastName']

/** A directory connection as stored. It belongs to the host org (`orgId`), where its guests live. */
export interface Connection {
  id: string
  /** The host org: where the synced guest memberships are. */
  orgId: string
  kind: ConnectionKind
  /** `directory`: the key the `DirectorySource` is registered under in `createRoster`. */
  sourceKey: string | null
  /** `organization`: the org whose members become guests of the host. */
  guestOrgId: string | null
  status: ConnectionStatus
  onMissing: OnMissing
  /** Minutes between scheduled runs (`runDue`); null: only `connections.sync` runs it. */
  intervalMinutes: number | null
  /** Member fields the source manages (S3); grows as the source provides more. Code-unit order. */
  managedFields: ManagedField[]
  /** Number of the latest run claimed (0 before the first); links record the last run that saw them. */
  run: number
  /** When the latest run was claimed, or null. */
  lastRunAt: Date | null
  /** When a run last finished a complete pass of the source, or null. */
  lastCompletedAt: Date | null
  /** When `runDue` should run it next; null when it has no interval or is not active. */
  nextRunAt: Date | null
  /** While a run holds the connection: until when. A lapsed lease (process died) can be claimed again. */
  leaseUntil: Date | null
  /** Who connected (or requested) it; null for the system. */
  createdBy: string | null
  /** Who approved an org connection; null otherwise or for the system. */
  approvedBy: string | null
  createdAt: Date
  updatedAt: Date
}

/** What a new connection is made of; the rest starts empty (no run yet, nobody linked). */
export type NewConnection = {
  id: string
  /** The host org. */
  orgId: string
  /** Who connected (or requested) it; null for the system. */
  createdBy: string | null
  intervalMinutes: number | null
  now: Date
} & (
  | { kind: 'directory'; sourceKey: string; onMissing: OnMissing }
  | { kind: 'organization'; guestOrgId: string }
)

/**
 * A connection before its first run (S1). A directory is active at once and due now (when it has
 * an interval) and manages the fields every person has; an org connection waits for the host's
 * approval, which makes it due and starts its managed fields.
 */
export function newConnection(input: NewConnection): Connection {
  const { id, orgId, createdBy, intervalMinutes, now } = input
  const directory = input.kind === 'directory'
  return {
    id,
    orgId,
    kind: input.kind,
    sourceKey: directory ? input.sourceKey : null,
    guestOrgId: directory ? null : input.guestOrgId,
    status: directory ? 'active' : 'pending',
    onMissing: directory ? input.onMissing : 'disable',
    intervalMinutes,
    managedFields: directory ? mergeFields([], ALWAYS_MANAGED) : [],
    run: 0,
    lastRunAt: null,
    lastCompletedAt: null,
    nextRunAt: directory && intervalMinutes !== null ? now : null,
    leaseUntil: null,
    createdBy,
    approvedBy: null,
    createdAt: now,
    updatedAt: now,
  }
}

/** A person's record as last applied by sync: the baseline the next run compares against. */
export interface LinkedRecord {
  email: string
  firstName: string
  lastName: string
  phone: string | null
  language: string | null
  title: string | null
  active: boolean
}

/** One person of a connection: external id → account, with the bookkeeping of runs. */
export interface ConnectionLink {
  /** The host org (tenant key). */
  orgId: string
  connectionId: string
  externalId: string
  accountId: string
  /** Number of the last run that saw the person in the source. */
  lastSeenRun: number
  record: LinkedRecord
  /** Member fields this person's record provides. */
  managedFields: ManagedField[]
  /**
   * Whether sync created the account. Only then does it keep the account's own fields in step, and
   * only while the account belongs to no other org (A2, A17): an existing person's profile stays theirs.
   */
  ownsAccount: boolean
  /** When sync found the person gone and disabled their membership; null while listed. */
  missingSince: Date | null
  createdAt: Date
  updatedAt: Date
}

/** A connection as `connections.list` and friends show it. Dates are ISO strings. */
export interface ConnectionView {
  id: string
  kind: ConnectionKind
  /** The host org. */
  orgId: string
  sourceKey: string | null
  guestOrgId: string | null
  status: ConnectionStatus
  onMissing: OnMissing
  intervalMinutes: number | null
  managedFields: ManagedField[]
  /** A run holds the connection right now. */
  running: boolean
  lastRunAt: string | null
  lastCompletedAt: string | null
  nextRunAt: string | null
  createdAt: string
}

export function toConnectionView(connection: Connection, now: Date): ConnectionView {
  const iso = (date: Date | null) => (date ? date.toISOString() : null)
  return {
    id: connection.id,
    kind: connection.kind,
    orgId: connection.orgId,
    sourceKey: connection.sourceKey,
    guestOrgId: connection.guestOrgId,
    status: connection.status,
    onMissing: connection.onMissing,
    intervalMinutes: connection.intervalMinutes,
    managedFields: [...connection.managedFields],
    running: connection.leaseUntil !== null && connection.leaseUntil > now,
    lastRunAt: iso(connection.lastRunAt),
    lastCompletedAt: iso(connection.lastCompletedAt),
    nextRunAt: iso(connection.nextRunAt),
    createdAt: connection.createdAt.toISOString(),
  }
}

/** What went wrong with one person of a run; the rest of the run goes on. */
export interface SyncPersonError {
  externalId: string
  code: string
  message: string
}

/**
 * Why a run stopped before the end (`SyncReport.failureReason`). Each leaves what earlier batches
 * committed in place, treats nobody as gone, and releases the run's lease: the next run completes it.
 * - `source-failed`: the `DirectorySource` threw (people read before it were applied);
 * - `lease-lost`: another run took the connection over (this one's lease had lapsed), or another
 *   writer broke the lease by writing the connection's links meanwhile;
 * - `disconnected`: the connection is being disconnected, or is gone;
 * - `conflict`: a concurrent writer changed what a batch had read (an email taken meanwhile), or
 *   storage kept refusing the batch as a concurrent change after its retries (`CONFLICT`);
 * - `storage-failure`: the storage adapter failed during a batch (that batch was rolled back).
 */
export type SyncFailureReason =
  | 'source-failed'
  | 'lease-lost'
  | 'disconnected'
  | 'conflict'
  | 'storage-failure'

/**
 * What one sync run did (API.md `SyncReport`, plus `connectionId`, `complete`, `failure`,
 * `failureReason`, `errorCount`). The counts are those of the batches that committed, also when
 * the run stopped early.
 */
export interface SyncReport {
  connectionId: string
  added: number
  updated: number
  disabled: number
  removed: number
  unchanged: number
  /** Per-person errors, at most the first 1000 (`errorCount` has them all). */
  errors: SyncPersonError[]
  errorCount: number
  /**
   * True when the run read the whole source and then handled the people it no longer lists. False
   * when it stopped early (`failure` says why): what it applied stays, nobody was treated as gone,
   * and the next run completes it.
   */
  complete: boolean
  /** Why the run stopped early, in words (null when complete). */
  failure: string | null
  /** Why the run stopped early, as a code to branch on (null when complete). */
  failureReason: SyncFailureReason | null
}

/** How far a run is, after each batch (`onProgress`, `sync.progress`). */
export interface SyncProgress {
  orgId: string
  connectionId: string
  /** `source`: reading the source; `missing`: handling the people it no longer lists. */
  phase: 'source' | 'missing'
  /** People handled so far in this phase. */
  processed: number
  added: number
  updated: number
  disabled: number
  removed: number
  unchanged: number
  errors: number
}

/** An optional text field of a source: absent, null or blank all mean "not provided". */
const optionalText = <S extends z.ZodType>(schema: S) =>
  z.preprocess(
    (value) => (value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value),
    schema.optional(),
  )

/** Validates one `DirectoryPerson` (X4): each row on its own, so a bad one never aborts the rest. */
export const DirectoryPersonSchema = z.object({
  externalId: policedText('key', { max: 255 }),
  email: Email,
  firstName: PersonName,
  lastName: PersonName,
  phone: optionalText(Phone),
  language: optionalText(Language),
  title: optionalText(policedText('line', { min: 0, max: 200 })),
  active: z.boolean().optional(),
})
export type ParsedDirectoryPerson = z.output<typeof DirectoryPersonSchema>

/** The record sync stores for a parsed person, and the fields the person provides. */
export function linkedRecordOf(person: ParsedDirectoryPerson): {
  record: LinkedRecord
  fields: ManagedField[]
} {
  const record: LinkedRecord = {
    email: person.email,
    firstName: person.firstName,
    lastName: person.lastName,
    phone: person.phone ?? null,
    language: person.language ?? null,
    title: person.title ?? null,
    active: person.active ?? true,
  }
  const fields = MANAGEABLE_FIELDS.filter((field) => record[field] !== null)
  return { record, fields }
}

/** The union of two field lists, in code-unit order. */
export function mergeFields(a: readonly ManagedField[], b: readonly ManagedField[]): ManagedField[] {
  return [...new Set([...a, ...b])].sort()
}
