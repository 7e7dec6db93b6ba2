import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, isSystemActor, toAuditActor } from '../../domain/actor.js'
import type { SyncReport } from '../../domain/connection.js'
import { SchedulerPartition } from '../../domain/partition.js'
import { type RosterError, rosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'
import type { DirectorySources } from './shared.js'
import { SYNC_LEASE_MS, type SyncOptions } from '../../internal/sync/options.js'
import { sourceOf } from '../../internal/sync/org-source.js'
import { releaseLease } from '../../internal/sync/lease.js'
import { runSync } from '../../internal/sync/run-sync.js'

export const RunDueInput = z
  .object({
    /** At most this many runs in this call (1..1000, default 100); the rest stay due for the next. */
    limit: z.number().int().min(1).max(1000).default(100),
    /**
     * Only the connections of orgs in this slice (`{ index, count }`): run one scheduler per slice
     * to spread the due scan over instances or shards (issue 16). Omitted: every org.
     */
    partition: SchedulerPartition.optional(),
  })
  .default({ limit: 100 })
export type RunDueInput = z.input<typeof RunDueInput>
export type RunDueError = RosterError<'VALIDATION' | 'FORBIDDEN' | 'STORAGE_FAILURE'>

/** One connection `runDue` ran: its report, or why it could not run. */
export interface DueRun {
  connectionId: string
  orgId: string
  report: SyncReport | null
  error: RosterError | null
}

export interface RunDueOutput {
  runs: DueRun[]
}

/** Due connections read per page. */
const DUE_PAGE = 100

/**
 * Runs every connection whose `intervalMinutes` has elapsed since its last run (S5), one after the
 * other; the host calls it from its scheduler (a cron job, a queue worker) with `systemActor`. Each
 * connection is claimed with a lease in storage before it runs, so two schedulers calling at once
 * never run one connection twice: the second skips what the first claimed. A run that fails is
 * reported in its entry and the others still run. Server-only over HTTP.
 *
 * @example
 * setInterval(() => void roster.connections.runDue(systemActor('scheduler')), 60_000)
 * // or, with four schedulers, each its slice of the orgs:
 * roster.connections.runDue(systemActor('scheduler'), { partition: { index: 2, count: 4 } })
 */
export function runDue(
  ctx: RosterContext,
  sources: DirectorySources,
  actor: Actor,
  input: RunDueInput = {},
  options: Pick<SyncOptions, 'onProgress' | 'batchSize'> = {},
): ResultAsync<RunDueOutput, RunDueError> {
  return runUseCase(async () => {
    const parsed = parseInput(RunDueInput, input)
    if (parsed.isErr()) return err(parsed.error)
    // Runs cross every org: only the host app itself schedules them.
    if (!isSystemActor(actor)) {
      return err(rosterError('FORBIDDEN', { message: 'Only the system actor runs scheduled syncs.' }))
    }
    const runs: DueRun[] = []
    const started = ctx.clock.now()
    let afterId: string | undefined
    while (runs.length < parsed.value.limit) {
      const due = await ctx.storage.connections.listDue(started, {
        limit: DUE_PAGE,
        ...(afterId !== undefined ? { afterId } : {}),
        ...(parsed.value.partition ? { partition: parsed.value.partition } : {}),
      })
      for (const connection of due) {
        if (runs.length >= parsed.value.limit) break
        const source = sourceOf(ctx, sources, connection)
        const now = ctx.clock.now()
        const claim = await ctx.storage.connections.claimRun(connection.orgId, connection.id, {
          now,
          leaseUntil: new Date(now.getTime() + SYNC_LEASE_MS),
          due: true,
        })
        // Another scheduler took it, or it changed since the list: not ours to run.
        if (claim.status !== 'claimed') continue
        const entry: DueRun = {
          connectionId: connection.id,
          orgId: connection.orgId,
          report: null,
          error: null,
        }
        if (!source) {
          await releaseLease(ctx, claim.connection, false)
          entry.error = rosterError('INVALID_STATE', {
            message: `No directory source is registered under "${connection.sourceKey}" in this deployment.`,
            details: {
              connectionId: connection.id,
              sourceKey: connection.sourceKey,
              reason: 'source-missing',
            },
          })
        } else {
          try {
            entry.report = await runSync(ctx, toAuditActor(actor), claim.connection, source, options)
          } catch (cause) {
            entry.error = rosterError('STORAGE_FAILURE', {
              details: { reason: cause instanceof Error ? cause.message : String(cause) },
            })
          }
        }
        runs.push(entry)
      }
      const last = due.at(-1)
      if (due.length < DUE_PAGE || !last) break
      afterId = last.id
    }
    return ok({ runs })
  })
}
