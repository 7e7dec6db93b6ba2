import { err, ok, type Result, type ResultAsync } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type Actor, toAuditActor } from '../../domain/actor.js'
import type { ScimGroupMapping } from '../../domain/scim.js'
import { Id } from '../../domain/schemas.js'
import type { RosterError } from '../../errors.js'
import { loadAccess, type OrgAccess } from '../../internal/authorize.js'
import { checkDepartment, checkMayGrant, resolveGrants } from '../../internal/grants.js'
import { parseInput } from '../../internal/parse.js'
import { inTransaction, type WriteScope } from '../../internal/transaction.js'
import { runUseCase } from '../../internal/use-case.js'
import { poolNotFound, requireAny } from '../licenses/shared.js'
import { loadManagedScimConnection } from './connection-shared.js'
import { giveMapping, mappedGrants, takeBack } from './group-gifts.js'
import {
  allMembers,
  ScimGroupMappingInput,
  type ScimGroupView,
  scimGroupNotFound,
  toScimGroupView,
} from './group-shared.js'
import { scimActor } from './user-shared.js'

export const MapScimGroupInput = z.object({
  orgId: Id,
  connectionId: Id,
  groupId: Id,
  /** What the group gives its members from now on; null: nothing. */
  mapping: ScimGroupMappingInput,
})
export type MapScimGroupInput = z.input<typeof MapScimGroupInput>
export type MapScimGroupError = RosterError<
  | 'VALIDATION'
  | 'FORBIDDEN'
  | 'ORG_NOT_FOUND'
  | 'NOT_FOUND'
  | 'ESCALATION'
  | 'DEPARTMENT_NOT_FOUND'
  | 'NOT_LICENSABLE'
  | 'NO_SEATS_AVAILABLE'
  | 'STORAGE_FAILURE'
>

const same = (a: ScimGroupMapping | null, b: ScimGroupMapping | null) =>
  JSON.stringify(a) === JSON.stringify(b)

/**
 * Maps a SCIM group to what it gives its members (SC10; `connections:manage`): a role at chosen
 * resources or org-wide (`resourceIds: 'every'`), a department, or a seat of a license pool; null
 * unmaps it. The admin must be allowed to hand out what the group will (R3: `roles:assign` and
 * every permission of the role at its scope, else `FORBIDDEN`/`ESCALATION`; `licenses:assign` for
 * a pool). In one transaction the members lose what the old mapping gave (SC11: only what the group
 * gave and no other group gives) and get the new one; a pool too small for every member is
 * `NO_SEATS_AVAILABLE` and nothing changes. Audited as `scim.group.mapped`.
 *
 * @example
 * await roster.scim.mapGroup(admin, {
 *   orgId, connectionId, groupId,
 *   mapping: { kind: 'role', roleId: caretaker.id, resourceIds: [towerA.id, towerB.id] },
 * })
 * await roster.scim.mapGroup(admin, { orgId, connectionId, groupId, mapping: { kind: 'license', product: 'one-office' } })
 */
export function mapScimGroup(
  ctx: RosterContext,
  actor: Actor,
  input: MapScimGroupInput,
): ResultAsync<ScimGroupView, MapScimGroupError> {
  return runUseCase(async () => {
    const parsed = parseInput(MapScimGroupInput, input)
    if (parsed.isErr()) return err(parsed.error)
    const { orgId, connectionId, groupId } = parsed.value
    const mapping = parsed.value.mapping as ScimGroupMapping | null
    return inTransaction(
      ctx,
      toAuditActor(actor),
      async (w): Promise<Result<ScimGroupView, MapScimGroupError>> => {
        const loaded = await loadManagedScimConnection(w.tx, actor, orgId, connectionId)
        if (loaded.isErr()) return err(loaded.error)
        const access = await loadAccess(w.tx, actor, orgId)
        if (access.isErr()) return err(access.error)
        const allowed = await checkMappable(w, access.value, orgId, mapping)
        if (allowed.isErr()) return err(allowed.error)
        const scope = { orgId, connectionId }
        const group = await w.tx.scimGroups.find(scope, groupId)
        if (!group) return err(scimGroupNotFound(groupId))
        if (same(group.mapping, mapping)) return ok(await toScimGroupView(w.tx, group, false))

        // The update locks the group's row first: a concurrent PATCH adding members waits, then
        // gives them the new mapping.
        const updated = await w.tx.scimGroups.update(scope, groupId, { mapping, updatedAt: w.now })
        if (updated.status !== 'updated') return err(scimGroupNotFound(groupId))
        // What the group gives is given as the connection would (system access in this org only);
        // the audit rows name the admin who mapped it.
        const system = await loadAccess(w.tx, scimActor(connectionId), orgId)
        if (system.isErr()) return err(system.error)
        const members = await allMembers(w.tx, scope, groupId)
        await takeBack(w, scope, groupId, members)
        const given = await giveMapping(w, { scope, access: system.value }, groupId, mapping, members)
        if (given.isErr()) return err(given.error)
        await w.audit({
          orgId,
          action: 'scim.group.mapped',
          targetType: 'scim-group',
          targetId: groupId,
          changes: {
            mapping: { before: group.mapping, after: mapping },
            connectionId: { after: connectionId },
          },
        })
        return ok(await toScimGroupView(w.tx, updated.group, false))
      },
    )
  })
}

/** R3 for what the group would give, checked against the admin mapping it. */
async function checkMappable(
  w: WriteScope,
  access: OrgAccess,
  orgId: string,
  mapping: ScimGroupMapping | null,
): Promise<Result<void, MapScimGroupError>> {
  if (mapping === null) return ok(undefined)
  if (mapping.kind === 'role') {
    const resolved = await resolveGrants(w.tx, access, mappedGrants(orgId, '', mapping))
    if (resolved.isErr()) return err(resolved.error)
    for (const one of resolved.value) {
      const may = checkMayGrant(access, one)
      if (may.isErr()) return err(may.error)
    }
    return ok(undefined)
  }
  if (mapping.kind === 'department') {
    const department = await checkDepartment(w.tx, orgId, mapping.departmentId)
    return department.isErr() ? err(department.error) : ok(undefined)
  }
  const may = requireAny(access, ['licenses:assign'])
  if (may.isErr()) return err(may.error)
  if (!(await w.tx.licenses.findPool({ orgId, product: mapping.product })))
    return err(poolNotFound(mapping.product))
  return ok(undefined)
}
