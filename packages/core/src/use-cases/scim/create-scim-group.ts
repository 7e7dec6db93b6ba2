import { err, ok, type ResultAsync } from 'neverthrow'
import type * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { toAuditActor } from '../../domain/actor.js'
import { scimKey } from '../../domain/scim.js'
import type { RosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import type { ScimPrincipal } from './authenticate-scim.js'
import {
  changeMembers,
  displayNameTaken,
  newGroupRow,
  ScimGroupFields,
  type ScimGroupView,
  toScimGroupView,
} from './group-shared.js'
import { loadScimScope, ScimPrincipalInput, scimActor } from './user-shared.js'

export const CreateScimGroupInput = ScimGroupFields
export type CreateScimGroupInput = z.input<typeof CreateScimGroupInput>
export type CreateScimGroupError = RosterError<
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'ORG_NOT_FOUND'
  | 'INVALID_STATE'
  | 'NOT_FOUND'
  | 'NOT_LICENSABLE'
  | 'NO_SEATS_AVAILABLE'
  | 'STORAGE_FAILURE'
>

/**
 * Creates a group an IdP pushed (SC6, SC12; SCIM `POST /Groups`) with its first members, users of
 * the same connection. A new group is unmapped: it gives nothing until an admin maps it
 * (`roster.scim.mapGroup`). A `displayName` the connection has, ignoring case, is `INVALID_STATE`
 * (`details.reason: 'displayName'`, SCIM 409 `uniqueness`); a member id that is not a user of the
 * connection is `VALIDATION`. Either way nothing is stored. Audited as `scim.group.created`.
 *
 * @example
 * const group = await roster.scim.groups.create(principal, {
 *   displayName: 'Engineering', externalId: 'okta-00g1', members: [ada.id, grace.id],
 * })
 */
export function createScimGroup(
  ctx: RosterContext,
  principal: ScimPrincipal,
  input: CreateScimGroupInput,
): ResultAsync<ScimGroupView, CreateScimGroupError> {
  return runUseCase(async () => {
    const who = parseInput(ScimPrincipalInput, principal)
    if (who.isErr()) return err(who.error)
    const parsed = parseInput(CreateScimGroupInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const fields = parsed.value
    return inTransaction(ctx, toAuditActor(scimActor(principal.connectionId)), async (w) => {
      const loaded = await loadScimScope(w.tx, principal)
      if (loaded.isErr()) return err(loaded.error)
      const s = loaded.value
      if (await w.tx.scimGroups.findByDisplayName(s.scope, scimKey(fields.displayName)))
        return err(displayNameTaken(fields.displayName))
      const group = newGroupRow(ctx, s.scope, fields, w.now)
      // A concurrent POST of the same displayName won (the unique index): this one stores nothing.
      if ((await w.tx.scimGroups.insert(group)).status === 'conflict')
        return err(displayNameTaken(fields.displayName))
      await w.audit({
        orgId: s.scope.orgId,
        action: 'scim.group.created',
        targetType: 'scim-group',
        targetId: group.id,
        changes: {
          displayName: { after: group.displayName },
          ...(group.externalId !== null ? { externalId: { after: group.externalId } } : {}),
        },
      })
      const changed = await changeMembers(w, s, group, fields.members, [])
      if (changed.isErr()) return err(changed.error)
      return ok(await toScimGroupView(w.tx, group))
    })
  })
}
