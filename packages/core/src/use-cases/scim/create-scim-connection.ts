import { err, ok, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, isSystemActor, toAuditActor } from '../../domain/actor.js'
import { newConnection } from '../../domain/connection.js'
import { scimSourceKey } from '../../domain/scim.js'
import { Id } from '../../domain/schemas.js'
import { policedText } from '../../domain/text-policy.js'
import { type RosterError, rosterError } from '../../errors.js'
import { authorize } from '../../internal/authorize.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import {
  mintScimToken,
  type ScimConnectionView,
  type ScimTokenSecret,
  toScimConnectionView,
} from './connection-shared.js'

export const CreateScimConnectionInput = z
  .object({
    orgId: Id,
    /** The admin's label, unique in the org ("Okta", "Entra ID"). */
    name: policedText('line', { max: 100 }),
    /** How new people get in (SC4): an activation mail (default), an SSO identity link, or nothing yet. */
    credential: z.enum(['activation-link', 'sso', 'none']).default('activation-link'),
    /** With `credential: 'sso'`: the provider new accounts are linked to (`accounts.findByIdentity`, A16). */
    ssoProvider: policedText('key', { max: 100 }).optional(),
    /** Membership type of provisioned people (default `employee`: licensable). */
    memberType: z.enum(['employee', 'guest']).default('employee'),
    /** What a SCIM DELETE does (SC5): `disable` the membership (default) or `remove` it. */
    deprovision: z.enum(['disable', 'remove']).default('disable'),
  })
  .refine((input) => input.credential !== 'sso' || input.ssoProvider !== undefined, {
    path: ['ssoProvider'],
    message: 'Required when credential is sso',
  })
export type CreateScimConnectionInput = z.input<typeof CreateScimConnectionInput>
export type CreateScimConnectionError = RosterError<
  'VALIDATION' | 'FORBIDDEN' | 'ORG_NOT_FOUND' | 'INVALID_STATE' | 'STORAGE_FAILURE'
>

/**
 * Creates a SCIM connection for an org (SC1; `connections:manage`): a directory connection whose
 * source is SCIM, and its first bearer token — returned this once, stored only as a hash (X1).
 * Every SCIM request with the token acts in this org only (SC2). A second connection of the same
 * name is `INVALID_STATE`; nothing is stored. Emits `connection.created`.
 *
 * @example
 * const created = await roster.scim.createConnection(admin, { orgId, name: 'Okta' })
 * if (created.isOk()) showOnce(created.value.secret.token) // paste it into Okta's API token field
 */
export function createScimConnection(
  ctx: RosterContext,
  actor: Actor,
  input: CreateScimConnectionInput,
): ResultAsync<{ connection: ScimConnectionView; secret: ScimTokenSecret }, CreateScimConnectionError> {
  return runUseCase(async () => {
    const parsed = parseInput(CreateScimConnectionInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, name, credential, memberType, deprovision } = parsed.value
    const ssoProvider = credential === 'sso' ? (parsed.value.ssoProvider ?? null) : null
    return inTransaction(ctx, toAuditActor(actor), async (w) => {
      const access = await authorize(w.tx, actor, orgId, 'connections:manage')
      if (access.isErr()) return err(access.error)
      const createdBy = isSystemActor(actor) ? null : actor.accountId
      // Scheduled runs never pick it (no interval): the IdP pushes, nothing pulls.
      const connection = newConnection({
        id: ctx.ids(),
        orgId,
        kind: 'directory',
        sourceKey: scimSourceKey(name),
        onMissing: deprovision,
        intervalMinutes: null,
        createdBy,
        now: w.now,
      })
      const taken = rosterError('INVALID_STATE', {
        message: `This organization already has a SCIM connection named "${name}".`,
        details: { reason: 'already-connected' },
      })
      const inserted = await w.tx.connections.insert(connection)
      if (inserted.status === 'exists') return err(taken)
      const scim = {
        connectionId: connection.id,
        orgId,
        name,
        credential,
        ssoProvider,
        memberType,
        createdAt: w.now,
        updatedAt: w.now,
      }
      // An error answer rolls the whole transaction back, the connection row with it.
      if ((await w.tx.scimConnections.insert(scim)).status === 'exists') return err(taken)
      const secret = await mintScimToken(ctx, w.tx, scim, createdBy, w.now)
      await w.audit({
        orgId,
        action: 'connection.created',
        targetType: 'connection',
        targetId: connection.id,
        changes: {
          sourceKey: { after: connection.sourceKey },
          credential: { after: credential },
          memberType: { after: memberType },
          onMissing: { after: deprovision },
          token: {},
        },
      })
      w.emit('connection.created', { orgId, connectionId: connection.id, actor: w.actor })
      const tokens = await w.tx.scimConnections.listTokens(orgId, connection.id)
      return ok({ connection: toScimConnectionView(scim, connection, tokens), secret })
    })
  })
}
