import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import { policedText } from '../../domain/text-policy.js'
import type { RosterContext } from '../../context.js'
import { type Actor, isSystemActor, toAuditActor } from '../../domain/actor.js'
import { type ConnectionView, newConnection, toConnectionView } from '../../domain/connection.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { DEFAULT_INTERVAL_MINUTES, type DirectorySources, IntervalMinutes, OnMissingInput } from './shared.js'

export const ConnectSourceInput = z.object({
  orgId: Id,
  /** The key a `DirectorySource` is registered under in `createRoster({ directorySources })`. */
  sourceKey: policedText('key', { max: 100 }),
  /** Minutes between scheduled runs (default 60); `null`: only `connections.sync` runs it. */
  intervalMinutes: IntervalMinutes.optional(),
  /** People the source stops listing: `disable` their membership (default) or `remove` it. */
  onMissing: OnMissingInput.default('disable'),
})
export type ConnectSourceInput = z.input<typeof ConnectSourceInput>
export type ConnectSourceError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'INVALID_STATE' | 'STORAGE_FAILURE'
>

/**
 * Connects an org to an external directory registered in `createRoster({ directorySources })` (S1;
 * `connections:manage`). Nothing is synced yet: the first run is due at once for `runDue`, or call
 * `connections.sync`. An unknown `sourceKey` is a `VALIDATION` error (nothing stored); an org
 * connects each source once (`INVALID_STATE` naming the existing connection). Emits
 * `connection.created`.
 *
 * @example
 * const roster = createRoster({ storage, mailer, directorySources: { hr: hrSource } })
 * const connection = await roster.connections.connectSource(admin, { orgId, sourceKey: 'hr', intervalMinutes: 30 })
 */
export function connectSource(
  ctx: RosterContext,
  sources: DirectorySources,
  actor: Actor,
  input: ConnectSourceInput,
): ResultAsync<ConnectionView, ConnectSourceError> {
  return runUseCase(async () => {
    const parsed = parseInput(
      ConnectSourceInput.refine((value) => Object.hasOwn(sources, value.sourceKey), {
        path: ['sourceKey'],
        message: 'No directory source is registered under this key',
      }),
      input,
    )
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, sourceKey, onMissing } = parsed.value
    const intervalMinutes =
      parsed.value.intervalMinutes === undefined ? DEFAULT_INTERVAL_MINUTES : parsed.value.intervalMinutes
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'connections:manage')
      if (access.isErr()) return err(access.error)
      const connection = newConnection({
        id: ctx.ids(),
        orgId,
        kind: 'directory',
        sourceKey,
        onMissing,
        intervalMinutes,
        createdBy: isSystemActor(actor) ? null : actor.accountId,
        now: w.now,
      })
      const inserted = await w.tx.connections.insert(connection)
      if (inserted.status === 'exists') {
        return err(
          rosterError('INVALID_STATE', {
            message: `This organization is already connected to "${sourceKey}".`,
            details: { reason: 'already-connected', connectionId: inserted.connection.id },
          }),
        )
      }
      await w.audit({
        orgId,
        action: 'connection.created',
        targetType: 'connection',
        targetId: connection.id,
        changes: {
          sourceKey: { after: sourceKey },
          intervalMinutes: { after: intervalMinutes },
          onMissing: { after: onMissing },
        },
      })
      w.emit('connection.created', { orgId, connectionId: connection.id, actor: w.actor })
      return ok(toConnectionView(connection, w.now))
    })
  })
}
