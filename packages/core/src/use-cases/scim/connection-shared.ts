// What the SCIM connection use-cases share: the admin's view of a connection, token minting
// (X1: shown once, only its hash stored) and the loader that checks `connections:manage`.
import { err, ok, type Result } from 'neverthrow'
import type { RosterContext } from '../../context.js'
import type { Actor } from '../../domain/actor.js'
import type { Connection, ManagedField, OnMissing } from '../../domain/connection.js'
import type { ScimConnection, ScimCredentialPolicy, ScimToken } from '../../domain/scim.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorizeEntity } from '../../internal/authorize.js'
import { base64url, hashToken } from '../../internal/secrets.js'
import type { StorageRepositories, StorageTx } from '../../ports/storage.js'

/** A token as the admin sees it: never the secret, only its last characters. */
export interface ScimTokenView {
  id: string
  hint: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

/** A SCIM connection as `scim.listConnections` shows it. Dates are ISO strings. */
export interface ScimConnectionView {
  /** The directory connection's id: members it provisions have it as their `source`. */
  connectionId: string
  orgId: string
  name: string
  credential: ScimCredentialPolicy
  ssoProvider: string | null
  memberType: 'employee' | 'guest'
  /** What a SCIM DELETE does to the membership: `disable` it or `remove` it. */
  deprovision: OnMissing
  /** Member fields SCIM manages (S3): read-only in the org. */
  managedFields: ManagedField[]
  /** Tokens newest first; at most one is unrevoked. */
  tokens: ScimTokenView[]
  /** The latest request of any of its tokens. */
  lastUsedAt: string | null
  createdAt: string
}

/** What creating a connection or rotating its token returns: the secret, shown this once. */
export interface ScimTokenSecret {
  connectionId: string
  tokenId: string
  /** The bearer token for the IdP's SCIM settings. Not stored: copy it now. */
  token: string
}

const iso = (date: Date | null) => (date ? date.toISOString() : null)

/** @internal */
export function toScimConnectionView(
  scim: ScimConnection,
  connection: Connection,
  tokens: readonly ScimToken[],
): ScimConnectionView {
  const used = tokens.flatMap((token) => (token.lastUsedAt ? [token.lastUsedAt.getTime()] : []))
  return {
    connectionId: scim.connectionId,
    orgId: scim.orgId,
    name: scim.name,
    credential: scim.credential,
    ssoProvider: scim.ssoProvider,
    memberType: scim.memberType,
    deprovision: connection.onMissing,
    managedFields: [...connection.managedFields],
    tokens: tokens.map((token) => ({
      id: token.id,
      hint: token.hint,
      createdAt: token.createdAt.toISOString(),
      lastUsedAt: iso(token.lastUsedAt),
      revokedAt: iso(token.revokedAt),
    })),
    lastUsedAt: used.length > 0 ? new Date(Math.max(...used)).toISOString() : null,
    createdAt: scim.createdAt.toISOString(),
  }
}

/** Every SCIM token starts so: secret scanners (and people) can tell what leaked. */
export const SCIM_TOKEN_PREFIX = 'scim_'

/** @internal Mints a bearer token (X1: 32 random bytes) and stores only its hash. */
export async function mintScimToken(
  ctx: RosterContext,
  tx: StorageTx,
  connection: { orgId: string; connectionId: string },
  createdBy: string | null,
  now: Date,
): Promise<ScimTokenSecret> {
  const token = SCIM_TOKEN_PREFIX + base64url(ctx.random.bytes(32))
  const id = ctx.ids()
  await tx.scimConnections.insertToken({
    id,
    orgId: connection.orgId,
    connectionId: connection.connectionId,
    hash: hashToken(token),
    hint: token.slice(-4),
    createdBy,
    createdAt: now,
    lastUsedAt: null,
    revokedAt: null,
  })
  return { connectionId: connection.connectionId, tokenId: id, token }
}

/** @internal `NOT_FOUND` for a SCIM connection id (also another org's: X7). */
export function scimConnectionNotFound(connectionId: string): RosterError<'NOT_FOUND'> {
  return rosterError('NOT_FOUND', {
    message: 'There is no such SCIM connection.',
    details: { entity: 'scim-connection', connectionId },
  })
}

/**
 * @internal The SCIM connection with its directory connection, for an actor holding
 * `connections:manage` in its org; `NOT_FOUND` to anyone else and for unknown ids (X7).
 */
export async function loadManagedScimConnection(
  repos: StorageRepositories,
  actor: Actor,
  orgId: string,
  connectionId: string,
): Promise<
  Result<
    { scim: ScimConnection; connection: Connection },
    RosterError<'NOT_FOUND' | 'FORBIDDEN' | 'ORG_NOT_FOUND'>
  >
> {
  const notFound = scimConnectionNotFound(connectionId)
  const access = await authorizeEntity(repos, actor, orgId, 'connections:manage', notFound)
  if (access.isErr()) return err(access.error)
  const scim = await repos.scimConnections.find(orgId, connectionId)
  const [connection] = scim ? await repos.connections.findByIds(orgId, [connectionId]) : []
  if (!scim || !connection) return err(notFound)
  return ok({ scim, connection })
}
