// What a run has done so far, kept as plain numbers so memory stays bounded whatever the source's
// size: only the first MAX_REPORTED_ERRORS per-person errors are kept, `errorCount` counts them all.
import type { Connection, SyncPersonError, SyncProgress, SyncReport } from '../../domain/connection.js'

/** The report keeps the first this-many per-person errors (`errorCount` counts them all). */
export const MAX_REPORTED_ERRORS = 1000

/** @internal The counters of a batch, and of the run as the sum of its committed batches. */
export type SyncCounts = Pick<SyncReport, 'added' | 'updated' | 'disabled' | 'removed' | 'unchanged'> & {
  errors: SyncPersonError[]
  errorCount: number
}

/** What a person's reconciliation counts as, when it did not fail. */
export type CountedOutcome = 'added' | 'updated' | 'disabled' | 'removed' | 'unchanged'

export function emptyCounts(): SyncCounts {
  return { added: 0, updated: 0, disabled: 0, removed: 0, unchanged: 0, errors: [], errorCount: 0 }
}

/** Adds a committed batch to the run's totals. */
export function addCounts(into: SyncCounts, from: SyncCounts): void {
  into.added += from.added
  into.updated += from.updated
  into.disabled += from.disabled
  into.removed += from.removed
  into.unchanged += from.unchanged
  into.errorCount += from.errorCount
  for (const error of from.errors) if (into.errors.length < MAX_REPORTED_ERRORS) into.errors.push(error)
}

export function recordError(counts: SyncCounts, error: SyncPersonError): void {
  counts.errorCount++
  if (counts.errors.length < MAX_REPORTED_ERRORS) counts.errors.push(error)
}

/** The progress of a run (`onProgress`, `sync.progress`) from its totals. */
export function progressOf(
  connection: Pick<Connection, 'id' | 'orgId'>,
  phase: SyncProgress['phase'],
  processed: number,
  totals: SyncCounts,
): SyncProgress {
  return {
    orgId: connection.orgId,
    connectionId: connection.id,
    phase,
    processed,
    added: totals.added,
    updated: totals.updated,
    disabled: totals.disabled,
    removed: totals.removed,
    unchanged: totals.unchanged,
    errors: totals.errorCount,
  }
}
