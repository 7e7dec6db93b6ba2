import type { SchedulerPartition } from '@roster/core/storage'
import { type RawBuilder, sql } from 'kysely'

/**
 * `partitionOf(org_id, count) = index` in SQL, for the due scans a scheduler slice runs: the same
 * 28 bits of the org id's MD5 that core's `partitionOf` reads (no org counts as `''`), so memory
 * and Postgres slice alike.
 */
export function partitionPredicate({ index, count }: SchedulerPartition): RawBuilder<boolean> {
  return sql<boolean>`mod(('x' || substr(md5(coalesce(org_id, '')), 1, 7))::bit(28)::int, ${count}::int) = ${index}::int`
}
