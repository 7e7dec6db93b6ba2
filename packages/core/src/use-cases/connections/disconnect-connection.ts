import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import type { OnMissing } from '../../domain/connection.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { LOCAL_SOURCE } from '../../internal/managed-fields.js'
import { removeMembership } from '../../internal/member-removal.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { authorizeConnection, connectionNotFound, loadConnection, OnMissingInput } from './shared.js'
import { DEFAULT_SYNC_BATCH_SIZE } from '../../internal/sync/options.js'
import { disableSyncedMember } from '../../internal/sync/person-missing.js'

export const DisconnectInput = z.object({
  connectionId: Id,
  /**
   * The connection's host org. Optional; given, every lookup names the org (what a database
   * distributed by org_id routes on); omitted, the org is first found by the id across orgs.
   */
  orgId: Id.optional(),
  /** What happens to the connection's guest memberships; default: the connection's `onMissing`. */
  members: OnMissingInput.optional(),
})
export type DisconnectInput = z.input<typeof DisconnectInput>
export type DisconnectError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'NOT_FOUND' | 'INVALID_STATE' | 'STORAGE_FAILURE'
>

export interface DisconnectOutput {
  /** Memberships disabled (they stay, as local members the host org now manages). */
  disabled: number
  /** Memberships removed (A13). */
  removed: number
}

/**
 * Takes a connection apart (S1; `connections:manage` in the host org, or for an org connection in
 * the guest org too — either side may leave; a pending request is withdrawn or denied this way).
 * Its guest memberships are disabled (they become local members the host manages, kept for
 * re-enabling, A12) or removed (`members: 'remove'`, A13); the default follows the connection's
 * `onMissing`. No run can start once it begins, and a run in progress stops at its next batch.
 * Works in batches like a sync (bounded memory, each batch atomic): if it is interrupted, the
 * connection stays `disconnecting` and calling `disconnect` again finishes it. Audited; emits
 * `connection.removed`.
 *
 * @example
 * const { disabled } = (await roster.connections.disconnect(admin, { connectionId }))._unsafeUnwrap()
 */
export function disconnectConnection(
  ctx: RosterContext,
  actor: Actor,
  input: DisconnectInput,
): ResultAsync<DisconnectOutput, DisconnectError> {
  return runUseCase(async () => {
    const parsed = parseInput(DisconnectInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { connectionId } = parsed.value
    const found = await loadConnection(ctx.storage, connectionId, parsed.value.orgId)
    if (found.isErr()) return err(found.error)
    const authorized = await authorizeConnection(ctx.storage, actor, found.value, { guestMay: true })
    if (authorized.isErr()) return err(authorized.error)
    const auditActor = toAuditActor(actor)
    const policy: OnMissing = parsed.value.members ?? found.value.onMissing

    // 1. No run may start from now on; a batch in progress finishes first (it holds the row).
    const stopped = await inTransaction(ctx, auditActor, async (w) => {
      const updated = await w.tx.connections.update(found.value.orgId, connectionId, {
        status: 'disconnecting',
        nextRunAt: null,
        updatedAt: w.now,
      })
      return updated.status === 'updated' ? ok(updated.connection) : err(connectionNotFound(connectionId))
    })
    if (stopped.isErr()) return err(stopped.error)
    const connection = stopped.value
    const scope = { orgId: connection.orgId, connectionId }

    // 2. The guest memberships, a batch per transaction. Each link is deleted as its member is
    // handled, so a second `disconnect` (or a concurrent one) picks up exactly what is left.
    const output: DisconnectOutput = { disabled: 0, removed: 0 }
    for (;;) {
      const batch = await inTransaction(ctx, auditActor, async (w) => {
        const links = await w.tx.connectionLinks.page(scope, { limit: DEFAULT_SYNC_BATCH_SIZE })
        const counts = { disabled: 0, removed: 0 }
        for (const link of links) {
          if (!(await w.tx.connectionLinks.delete(scope, link.externalId))) continue
          const membership = await w.tx.memberships.find(connection.orgId, link.accountId)
          if (!membership || membership.source !== connectionId) continue
          if (policy === 'remove') {
            await removeMembership(w, membership)
            counts.removed++
          } else if (membership.status === 'disabled') {
            await w.tx.memberships.update(connection.orgId, link.accountId, {
              source: LOCAL_SOURCE,
              updatedAt: w.now,
            })
            await w.audit({
              orgId: connection.orgId,
              action: 'member.updated',
              targetType: 'account',
              targetId: link.accountId,
              changes: { source: { before: connectionId, after: LOCAL_SOURCE } },
            })
          } else {
            await disableSyncedMember({ w }, membership, { source: LOCAL_SOURCE })
            counts.disabled++
          }
        }
        return ok({ ...counts, size: links.length })
      })
      if (batch.isErr()) return err(batch.error)
      output.disabled += batch.value.disabled
      output.removed += batch.value.removed
      if (batch.value.size < DEFAULT_SYNC_BATCH_SIZE) break
    }

    // 3. The connection itself.
    return inTransaction(ctx, auditActor, async (w) => {
      await w.tx.connections.delete(connection.orgId, connectionId)
      for (const orgId of [connection.orgId, ...(connection.guestOrgId ? [connection.guestOrgId] : [])]) {
        await w.audit({
          orgId,
          action: 'connection.removed',
          targetType: 'connection',
          targetId: connectionId,
          changes: {
            status: { before: found.value.status },
            members: { after: policy },
            disabled: { after: output.disabled },
            removed: { after: output.removed },
          },
        })
      }
      w.emit('connection.removed', { orgId: connection.orgId, connectionId, actor: w.actor })
      return ok(output)
    })
  })
}
