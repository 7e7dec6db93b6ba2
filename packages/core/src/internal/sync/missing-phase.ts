// Phase 2 of a run (S2), only after a complete pass of the source: the people it no longer lists,
// a keyset page of unseen links per transaction.
import { ok, type Result } from 'neverthrow'
import { inSyncBatch } from './batch.js'
import type { SyncRun, SyncStop } from './context.js'
import { emptyCounts, type SyncCounts } from './counts.js'
import { syncMissing } from './person-missing.js'

/** One page handled: its counts, its size, and where the next page starts (null: it was the last). */
interface MissingPage {
  counts: SyncCounts
  handled: number
  next: string | null
}

/**
 * @internal Disables (or removes, by policy) everyone the run did not see; `onPage` gets each
 * committed page's counts and size. Null when done, otherwise why it stopped.
 */
export async function runMissingPhase(
  run: SyncRun,
  onPage: (counts: SyncCounts, handled: number) => void,
): Promise<SyncStop | null> {
  let after: string | undefined
  for (;;) {
    const page = await applyMissingPage(run, after)
    if (page.isErr()) return page.error
    onPage(page.value.counts, page.value.handled)
    if (page.value.next === null) return null
    after = page.value.next
  }
}

function applyMissingPage(
  run: SyncRun,
  afterExternalId: string | undefined,
): Promise<Result<MissingPage, SyncStop>> {
  return inSyncBatch(run, async (b) => {
    const links = await b.w.tx.connectionLinks.pageUnseen(b.scope, b.run, {
      limit: run.batchSize,
      ...(afterExternalId !== undefined ? { afterExternalId } : {}),
    })
    const counts = emptyCounts()
    for (const link of links) {
      const outcome = await syncMissing(b, link)
      if (outcome !== 'none') counts[outcome]++
    }
    const last = links.at(-1)
    const next = links.length < run.batchSize || !last ? null : last.externalId
    return ok({ counts, handled: links.length, next })
  })
}
