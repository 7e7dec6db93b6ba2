// The knobs of one sync run and the constants behind them (S4).
import type { SyncProgress } from '../../domain/connection.js'

/** Options of one run. */
export interface SyncOptions {
  /** Called after each batch commits, with the run's totals so far (S4). A throw is ignored. */
  onProgress?: (progress: SyncProgress) => void
  /** People per transaction, 1..5000. Default 500. */
  batchSize?: number
}

/** People per transaction unless a run says otherwise. */
export const DEFAULT_SYNC_BATCH_SIZE = 500
/** The largest batch a run accepts: one transaction must stay short. */
const MAX_SYNC_BATCH_SIZE = 5000
/** How long a claimed run holds its connection; renewed by every batch, so only a dead run lapses. */
export const SYNC_LEASE_MS = 5 * 60_000

/** @internal The batch size a run uses: the option, clamped to 1..5000, or the default. */
export function batchSizeOf(options: SyncOptions): number {
  const asked = Math.trunc(options.batchSize ?? DEFAULT_SYNC_BATCH_SIZE)
  return Math.min(MAX_SYNC_BATCH_SIZE, Math.max(1, asked))
}
