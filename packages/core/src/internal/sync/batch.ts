// The one wrapper every batch of a run goes through, in both phases. It owns the lease: a batch
// first renews it (which also row-locks the connection, so a disconnect waits for the batch or
// stops it), then reloads the connection and its org as they are now, and only then does its work.
// Whatever stops the batch — a lost lease, a person's `stop`, an adapter failure — comes back as a
// typed `SyncStop` with the batch rolled back; earlier batches stay committed.
import { err, type Result } from 'neverthrow'
import { isRetryableStorageError, type StorageTx } from '../../ports/storage.js'
import { inTransaction } from '../transaction.js'
import { type BatchContext, describe, type SyncRun, type SyncStop, syncStop } from './context.js'
import { SYNC_LEASE_MS } from './options.js'

/** @internal Runs one batch of `run` in its own transaction, under the run's lease. */
export async function inSyncBatch<T>(
  run: SyncRun,
  work: (b: BatchContext) => Promise<Result<T, SyncStop>>,
): Promise<Result<T, SyncStop>> {
  const { ctx, actor, claimed } = run
  try {
    return await inTransaction<T, SyncStop>(ctx, actor, async (w) => {
      const leaseUntil = new Date(w.now.getTime() + SYNC_LEASE_MS)
      if (!(await w.tx.connections.renewLease(claimed.orgId, claimed.id, run.run, leaseUntil))) {
        return err(await whyLeaseRefused(w.tx, run))
      }
      const connection = await w.tx.connections.findById(claimed.orgId, claimed.id)
      const org = await w.tx.orgs.findById(claimed.orgId)
      if (!connection || !org) return err(disconnected())
      return work({ ctx, w, connection, org, run: run.run, scope: run.scope })
    })
  } catch (cause) {
    // An adapter failure (the only throw left in a batch): the transaction rolled back, so the
    // report can say exactly what is stored — the batches before this one. A concurrent change
    // that `inTransaction` retried until it gave up is contention, not a fault.
    if (isRetryableStorageError(cause)) {
      return err(syncStop('conflict', `A concurrent change kept refusing a batch: ${describe(cause)}`))
    }
    return err(syncStop('storage-failure', `Storage failed during a batch: ${describe(cause)}`))
  }
}

/** `renewLease` refuses when the connection is no longer active, or a newer run holds it. */
async function whyLeaseRefused(tx: StorageTx, run: SyncRun): Promise<SyncStop> {
  const connection = await tx.connections.findById(run.claimed.orgId, run.claimed.id)
  if (!connection || connection.status !== 'active') return disconnected()
  return syncStop('lease-lost', 'The run lost its lease on the connection: a newer run took over.')
}

function disconnected(): SyncStop {
  return syncStop('disconnected', 'The run lost its hold on the connection (disconnected, or deleted).')
}
