import { err, ok, type Result } from 'neverthrow'
import * as z from 'zod'
import type { Actor } from '../../domain/actor.js'
import type { Connection } from '../../domain/connection.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorizeEntity, type OrgAccess } from '../../internal/authorize.js'
import type { StorageRepositories } from '../../ports/storage.js'

export type { DirectorySources } from '../../internal/sync/org-source.js'

/** Minutes between scheduled runs: 1 minute to 1 week; `null` runs only on `connections.sync`. */
export const IntervalMinutes = z
  .number()
  .int('A whole number of minutes')
  .min(1, 'At least 1 minute')
  .max(7 * 24 * 60, 'At most a week')
  .nullable()

/** What happens to people the source stops listing. */
export const OnMissingInput = z.enum(['disable', 'remove'])

/** Scheduled runs every hour unless the connection says otherwise. */
export const DEFAULT_INTERVAL_MINUTES = 60

/** @internal `NOT_FOUND` for a connection id. */
export function connectionNotFound(connectionId: string): RosterError<'NOT_FOUND'> {
  return rosterError('NOT_FOUND', {
    message: 'There is no such connection.',
    details: { entity: 'connection', connectionId },
  })
}

/** @internal The connection, or `NOT_FOUND`. */
export async function loadConnection(
  repos: StorageRepositories,
  connectionId: string,
  orgId?: string,
): Promise<Result<Connection, RosterError<'NOT_FOUND'>>> {
  // Without the org the caller named, one cross-org lookup finds it; every other statement names it.
  const org = orgId ?? (await repos.connections.orgOf(connectionId))
  const connection = org === null ? null : await repos.connections.findById(org, connectionId)
  return connection ? ok(connection) : err(connectionNotFound(connectionId))
}

/**
 * @internal `connections:manage` in the host org — or, where `guestMay` and the connection is an
 * org connection, in the guest org (X3: nobody else learns anything about it).
 */
export async function authorizeConnection(
  repos: StorageRepositories,
  actor: Actor,
  connection: Connection,
  options: { guestMay?: boolean } = {},
): Promise<Result<{ access: OrgAccess; side: 'host' | 'guest' }, RosterError<'FORBIDDEN' | 'NOT_FOUND'>>> {
  const notFound = connectionNotFound(connection.id)
  const host = await authorizeEntity(repos, actor, connection.orgId, 'connections:manage', notFound)
  if (host.isOk()) return ok({ access: host.value, side: 'host' })
  if (options.guestMay && connection.guestOrgId !== null) {
    const guest = await authorizeEntity(repos, actor, connection.guestOrgId, 'connections:manage', notFound)
    if (guest.isOk()) return ok({ access: guest.value, side: 'guest' })
    // A guest-org admin lacking the permission is told so; a stranger to both orgs learns nothing (X7).
    if (host.error.code === 'NOT_FOUND') return err(guest.error)
  }
  return err(host.error)
}

/** @internal `INVALID_STATE` for a connection in the wrong status for what was asked. */
export function wrongStatus(connection: Connection, message: string): RosterError<'INVALID_STATE'> {
  return rosterError('INVALID_STATE', {
    message,
    details: { connectionId: connection.id, connectionStatus: connection.status },
  })
}
