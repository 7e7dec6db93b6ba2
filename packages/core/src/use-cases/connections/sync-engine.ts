// One sync run (S2, S4): stream the source in batches, one transaction per batch, then — only after
// a complete pass — handle the people it no longer lists, again in batches. Memory stays bounded by
// the batch size: nothing holds the whole source, and "who was not seen" is a per-run marker on each
// link (`lastSeenRun`), not a set of ids.
import { err, ok, type Result } from 'neverthrow'
import type { RosterContext } from '../../context.js'
import type { AuditActor } from '../../domain/actor.js'
import {
  type Connection,
  DirectoryPersonSchema,
  mergeFields,
  type ParsedDirectoryPerson,
  type SyncPersonError,
  type SyncProgress,
  type SyncReport,
} from '../../domain/connection.js'
import { type RosterError, rosterError } from '../../errors.js'
import { inTransaction } from '../../internal/transaction.js'
import type { DirectoryPerson, DirectorySource } from '../../ports/directory-source.js'
import type { LinkScope, StorageRepositories } from '../../ports/storage.js'
import type { DirectorySources } from './shared.js'
import { addNewPeople } from './sync-bulk.js'
import { type BatchContext, syncMissing, syncPerson } from './sync-person.js'

/** Options of one run. */
export interface SyncOptions {
  /** Called after each batch commits, with the run's totals so far (S4). A throw is ignored. */
  onProgress?: (progress: SyncProgress) => void
  /** People per transaction, 1..5000. Default 500. */
  batchSize?: number
}

/** People per transaction unless a run says otherwise. */
export const DEFAULT_SYNC_BATCH_SIZE = 500
/** How long a claimed run holds its connection; renewed by every batch, so only a dead run lapses. */
export const SYNC_LEASE_MS = 5 * 60_000
/** The report keeps the first this-many per-person errors (`errorCount` counts them all). */
export const MAX_REPORTED_ERRORS = 1000
/** Members of a guest org read per page by the internal source of an org connection. */
const ORG_SOURCE_PAGE = 500

type Counts = Pick<SyncReport, 'added' | 'updated' | 'disabled' | 'removed' | 'unchanged'> & {
  errors: SyncPersonError[]
  errorCount: number
}

function emptyCounts(): Counts {
  return { added: 0, updated: 0, disabled: 0, removed: 0, unchanged: 0, errors: [], errorCount: 0 }
}

function addCounts(into: Counts, from: Counts): void {
  into.added += from.added
  into.updated += from.updated
  into.disabled += from.disabled
  into.removed += from.removed
  into.unchanged += from.unchanged
  into.errorCount += from.errorCount
  for (const error of from.errors) if (into.errors.length < MAX_REPORTED_ERRORS) into.errors.push(error)
}

function recordError(counts: Counts, error: SyncPersonError): void {
  counts.errorCount++
  if (counts.errors.length < MAX_REPORTED_ERRORS) counts.errors.push(error)
}

/**
 * @internal The people of a connection's source: the registered `DirectorySource`, or for an org
 * connection the guest org's own (local) members, read page by page. `null` when the deployment no
 * longer registers the connection's source key.
 */
export function sourceOf(
  ctx: RosterContext,
  sources: DirectorySources,
  connection: Connection,
): DirectorySource | null {
  if (connection.kind === 'organization') {
    const guestOrgId = connection.guestOrgId!
    return { list: () => orgMembers(ctx.storage, guestOrgId) }
  }
  const key = connection.sourceKey!
  return Object.hasOwn(sources, key) ? (sources[key] ?? null) : null
}

/**
 * An org connection's source (S1): the guest org's members — current and future, as each run reads
 * them — keyed by account id. Members the guest org itself got from a connection are left out, so
 * connections never chain. Only active members (of active accounts) are listed as active.
 */
