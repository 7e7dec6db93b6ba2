import type { Connection } from '../domain/connection.js'
import type { Membership } from '../domain/membership.js'
import { type RosterError, rosterError } from '../errors.js'
import type { StorageRepositories } from '../ports/storage.js'

/** @internal The membership `source` of a person no connection manages. */
export const LOCAL_SOURCE = 'local'

/** @internal How a `MANAGED_EXTERNALLY` error names the connection: the directory's key, the guest org's name. */
export async function describeSource(repos: StorageRepositories, connection: Connection): Promise<string> {
  if (connection.kind === 'directory') return `the directory "${connection.sourceKey}"`
  const guest = connection.guestOrgId ? await repos.orgs.findById(connection.guestOrgId) : null
  return guest ? `the organization "${guest.name}"` : 'the connected organization'
}

/**
 * @internal S3: `MANAGED_EXTERNALLY` when any of `changedFields` is managed by the connection that
 * manages this membership, naming it (`details.source` is the connection id); null when the member
 * is local or none of the fields is managed. Callers skip it for the person themself (their own
 * profile stays theirs) and for the system actor.
 */
export async function managedConflict(
  repos: StorageRepositories,
  membership: Pick<Membership, 'orgId' | 'source'>,
  changedFields: readonly string[],
): Promise<RosterError<'MANAGED_EXTERNALLY'> | null> {
  if (membership.source === LOCAL_SOURCE || changedFields.length === 0) return null
  const [connection] = await repos.connections.findByIds(membership.orgId, [membership.source])
  if (!connection) return null
  const fields = changedFields.filter((field) =>
    (connection.managedFields as readonly string[]).includes(field),
  )
  if (fields.length === 0) return null
  return rosterError('MANAGED_EXTERNALLY', {
    message: `${fields.join(', ')} ${fields.length === 1 ? 'is' : 'are'} managed by ${await describeSource(repos, connection)}; change ${fields.length === 1 ? 'it' : 'them'} there.`,
    details: {
      source: connection.id,
      kind: connection.kind,
      ...(connection.sourceKey !== null ? { sourceKey: connection.sourceKey } : {}),
      ...(connection.guestOrgId !== null ? { guestOrgId: connection.guestOrgId } : {}),
      fields,
    },
  })
}
