import type { Connection, ConnectionLink, ConnectionStatus } from '../../domain/connection.js'
import type { SchedulerPartition } from '../../domain/partition.js'

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
  /**
   * The host org of a connection, by its id alone; null when there is none. The one lookup of a
   * connection that spans orgs: for callers that name a connection without its org (the
   * use-cases' optional `orgId`).
   */
  orgOf(id: string): Promise<string | null>
  /**
   * The connection the org hosts with that id; null when there is none. Every by-id call takes the
   * host org (the tenant key a database distributed by org_id routes on): another org's connection
   * of that id is `not-found` / null / false, as if it did not exist.
   */
  findById(orgId: string, id: string): Promise<Connection | null>
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
    orgId: string,
    id: string,
    patch: ConnectionPatch,
    options?: { ifStatus?: readonly ConnectionStatus[] },
  ): Promise<UpdateConnectionOutcome>
  /** Deletes a connection with every one of its links. MUST return false when it did not exist. */
  delete(orgId: string, id: string): Promise<boolean>
  /**
   * Active connections due at `now` — `nextRunAt <= now` and no unexpired lease (`leaseUntil` null
   * or `<= now`) — by id ascending, strictly after `afterId`, at most `limit` (S5).
   */
  listDue(
    now: Date,
    query: {
      afterId?: string
      limit: number
      /** Only the connections of orgs in this partition (`partitionOf(orgId, count) === index`). */
      partition?: SchedulerPartition
    },
  ): Promise<Connection[]>
  /**
   * Claims the connection for one run (S5). MUST, atomically: when it is `active`, holds no
   * unexpired lease (`leaseUntil` null or `<= now`) and — with `due` — `nextRunAt` is set and
   * `<= now`, increment `run`, set `lastRunAt = now`, `leaseUntil`, `nextRunAt = now +
   * intervalMinutes` (null without an interval) and `updatedAt = now`, returning `claimed` with the
   * connection as stored. Otherwise change nothing and return `not-found`, `inactive`, `busy` (an
   * unexpired lease) or `not-due`, checked in that order. Of concurrent claims on one connection
   * exactly one MUST be `claimed` (two schedulers never run it twice at once).
   */
  claimRun(
    orgId: string,
    id: string,
    options: { now: Date; leaseUntil: Date; due: boolean },
  ): Promise<ClaimRunOutcome>
  /**
   * Extends the lease of run `run` to `leaseUntil`. MUST change nothing and return false unless the
   * connection is `active` and `run` is still its latest run (a run that lost its lease to a newer
   * one, or whose connection is being disconnected, must stop). Inside a transaction it MUST hold
   * the connection against a concurrent `update` until commit (a row lock), so a run's batch and a
   * disconnect never interleave.
   */
  renewLease(orgId: string, id: string, run: number, leaseUntil: Date): Promise<boolean>
  /**
   * Ends run `run`: clears `leaseUntil`, sets `lastCompletedAt = now` when `complete`, and
   * `updatedAt`. MUST change nothing and return false unless `run` is still the latest run.
   */
  finishRun(
    orgId: string,
    id: string,
    run: number,
    options: { now: Date; complete: boolean },
  ): Promise<boolean>
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