async function* orgMembers(
  storage: StorageRepositories,
  guestOrgId: string,
): AsyncGenerator<DirectoryPerson> {
  let afterId: string | undefined
  for (;;) {
    const rows = await storage.memberships.page({
      orgId: guestOrgId,
      limit: ORG_SOURCE_PAGE,
      ...(afterId !== undefined ? { afterId } : {}),
    })
    for (const { membership, account } of rows) {
      if (membership.source !== 'local') continue
      yield {
        externalId: account.id,
        email: account.email,
        firstName: account.firstName,
        lastName: account.lastName,
        phone: account.phone,
        language: account.language,
        title: membership.title,
        active: membership.status === 'active' && account.status === 'active',
      }
    }
    const last = rows.at(-1)
    if (rows.length < ORG_SOURCE_PAGE || !last) return
    afterId = last.membership.id
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause)
}

/** Why the run must stop: it lost its lease or its connection (disconnected, deleted). */
function lostConnection(connection: Connection): RosterError<'INVALID_STATE'> {
  return rosterError('INVALID_STATE', {
    message: 'The run lost its hold on the connection (disconnected, or a newer run took over).',
    details: { connectionId: connection.id },
  })
}

/**
 * @internal Runs one claimed run to its end and releases the claim. A source failure or a lost
 * lease stops the run early with what it applied committed (`complete: false`); a storage failure
 * rejects (after trying to release the claim; otherwise the lease lapses on its own).
 */
export async function runSync(
  ctx: RosterContext,
  actor: AuditActor,
  claimed: Connection,
  source: DirectorySource,
  options: SyncOptions = {},
): Promise<SyncReport> {
  const batchSize = Math.min(5000, Math.max(1, Math.trunc(options.batchSize ?? DEFAULT_SYNC_BATCH_SIZE)))
  const run = claimed.run
  const totals = emptyCounts()
  let failure: string | null = null
  let complete = false

  const progress = (phase: SyncProgress['phase'], processed: number): SyncProgress => ({
    orgId: claimed.orgId,
    connectionId: claimed.id,
    phase,
    processed,
    added: totals.added,
    updated: totals.updated,
    disabled: totals.disabled,
    removed: totals.removed,
    unchanged: totals.unchanged,
    errors: totals.errorCount,
  })
  const report = (phase: SyncProgress['phase'], processed: number) => {
    try {
      options.onProgress?.(progress(phase, processed))
    } catch {
      // A host's progress callback must not break the run.
    }
  }

  try {
    // Phase 1: the source, batch by batch.
    let processed = 0
    let batch: unknown[] = []
    let sourceDone = false
    let sourceFailed = false
    let iterator: AsyncIterator<DirectoryPerson> | null = null
    /** Applies the batch read so far; the reason to stop, or null. */
    const flush = async (): Promise<string | null> => {
      const people = batch
      batch = []
      const applied = await applyBatch(ctx, actor, claimed, run, people, totals, processed + people.length)
      if (applied.isErr()) return applied.error.message
      addCounts(totals, applied.value)
      processed += people.length
      report('source', processed)
      return null
    }
    try {
      try {
        iterator = source.list()[Symbol.asyncIterator]()
      } catch (cause) {
        failure = `The directory source failed: ${describe(cause)}`
        sourceFailed = true
      }
      while (iterator) {
        let next: IteratorResult<DirectoryPerson>
        try {
          next = await iterator.next()
        } catch (cause) {
          failure = `The directory source failed: ${describe(cause)}`
          sourceFailed = true
          break
        }
        if (next.done) {
          sourceDone = true
          break
        }
        batch.push(next.value)
        if (batch.length >= batchSize) {
          failure = await flush()
          if (failure !== null) break
        }
      }
      // People read before a source failure are applied too; after a lost lease, nothing more is.
      if (batch.length > 0 && (sourceDone || sourceFailed)) {
        const stopped = await flush()
        if (stopped !== null) failure = stopped
      }
    } finally {
      if (iterator && !sourceDone && !sourceFailed)
        await Promise.resolve(iterator.return?.()).catch(() => undefined)
    }

    // Phase 2: after a complete pass only, the people the source no longer lists.
    if (sourceDone && failure === null) {
      let handled = 0
      let afterExternalId: string | undefined
      for (;;) {
        const page = await applyMissingBatch(
          ctx,
          actor,
          claimed,
          run,
          batchSize,
          totals,
          handled,
          afterExternalId,
        )
        if (page.isErr()) {
          failure = page.error.message
          break
        }
        addCounts(totals, page.value.counts)
        handled += page.value.handled
        if (page.value.handled > 0) report('missing', handled)
        if (page.value.last === null) break
        afterExternalId = page.value.last
      }
      complete = failure === null
    }
  } finally {
    // Best effort: if this fails too, the lease lapses on its own and the next run takes over.
    await ctx.storage.connections
      .finishRun(claimed.id, run, { now: ctx.clock.now(), complete })
      .catch(() => undefined)
  }

  const result: SyncReport = {
    connectionId: claimed.id,
    added: totals.added,
    updated: totals.updated,
    disabled: totals.disabled,
    removed: totals.removed,
    unchanged: totals.unchanged,
    errors: totals.errors,
    errorCount: totals.errorCount,
    complete,
    failure,
  }
  safeEmit(() =>
    complete
      ? ctx.emitter.emit('sync.completed', {
          orgId: claimed.orgId,
          connectionId: claimed.id,
          added: result.added,
          updated: result.updated,
          disabled: result.disabled,
          removed: result.removed,
          unchanged: result.unchanged,
          errors: result.errorCount,
        })
      : ctx.emitter.emit('sync.interrupted', {
          orgId: claimed.orgId,
          connectionId: claimed.id,
          reason: failure ?? 'interrupted',
        }),
  )
  return result
}

