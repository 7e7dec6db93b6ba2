import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import type { SyncReport } from '../../domain/connection.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { runUseCase } from '../../internal/use-case.js'
import { authorizeConnection, type DirectorySources, loadConnection, wrongStatus } from './shared.js'
import { SYNC_LEASE_MS, type SyncOptions } from '../../internal/sync/options.js'
import { sourceOf } from '../../internal/sync/org-source.js'
import { runSync } from '../../internal/sync/run-sync.js'

export const SyncConnectionInput = z.object({
  connectionId: Id,
  /**
   * The connection's host org. Optional; given, every lookup names the org (what a database
   * distributed by org_id routes on); omitted, the org is first found by the id across orgs.
   */
  orgId: Id.optional(),
})
export type SyncConnectionInput = z.input<typeof SyncConnectionInput>
export type SyncConnectionError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'INVALID_STATE' | 'STORAGE_FAILURE'
>
export type { SyncOptions } from '../../internal/sync/options.js'

/**
 * Runs a connection's sync now (S2, S4; `connections:manage` in the host org). New people get an
 * account — or their existing account is attached (A2), its profile left as it is — and a guest
 * membership whose `source` is the connection; what changed in the source since the last run is
 * applied; people the source no longer lists (or lists `active: false`) are disabled, or removed
 * under `onMissing: 'remove'`. Running it again changes nothing: everyone is `unchanged`, no audit
 * row, no mail.
 *
 * The source is read in batches (default 500 people per transaction), so memory stays bounded and an
 * interrupted run keeps what it applied; people missing from the source are handled only after a
 * complete pass, so a run that stops early never disables anyone by mistake — the next run completes
 * it. Once the run holds its claim it always answers `ok`: a stop (the source or storage failing, a
 * lost lease, a disconnect, a conflict) is `complete: false` with `failure` (words) and
 * `failureReason` (a code), the counts those of the batches that committed, and the lease released. Per-person problems (invalid row, blocked email,
 * already a local member…) go to `errors` and never stop the others. Progress arrives after each
 * batch through `options.onProgress` and the `sync.progress` event. One run per connection at a
 * time: while another run holds it, `INVALID_STATE` (`details.reason: 'running'`).
 *
 * @example
 * const report = await roster.connections.sync(admin, { connectionId }, {
 *   onProgress: ({ processed }) => bar.update(processed),
 * })
 * if (report.isOk()) console.log(report.value.added, report.value.errors)
 * if (report.isOk() && !report.value.complete) console.warn(report.value.failureReason, report.value.failure)
 */
export function syncConnection(
  ctx: RosterContext,
  sources: DirectorySources,
  actor: Actor,
  input: SyncConnectionInput,
  options: SyncOptions = {},
): ResultAsync<SyncReport, SyncConnectionError> {
  return runUseCase(async () => {
    const parsed = parseInput(SyncConnectionInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const found = await loadConnection(ctx.storage, parsed.value.connectionId, parsed.value.orgId)
    if (found.isErr()) return err(found.error)
    const authorized = await authorizeConnection(ctx.storage, actor, found.value)
    if (authorized.isErr()) return err(authorized.error)
    if (found.value.status !== 'active') {
      return err(
        wrongStatus(
          found.value,
          found.value.status === 'pending'
            ? 'The host organization has not approved this connection yet.'
            : 'This connection is being disconnected.',
        ),
      )
    }
    const source = sourceOf(ctx, sources, found.value)
    if (!source) {
      return err(
        rosterError('INVALID_STATE', {
          message: `No directory source is registered under "${found.value.sourceKey}" in this deployment.`,
          details: {
            connectionId: found.value.id,
            sourceKey: found.value.sourceKey,
            reason: 'source-missing',
          },
        }),
      )
    }
    const now = ctx.clock.now()
    const claim = await ctx.storage.connections.claimRun(found.value.orgId, found.value.id, {
      now,
      leaseUntil: new Date(now.getTime() + SYNC_LEASE_MS),
      due: false,
    })
    switch (claim.status) {
      case 'claimed':
        return ok(await runSync(ctx, toAuditActor(actor), claim.connection, source, options))
      case 'busy':
        return err(
          rosterError('INVALID_STATE', {
            message: 'Another run of this connection is in progress.',
            details: {
              connectionId: found.value.id,
              reason: 'running',
              leaseUntil: claim.leaseUntil.toISOString(),
            },
          }),
        )
      case 'not-found':
        return err(
          rosterError('NOT_FOUND', { details: { entity: 'connection', connectionId: found.value.id } }),
        )
      default:
        return err(wrongStatus(found.value, 'This connection cannot run now.'))
    }
  })
}
