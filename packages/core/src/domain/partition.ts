import { createHash } from 'node:crypto'
import * as z from 'zod'

/**
 * A slice of the scheduled work (issue 16): scheduler `index` of `count` takes the due syncs and
 * due mail of the orgs whose partition (`partitionOf`) is `index`. With one scheduler per slice, N
 * instances share the work without all scanning and locking the same rows; every adapter computes
 * the same partition for an org, so the slices never overlap and together cover everything.
 */
export const SchedulerPartition = z
  .object({
    index: z.number().int('Must be a whole number').min(0),
    count: z.number().int('Must be a whole number').min(1).max(1024),
  })
  .refine((p) => p.index < p.count, { message: 'index must be below count', path: ['index'] })
export type SchedulerPartition = z.output<typeof SchedulerPartition>

/**
 * The partition of an org among `count`: the first 28 bits of the MD5 of its id, modulo `count`
 * (mail of no org counts as the org `''`). Postgres computes the same with
 * `mod(('x' || substr(md5(org_id), 1, 7))::bit(28)::int, count)`.
 *
 * @example
 * partitionOf(orgId, 4) // 0..3, the same on every adapter and in every process
 */
export function partitionOf(orgId: string | null, count: number): number {
  const hex = createHash('md5')
    .update(orgId ?? '')
    .digest('hex')
  return Number.parseInt(hex.slice(0, 7), 16) % count
}
