import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, isSystemActor, toAuditActor } from '../../domain/actor.js'
import {
  ALWAYS_MANAGED,
  type ConnectionView,
  mergeFields,
  toConnectionView,
} from '../../domain/connection.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorizeEntity, loadAccess } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { connectionNotFound, IntervalMinutes, loadConnection, OnMissingInput, wrongStatus } from './shared.js'

export const ApproveConnectionInput = z.object({
  connectionId: Id,
  /**
   * The connection's host org. Optional; given, every lookup names the org (what a database
   * distributed by org_id routes on); omitted, the org is first found by the id across orgs.
   */
  orgId: Id.optional(),
  /** Minutes between scheduled runs (default: as requested, 60); `null`: only `connections.sync`. */
  intervalMinutes: IntervalMinutes.optional(),
  /** Members who leave the guest org: `disable` their guest membership (default) or `remove` it. */
  onMissing: OnMissingInput.optional(),
})
export type ApproveConnectionInput = z.input<typeof ApproveConnectionInput>
export type ApproveConnectionError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'INVALID_STATE' | 'STORAGE_FAILURE'
>

/**
 * Approves a pending org connection, by an admin of the host org (`connections:manage` there; S1).
 * From then on every member of the guest org — current and future — is a guest of the host org,
 * kept in step by sync: the first run is due at once (`runDue`), or call `connections.sync`. Only a
 * pending request can be approved (`INVALID_STATE`; of two concurrent approvals one wins). Audited
 * in both orgs; emits `connection.approved`.
 *
 * @example
 * await roster.connections.approve(agencyAdmin, { connectionId })
 * await roster.connections.sync(agencyAdmin, { connectionId })
 */
export function approveConnection(
  ctx: RosterContext,
  actor: Actor,
  input: ApproveConnectionInput,
): ResultAsync<ConnectionView, ApproveConnectionError> {
  return runUseCase(async () => {
    const parsed = parseInput(ApproveConnectionInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { connectionId } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const found = await loadConnection(w.tx, connectionId, parsed.value.orgId)
      if (found.isErr()) return err(found.error)
      const connection = found.value
      // X3: only the host org decides; the guest org's admins cannot approve their own request.
      const access = await authorizeEntity(
        w.tx,
        actor,
        connection.orgId,
        'connections:manage',
        connectionNotFound(connectionId),
      )
      if (access.isErr()) {
        // The guest org asked for this connection, so its members know it exists: they are told why.
        const guestSide = connection.guestOrgId ? await loadAccess(w.tx, actor, connection.guestOrgId) : null
        if (access.error.code === 'NOT_FOUND' && guestSide?.isOk())
          return err(
            rosterError('FORBIDDEN', { message: 'Only the host organization approves a connection.' }),
          )
        return err(access.error)
      }
      if (connection.kind !== 'organization' || connection.status !== 'pending') {
        return err(wrongStatus(connection, 'Only a pending organization connection can be approved.'))
      }
      const intervalMinutes =
        parsed.value.intervalMinutes === undefined ? connection.intervalMinutes : parsed.value.intervalMinutes
      const updated = await w.tx.connections.update(
        connection.orgId,
        connectionId,
        {
          status: 'active',
          intervalMinutes,
          onMissing: parsed.value.onMissing ?? connection.onMissing,
          managedFields: mergeFields(connection.managedFields, ALWAYS_MANAGED),
          nextRunAt: intervalMinutes === null ? null : w.now,
          approvedBy: isSystemActor(actor) ? null : actor.accountId,
          updatedAt: w.now,
        },
        { ifStatus: ['pending'] },
      )
      if (updated.status === 'not-found') return err(connectionNotFound(connectionId))
      if (updated.status === 'wrong-status') {
        return err(wrongStatus(updated.connection, 'Only a pending organization connection can be approved.'))
      }
      for (const orgId of [connection.orgId, connection.guestOrgId!]) {
        await w.audit({
          orgId,
          action: 'connection.approved',
          targetType: 'connection',
          targetId: connectionId,
          changes: { status: { before: 'pending', after: 'active' } },
        })
      }
      w.emit('connection.approved', { orgId: connection.orgId, connectionId, actor: w.actor })
      return ok(toConnectionView(updated.connection, w.now))
    })
  })
}
