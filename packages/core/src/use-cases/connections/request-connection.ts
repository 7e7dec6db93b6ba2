import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, isSystemActor, toAuditActor } from '../../domain/actor.js'
import { type ConnectionView, newConnection, toConnectionView } from '../../domain/connection.js'
import { Id } from '../../domain/schemas.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { DEFAULT_INTERVAL_MINUTES } from './shared.js'

export const RequestConnectionInput = z
  .object({
    /** The org whose members become guests (the actor's org: a consultant firm). */
    guestOrgId: Id,
    /** The org they become guests of, which approves. */
    hostOrgId: Id,
  })
  .refine((value) => value.guestOrgId !== value.hostOrgId, {
    path: ['hostOrgId'],
    message: 'An organization cannot connect to itself',
  })
export type RequestConnectionInput = z.input<typeof RequestConnectionInput>
export type RequestConnectionError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'INVALID_STATE' | 'STORAGE_FAILURE'
>

/**
 * Asks a host org to take every member of the guest org — current and future — as guests (S1), by
 * an admin of the guest org (`connections:manage` there). The connection is `pending` until an admin
 * of the host org approves it (`connections.approve`); either side may withdraw it with
 * `connections.disconnect`. One connection per pair (`INVALID_STATE` naming the existing one).
 * Audited in both orgs; emits `connection.requested` (with the host's `orgId`, to notify its admins).
 *
 * @example
 * const pending = await roster.connections.request(consultantAdmin, { guestOrgId: firm.id, hostOrgId: agency.id })
 */
export function requestConnection(
  ctx: RosterContext,
  actor: Actor,
  input: RequestConnectionInput,
): ResultAsync<ConnectionView, RequestConnectionError> {
  return runUseCase(async () => {
    const parsed = parseInput(RequestConnectionInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { guestOrgId, hostOrgId } = parsed.value
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, guestOrgId, 'connections:manage')
      if (access.isErr()) return err(access.error)
      const host = await w.tx.orgs.findById(hostOrgId)
      if (!host) return err(rosterError('ORG_NOT_FOUND', { details: { orgId: hostOrgId } }))
      const connection = newConnection({
        id: ctx.ids(),
        orgId: hostOrgId,
        kind: 'organization',
        guestOrgId,
        intervalMinutes: DEFAULT_INTERVAL_MINUTES,
        createdBy: isSystemActor(actor) ? null : actor.accountId,
        now: w.now,
      })
      const inserted = await w.tx.connections.insert(connection)
      if (inserted.status === 'exists') {
        return err(
          rosterError('INVALID_STATE', {
            message:
              inserted.connection.status === 'pending'
                ? 'A request to this organization is already waiting for approval.'
                : 'These organizations are already connected.',
            details: { reason: 'already-connected', connectionId: inserted.connection.id },
          }),
        )
      }
      for (const orgId of [guestOrgId, hostOrgId]) {
        await w.audit({
          orgId,
          action: 'connection.requested',
          targetType: 'connection',
          targetId: connection.id,
          changes: { guestOrgId: { after: guestOrgId }, hostOrgId: { after: hostOrgId } },
        })
      }
      w.emit('connection.requested', { orgId: hostOrgId, connectionId: connection.id, actor: w.actor })
      return ok(toConnectionView(connection, w.now))
    })
  })
}
