// Phase 1 of a run (S2, S4): the source, batch by batch, each batch in one transaction — every
// person reconciled, the links of unchanged people marked seen, the connection's managed fields
// grown by what the source provides (S3).
import { err, ok, type Result } from 'neverthrow'
import {
  DirectoryPersonSchema,
  type ManagedField,
  mergeFields,
  type ParsedDirectoryPerson,
} from '../../domain/connection.js'
import type { DirectorySource } from '../../ports/directory-source.js'
import { inSyncBatch } from './batch.js'
import type { BatchContext, SyncRun, SyncStop } from './context.js'
import { emptyCounts, recordError, type SyncCounts } from './counts.js'
import { addNewPeople } from './person-add-bulk.js'
import { syncPerson } from './person-update.js'
import { openBatchReader } from './source-reader.js'
import { syncStop } from './context.js'

/** A row that failed validation: reported, and — when it names its person — still counted as listed. */
interface InvalidRow {
  externalId: string
  message: string
  identified: boolean
}

/**
 * @internal Reads the whole source, applying each batch as it arrives; `onBatch` gets each
 * committed batch's counts and how many people it held. Null after a complete pass, otherwise why
 * it stopped: people read before a source failure are applied, after any other stop nothing more is.
 */
export async function runSourcePhase(
  run: SyncRun,
  source: DirectorySource,
  onBatch: (counts: SyncCounts, people: number) => void,
): Promise<SyncStop | null> {
  const reader = openBatchReader(source, run.batchSize)
  try {
    for (;;) {
      const batch = await reader.next()
      if (batch.people.length > 0) {
        const applied = await applySourceBatch(run, batch.people)
        if (applied.isErr()) return applied.error
        onBatch(applied.value, batch.people.length)
      }
      if (batch.end?.kind === 'done') return null
      if (batch.end?.kind === 'failed') return syncStop('source-failed', batch.end.message)
    }
  } finally {
    await reader.close()
  }
}

/** One batch of the source in one transaction. */
function applySourceBatch(run: SyncRun, people: readonly unknown[]): Promise<Result<SyncCounts, SyncStop>> {
  // Parsed outside the transaction: validation needs no storage (X4).
  const { valid, invalid } = parseBatch(people)
  return inSyncBatch(run, async (b) => {
    const counts = emptyCounts()
    // Rows that failed validation keep their membership as it is: they are still listed.
    const seen: string[] = invalid.flatMap((row) => (row.identified ? [row.externalId] : []))
    for (const row of invalid)
      recordError(counts, { externalId: row.externalId, code: 'VALIDATION', message: row.message })

    const found = await b.w.tx.connectionLinks.find(
      b.scope,
      valid.map((person) => person.externalId),
    )
    const links = new Map(found.map((link) => [link.externalId, link]))
    // The batch's new people in a few statements for all of them; the rest one by one below.
    const bulk = await addNewPeople(b, valid, links)
    if (bulk.isErr()) return err(bulk.error)

    const inBatch = new Set<string>()
    let fields = b.connection.managedFields
    for (const person of valid) {
      if (inBatch.has(person.externalId)) {
        recordError(counts, { externalId: person.externalId, code: 'VALIDATION', message: LISTED_TWICE })
        continue
      }
      inBatch.add(person.externalId)
      const added = bulk.value.get(person.externalId)
      const outcome = added ? await added() : await syncPerson(b, person, links.get(person.externalId))
      if (outcome.kind === 'stop') return err(outcome.stop)
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
    if (seen.length > 0) await b.w.tx.connectionLinks.markSeen(b.scope, seen, b.run)
    await saveManagedFields(b, fields)
    return ok(counts)
  })
}

const LISTED_TWICE = 'This externalId is listed more than once by the source.'

async function saveManagedFields(b: BatchContext, fields: ManagedField[]): Promise<void> {
  // Fields only ever grow (mergeFields), so a change in length is a change.
  if (fields.length === b.connection.managedFields.length) return
  await b.w.tx.connections.update(b.connection.orgId, b.connection.id, {
    managedFields: fields,
    updatedAt: b.w.now,
  })
}

/** A batch's identity outside its transaction: parse every row (X4), each on its own. */
function parseBatch(people: readonly unknown[]): { valid: ParsedDirectoryPerson[]; invalid: InvalidRow[] } {
  const valid: ParsedDirectoryPerson[] = []
  const invalid: InvalidRow[] = []
  for (const raw of people) {
    const parsed = DirectoryPersonSchema.safeParse(raw)
    if (parsed.success) {
      valid.push(parsed.data)
      continue
    }
    const externalId = rawExternalId(raw)
    const message = parsed.error.issues
      .map((issue) => `${issue.path.map(String).join('.') || '(person)'}: ${issue.message}`)
      .join('; ')
    invalid.push({ externalId, message, identified: externalId.length > 0 && externalId.length <= 255 })
  }
  return { valid, invalid }
}

function rawExternalId(raw: unknown): string {
  const rawId =
    typeof raw === 'object' && raw !== null ? (raw as { externalId?: unknown }).externalId : undefined
  return typeof rawId === 'string' ? rawId.trim() : ''
}

function providedFields(person: ParsedDirectoryPerson): ManagedField[] {
  return (['email', 'firstName', 'lastName', 'phone', 'language', 'title'] as const).filter(
    (field) => person[field] !== undefined,
  )
}
