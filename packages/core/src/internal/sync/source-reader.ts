// Reads a `DirectorySource` a batch at a time (S4): never more than one batch of people in memory.
// The source is the host's code, so anything it does — throw at `list()`, reject at `next()`,
// throw synchronously from `return()` — is caught here and becomes the end of the read.
import type { DirectoryPerson, DirectorySource } from '../../ports/directory-source.js'
import { describe } from './context.js'

/** @internal How a read ended: the source has no more people, or it failed (`message` says how). */
export type SourceEnd = { kind: 'done' } | { kind: 'failed'; message: string }

/** @internal Up to one batch of people (raw: each is validated on its own later), and the end if reached. */
export interface SourceBatch {
  people: unknown[]
  end: SourceEnd | null
}

/** @internal */
export interface BatchReader {
  /** The next batch. After a batch with an `end`, there is nothing more to read. */
  next(): Promise<SourceBatch>
  /** Lets the source clean up when the run stops before its end (its `return()`); never throws. */
  close(): Promise<void>
}

/** @internal Opens the source for one run. */
export function openBatchReader(source: DirectorySource, batchSize: number): BatchReader {
  let iterator: AsyncIterator<DirectoryPerson> | null = null
  let ended: SourceEnd | null = null
  try {
    iterator = source.list()[Symbol.asyncIterator]()
  } catch (cause) {
    ended = sourceFailed(cause)
  }

  return {
    async next() {
      const people: unknown[] = []
      while (!ended && iterator && people.length < batchSize) {
        try {
          const next = await iterator.next()
          if (next.done) ended = { kind: 'done' }
          else people.push(next.value)
        } catch (cause) {
          ended = sourceFailed(cause)
        }
      }
      return { people, end: ended }
    },
    async close() {
      if (ended || !iterator) return
      ended = { kind: 'done' }
      try {
        await iterator.return?.()
      } catch {
        // The run is over either way; a source that fails to clean up must not change its report.
      }
    },
  }
}

function sourceFailed(cause: unknown): SourceEnd {
  return { kind: 'failed', message: `The directory source failed: ${describe(cause)}` }
}
