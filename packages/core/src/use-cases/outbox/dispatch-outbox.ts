import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { SchedulerPartition } from '../../domain/partition.js'
import type { RosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'
import { dispatchDue } from '../../mail/dispatch.js'

export const DispatchOutboxInput = z
  .object({
    /** How many due messages to claim in this pass: 1..1000, default 100. */
    limit: z.number().int('Must be a whole number').min(1).max(1000).default(100),
    /**
     * Only the mail of orgs in this slice (`{ index, count }`; mail of no org is the org `''`):
     * one dispatcher per slice spreads the claim over instances or shards (issue 16).
     */
    partition: SchedulerPartition.optional(),
  })
  .default({ limit: 100 })
export type DispatchOutboxInput = z.input<typeof DispatchOutboxInput>
export type DispatchOutboxError = RosterError<'VALIDATION' | 'STORAGE_FAILURE'>

/** What one dispatcher pass did. */
export interface DispatchReport {
  /** Delivered now. */
  sent: number
  /** Gave up on: dead after the last attempt, or skipped because the address is blocked (A11). */
  failed: number
  /** Failed this time; due again after an exponential backoff. */
  retrying: number
}

/**
 * Delivers due outbox messages (E3): claims up to `limit` of them (each handed to exactly one
 * dispatcher, however many run at once), sends them, and records the outcome. A failed send waits
 * `outbox.backoff × 2^(attempts−1)` ms before the next try; after `outbox.maxAttempts` tries the
 * message is `dead` (listed by `outbox.list`, announced by `mail.dead-lettered`). Blocked addresses
 * are skipped and their messages marked `blocked`. A mailer failure never fails the call.
 *
 * Call it from the host's scheduler (every minute, say), and in a loop while it keeps finding work.
 *
 * @example
 * setInterval(async () => {
 *   const report = await roster.outbox.dispatch({ limit: 100 })
 *   if (report.isOk() && report.value.failed > 0) log.warn('mail failed', report.value)
 * }, 60_000)
 * // or one dispatcher per slice: roster.outbox.dispatch({ partition: { index: 0, count: 4 } })
 */
export function dispatchOutbox(
  ctx: RosterContext,
  input: DispatchOutboxInput = {},
): ResultAsync<DispatchReport, DispatchOutboxError> {
  return runUseCase(async () => {
    const parsed = parseInput(DispatchOutboxInput, input)
    if (parsed.isErr()) return err(parsed.error)
    return ok(await dispatchDue(ctx, parsed.value.limit, parsed.value.partition))
  })
}