function safeEmit(emit: () => void): void {
  try {
    emit()
  } catch {
    // A host handler that throws must not turn a finished run into a failure.
  }
}

/** A batch's identity outside its transaction: parse every row (X4), each on its own. */
function parseBatch(people: readonly unknown[]): {
  valid: ParsedDirectoryPerson[]
  invalid: Array<{ externalId: string; message: string; identified: boolean }>
} {
  const valid: ParsedDirectoryPerson[] = []
  const invalid: Array<{ externalId: string; message: string; identified: boolean }> = []
  for (const raw of people) {
    const parsed = DirectoryPersonSchema.safeParse(raw)
    if (parsed.success) {
      valid.push(parsed.data)
      continue
    }
    const rawId =
      typeof raw === 'object' && raw !== null ? (raw as { externalId?: unknown }).externalId : undefined
    const externalId = typeof rawId === 'string' ? rawId.trim() : ''
    const message = parsed.error.issues
      .map((issue) => `${issue.path.map(String).join('.') || '(person)'}: ${issue.message}`)
      .join('; ')
    invalid.push({
      externalId,
      message,
      identified: externalId.length > 0 && externalId.length <= 255,
    })
  }
  return { valid, invalid }
}

/** One batch of the source in one transaction: every person reconciled, links marked seen. */
async function applyBatch(
  ctx: RosterContext,
  actor: AuditActor,
  claimed: Connection,
  run: number,
  people: readonly unknown[],
  totals: Counts,
  processedAfter: number,
): Promise<Result<Counts, RosterError<'INVALID_STATE'>>> {
  const { valid, invalid } = parseBatch(people)
  const scope: LinkScope = { orgId: claimed.orgId, connectionId: claimed.id }
  return inTransaction<Counts, RosterError<'INVALID_STATE'>>(ctx, actor, async (w) => {
    // First, so a disconnect (or a newer run) waits for this batch or stops it (the row lock).
    if (!(await w.tx.connections.renewLease(claimed.id, run, new Date(w.now.getTime() + SYNC_LEASE_MS))))
      return err(lostConnection(claimed))
    const connection = await w.tx.connections.findById(claimed.id)
    const org = await w.tx.orgs.findById(claimed.orgId)
    if (!connection || !org) return err(lostConnection(claimed))

    const counts = emptyCounts()
    // Rows that failed validation keep their membership as it is: they are still listed.
    const seen: string[] = invalid.flatMap((row) => (row.identified ? [row.externalId] : []))
    for (const row of invalid)
      recordError(counts, { externalId: row.externalId, code: 'VALIDATION', message: row.message })

    const links = new Map(
      (
        await w.tx.connectionLinks.find(
          scope,
          valid.map((person) => person.externalId),
        )
      ).map((link) => [link.externalId, link]),
    )
    const b: BatchContext = { ctx, w, connection, org, run, scope }
    // The batch's new people in a few statements for all of them; the rest one by one below.
    const bulk = await addNewPeople(b, valid, links)
    const inBatch = new Set<string>()
    let fields = connection.managedFields
    for (const person of valid) {
      if (inBatch.has(person.externalId)) {
        recordError(counts, {
          externalId: person.externalId,
          code: 'VALIDATION',
          message: 'This externalId is listed more than once by the source.',
        })
        continue
      }
      inBatch.add(person.externalId)
      const added = bulk.get(person.externalId)
      const outcome = added ? await added() : await syncPerson(b, person, links.get(person.externalId))
      if (outcome.kind === 'error') {
        recordError(counts, { externalId: person.externalId, code: outcome.code, message: outcome.message })
      } else {
        counts[outcome.kind]++
        // S3: what the source provides is what it manages, from now on.
        fields = mergeFields(fields, providedFields(person))
      }
      if ((outcome.kind === 'unchanged' || outcome.kind === 'error') && outcome.seen)
        seen.push(person.externalId)
    }
    if (seen.length > 0) await w.tx.connectionLinks.markSeen(scope, seen, run)
    if (fields.length !== connection.managedFields.length) {
      await w.tx.connections.update(connection.id, { managedFields: fields, updatedAt: w.now })
    }
    w.emit('sync.progress', {
      orgId: claimed.orgId,
      connectionId: claimed.id,
      phase: 'source',
      processed: processedAfter,
      added: totals.added + counts.added,
      updated: totals.updated + counts.updated,
      disabled: totals.disabled + counts.disabled,
      removed: totals.removed + counts.removed,
      unchanged: totals.unchanged + counts.unchanged,
      errors: totals.errorCount + counts.errorCount,
    })
    return ok(counts)
  })
}

