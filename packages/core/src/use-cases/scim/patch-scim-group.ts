import { err, ok, type Result, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { toAuditActor } from '../../domain/actor.js'
import type { FieldChange } from '../../domain/audit-event.js'
import { scimKey } from '../../domain/scim.js'
import { Id } from '../../domain/schemas.js'
import { policedText } from '../../domain/text-policy.js'
import { type RosterError, rosterError } from '../../errors.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction, type WriteScope } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import type { ScimPrincipal } from './authenticate-scim.js'
import {
  allMembers,
  changeMembers,
  displayNameTaken,
  groupVersionMismatch,
  loadGroup,
  MemberIds,
  ScimGroupDisplayName,
  type ScimGroupView,
  scimGroupNotFound,
  toScimGroupView,
} from './group-shared.js'
import { loadScimScope, ScimPrincipalInput, type ScimRequestScope, scimActor } from './user-shared.js'

export const PatchScimGroupInput = z.object({
  id: Id,
  /** If-Match: change nothing unless the group is still at this version (`CONFLICT`, SCIM 412). */
  ifVersion: z.number().int().min(1).optional(),
  /** A new `displayName` (SCIM `replace` of `displayName`). */
  displayName: ScimGroupDisplayName.optional(),
  externalId: policedText('line', { min: 0, max: 300 }).nullable().optional(),
  /** The members from now on (SCIM `replace` of `members`): who is not listed leaves. */
  members: MemberIds.optional(),
  /** Members who join (SCIM `add` of `members`); already members are skipped. */
  addMembers: MemberIds.optional(),
  /** Members who leave (SCIM `remove` of `members`, `members[value eq "…"]`); non-members are skipped. */
  removeMembers: MemberIds.optional(),
})
export type PatchScimGroupInput = z.input<typeof PatchScimGroupInput>
export type PatchScimGroupError = RosterError<
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'ORG_NOT_FOUND'
  | 'NOT_FOUND'
  | 'INVALID_STATE'
  | 'NOT_LICENSABLE'
  | 'NO_SEATS_AVAILABLE'
  | 'STORAGE_FAILURE'
>
type ParsedChange = Omit<z.output<typeof PatchScimGroupInput>, 'id'>

/**
 * Changes a group as a SCIM `PATCH /Groups/{id}` says (SC11, SC12), all in one transaction: a new
 * `displayName` or `externalId`, members who join and members who leave (or the whole member
 * list). Who joins gets what the group's mapping gives; who leaves loses what the group gave and
 * no other group gives — a role given by hand or by another group stays. A full pool fails the
 * whole request (`NO_SEATS_AVAILABLE`: concurrent PATCHes never oversell); a member id that is not
 * a user of the connection is `VALIDATION`; nothing is stored then. A PATCH that changes nothing
 * writes nothing. `addMembers`, `removeMembers` and `rename` are this with one field.
 *
 * @example
 * // Okta: PATCH with { op: 'add', path: 'members', value: [{ value: ada.id }] }
 * await roster.scim.groups.patch(principal, { id, addMembers: [ada.id], removeMembers: [grace.id] })
 */
export function patchScimGroup(
  ctx: RosterContext,
  principal: ScimPrincipal,
  input: PatchScimGroupInput,
): ResultAsync<ScimGroupView, PatchScimGroupError> {
  return runUseCase(async () => {
    const who = parseInput(ScimPrincipalInput, principal)
    if (who.isErr()) return err(who.error)
    const parsed = parseInput(PatchScimGroupInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { id, ...change } = parsed.value
    const both = (change.addMembers ?? []).filter((member) => (change.removeMembers ?? []).includes(member))
    if (both.length > 0) {
      return err(
        rosterError('VALIDATION', {
          details: { issues: [{ path: 'removeMembers', message: `Both added and removed: ${both[0]}` }] },
        }),
      )
    }
    return inTransaction(ctx, toAuditActor(scimActor(principal.connectionId)), async (w) => {
      const loaded = await loadScimScope(w.tx, principal)
      if (loaded.isErr()) return err(loaded.error)
      return patchInTransaction(w, loaded.value, id, change)
    })
  })
}

/** Members to add and remove to get from `current` to what `change` says. */
function memberDelta(current: readonly string[], change: ParsedChange) {
  const now = new Set(current)
  if (change.members !== undefined) {
    const target = new Set(change.members)
    return { add: [...target].filter((id) => !now.has(id)), remove: current.filter((id) => !target.has(id)) }
  }
  return {
    add: [...new Set(change.addMembers ?? [])].filter((id) => !now.has(id)),
    remove: [...new Set(change.removeMembers ?? [])].filter((id) => now.has(id)),
  }
}

/** @internal A PATCH (or, with every field, a PUT) of one group inside the request's transaction. */
export async function patchInTransaction(
  w: WriteScope,
  s: ScimRequestScope,
  id: string,
  change: ParsedChange,
): Promise<Result<ScimGroupView, PatchScimGroupError>> {
  const found = await loadGroup(w.tx, s, id)
  if (found.isErr()) return err(found.error)
  const group = found.value
  if (change.ifVersion !== undefined && change.ifVersion !== group.version) return err(groupVersionMismatch())
  const renamed = change.displayName !== undefined && change.displayName !== group.displayName
  const externalId = change.externalId === undefined ? undefined : (change.externalId ?? null)
  const readdressed = externalId !== undefined && externalId !== group.externalId
  const planned = memberDelta(await allMembers(w.tx, s.scope, id), change)
  // The same push twice changes nothing: no write, no audit row, the same version.
  if (!renamed && !readdressed && planned.add.length === 0 && planned.remove.length === 0)
    return ok(await toScimGroupView(w.tx, group))

  // The update comes first: it locks the group's row, so concurrent writes to one group take
  // turns, and each sees the mapping and members the one before it committed.
  const updated = await w.tx.scimGroups.update(
    s.scope,
    id,
    {
      ...(renamed ? { displayName: change.displayName!, displayNameKey: scimKey(change.displayName!) } : {}),
      ...(readdressed ? { externalId } : {}),
      updatedAt: w.now,
    },
    change.ifVersion !== undefined ? { ifVersion: change.ifVersion } : {},
  )
  if (updated.status === 'not-found') return err(scimGroupNotFound(id))
  if (updated.status === 'version-mismatch') return err(groupVersionMismatch())
  if (updated.status === 'conflict') return err(displayNameTaken(change.displayName!))
  const fresh = updated.group
  if (renamed || readdressed) {
    const changes: Record<string, FieldChange> = {}
    if (renamed) changes.displayName = { before: group.displayName, after: fresh.displayName }
    if (readdressed) changes.externalId = { before: group.externalId, after: fresh.externalId }
    await w.audit({
      orgId: s.scope.orgId,
      action: 'scim.group.updated',
      targetType: 'scim-group',
      targetId: id,
      changes,
    })
  }
  const { add, remove } = memberDelta(await allMembers(w.tx, s.scope, id), change)
  const changed = await changeMembers(w, s, fresh, add, remove)
  if (changed.isErr()) return err(changed.error)
  return ok(await toScimGroupView(w.tx, fresh))
}
