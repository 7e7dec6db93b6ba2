// One sync run (S2, S4), from its claim to its report: the source phase, then — only after a
// complete pass — the missing phase, then the lease released. Memory stays bounded by the batch
// size: nothing holds the whole source, and "who was not seen" is a per-run marker on each link
// (`lastSeenRun`), not a set of ids. The run never rejects: whatever stops it is in the report,
// with the counts of the batches that committed.
import type { RosterContext } from '../../context.js'
import type { AuditActor } from '../../domain/actor.js'
import type { Connection, SyncProgress, SyncReport } from '../../domain/connection.js'
import type { DirectorySource } from '../../ports/directory-source.js'
import type { SyncRun, SyncStop } from './context.js'
import { addCounts, emptyCounts, progressOf, type SyncCounts } from './counts.js'
import { releaseLease } from './lease.js'
import { runMissingPhase } from './missing-phase.js'
import { batchSizeOf, type SyncOptions } from './options.js'
import { runSourcePhase } from './source-phase.js'

/**
 * @internal Runs one claimed run to its end and releases the claim. Resolves with the report in
 * every case: a stop (source failure, lost lease, disconnect, conflict, storage failure) gives
 * `complete: false` with `failure` and `failureReason`, and what committed before it stays.
 */
export async function runSync(
  ctx: RosterContext,
  actor: AuditActor,
  claimed: Connection,
  source: DirectorySource,
  options: SyncOptions = {},
): Promise<SyncReport> {
  const run: SyncRun = {
    ctx,
    actor,
    claimed,
    run: claimed.run,
    scope: { orgId: claimed.orgId, connectionId: claimed.id },
    batchSize: batchSizeOf(options),
  }
  const totals = emptyCounts()
  const progress = progressReporter(run, options, totals)

  let stop: SyncStop | null = null
  let complete = false
  try {
    stop = await runSourcePhase(run, source, progress('source'))
    if (stop === null) stop = await runMissingPhase(run, progress('missing'))
    complete = stop === null
  } finally {
    // Also when a phase threw (a bug, never an expected failure): the next run must not wait.
    await releaseLease(ctx, claimed, complete)
  }
  const report = reportOf(claimed, totals, stop)
  announce(ctx, claimed, report)
  return report
}

/**
 * After each committed batch: add it to the totals, then tell the host — `onProgress` and the
 * `sync.progress` event — with the totals so far. A phase's `processed` counts its people so far.
 */
function progressReporter(run: SyncRun, options: SyncOptions, totals: SyncCounts) {
  return (phase: SyncProgress['phase']) => {
    let processed = 0
    return (counts: SyncCounts, people: number) => {
      addCounts(totals, counts)
      // The missing phase ends with an empty page: nothing to tell.
      if (people === 0) return
      processed += people
      const progress = progressOf(run.claimed, phase, processed, totals)
      bestEffort(() => options.onProgress?.(progress))
      bestEffort(() => run.ctx.emitter.emit('sync.progress', progress))
    }
  }
}

function reportOf(claimed: Connection, totals: SyncCounts, stop: SyncStop | null): SyncReport {
  return {
    connectionId: claimed.id,
    added: totals.added,
    updated: totals.updated,
    disabled: totals.disabled,
    removed: totals.removed,
    unchanged: totals.unchanged,
    errors: totals.errors,
    errorCount: totals.errorCount,
    complete: stop === null,
    failure: stop?.message ?? null,
    failureReason: stop?.reason ?? null,
  }
}

function announce(ctx: RosterContext, claimed: Connection, report: SyncReport): void {
  const ids = { orgId: claimed.orgId, connectionId: claimed.id }
  bestEffort(() =>
    report.complete
      ? ctx.emitter.emit('sync.completed', {
          ...ids,
          added: report.added,
          updated: report.updated,
          disabled: report.disabled,
          removed: report.removed,
          unchanged: report.unchanged,
          errors: report.errorCount,
        })
      : ctx.emitter.emit('sync.interrupted', {
          ...ids,
          reason: report.failure ?? 'interrupted',
          failureReason: report.failureReason ?? 'storage-failure',
        }),
  )
}

/** A host's callback or event handler that throws must not break the run nor change its report. */
function bestEffort(call: () => void): void {
  try {
    call()
  } catch {
    // Deliberately ignored: see above.
  }
}