function providedFields(person: ParsedDirectoryPerson) {
  return (['email', 'firstName', 'lastName', 'phone', 'language', 'title'] as const).filter(
    (field) => person[field] !== undefined,
  )
}

/**
 * One page of the people the complete pass did not see, in one transaction. `last` is the page's
 * last external id (the keyset position), or null when the page was the last one.
 */
async function applyMissingBatch(
  ctx: RosterContext,
  actor: AuditActor,
  claimed: Connection,
  run: number,
  batchSize: number,
  totals: Counts,
  handledBefore: number,
  afterExternalId: string | undefined,
): Promise<Result<{ counts: Counts; handled: number; last: string | null }, RosterError<'INVALID_STATE'>>> {
  const scope: LinkScope = { orgId: claimed.orgId, connectionId: claimed.id }
  return inTransaction(ctx, actor, async (w) => {
    if (!(await w.tx.connections.renewLease(claimed.id, run, new Date(w.now.getTime() + SYNC_LEASE_MS))))
      return err(lostConnection(claimed))
    const connection = await w.tx.connections.findById(claimed.id)
    const org = await w.tx.orgs.findById(claimed.orgId)
    if (!connection || !org) return err(lostConnection(claimed))
    const links = await w.tx.connectionLinks.pageUnseen(scope, run, {
      limit: batchSize,
      ...(afterExternalId !== undefined ? { afterExternalId } : {}),
    })
    const counts = emptyCounts()
    const b: BatchContext = { ctx, w, connection, org, run, scope }
    for (const link of links) {
      const outcome = await syncMissing(b, link)
      if (outcome !== 'none') counts[outcome]++
    }
    if (links.length > 0) {
      w.emit('sync.progress', {
        orgId: claimed.orgId,
        connectionId: claimed.id,
        phase: 'missing',
        processed: handledBefore + links.length,
        added: totals.added,
        updated: totals.updated,
        disabled: totals.disabled + counts.disabled,
        removed: totals.removed + counts.removed,
        unchanged: totals.unchanged,
        errors: totals.errorCount,
      })
    }
    const last = links.at(-1)
    return ok({
      counts,
      handled: links.length,
      last: links.length < batchSize || !last ? null : last.externalId,
    })
  })
}
