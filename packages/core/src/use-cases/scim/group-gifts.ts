// What a SCIM group gives its members and takes back (SC10, SC11). Every membership change of a
// group — a PATCH, a full push, mapping or unmapping it, deleting it — comes down to `giveMapping`
// for the members who joined and `takeBack` for those who left, inside the request's one
// transaction, through the same storage calls the admin use-cases make (grants, the seat claim
// that never oversells, the membership's department) and audited as the connection.
//
// Provenance is the rule that keeps hand-made access: a group records a thing for a member when it
// gave it, or when another group had already given it (so both hold it); never when the member
// held it already by hand. Taking back forgets this group's rows and removes a thing only when no
// row of any other group is left for it.
import { err, ok, type Result } from 'neverthrow'
import { grantKey, type StoredGrant, toStoredGrant } from '../../domain/grant.js'
import { seatChanges } from '../../domain/license.js'
import type { ScimGroupMapping, ScimGroupProvenance } from '../../domain/scim.js'
import type { RosterError } from '../../errors.js'
import { resolveGrants } from '../../internal/grants.js'
import type { WriteScope } from '../../internal/transaction.js'
import { licensableMember, noSeatsAvailable, poolNotFound } from '../licenses/shared.js'
import type { ScimRequestScope } from './user-shared.js'

/** What giving a mapping can fail with: the request then stores nothing (one transaction). */
export type GiveMappingError = RosterError<'NOT_FOUND' | 'NOT_LICENSABLE' | 'NO_SEATS_AVAILABLE'>

type Scope = { orgId: string; connectionId: string }
type Thing = Pick<ScimGroupProvenance, 'kind' | 'key'>

const thingKey = (accountId: string, thing: Thing) => `${accountId}\u0000${thing.kind}\u0000${thing.key}`

/**
 * Locks the members' grants for a read-modify-write (the row lock `roles.set` takes), in one
 * order (ascending ids) so two requests over the same people cannot deadlock. Only after the
 * locks are the provenance rows read: a concurrent request that gave or took the same thing has
 * committed by then, so "does another group still give it?" is answered from what is true.
 * Returns each member's current grants; members whose membership is gone are left out.
 */
async function lockMembers(w: WriteScope, orgId: string, accountIds: readonly string[]) {
  const held = new Map<string, StoredGrant[]>()
  for (const accountId of [...new Set(accountIds)].sort()) {
    const grants = await w.tx.grants.listForChange(orgId, accountId)
    if (grants) held.set(accountId, grants)
  }
  return held
}

/** Provenance rows of these accounts, indexed by (account, kind, key). */
async function provenanceIndex(w: WriteScope, orgId: string, accountIds: readonly string[]) {
  const index = new Map<string, ScimGroupProvenance[]>()
  if (accountIds.length === 0) return index
  for (const row of await w.tx.scimGroups.provenance(orgId, accountIds)) {
    const k = thingKey(row.accountId, row)
    index.set(k, [...(index.get(k) ?? []), row])
  }
  return index
}

/** The grants a role mapping gives one member: org-wide (`every`), or one per chosen resource. */
export function mappedGrants(
  orgId: string,
  accountId: string,
  mapping: Extract<ScimGroupMapping, { kind: 'role' }>,
): StoredGrant[] {
  if (mapping.resourceIds === 'every')
    return [toStoredGrant(orgId, accountId, { roleId: mapping.roleId, scope: 'org' })]
  return mapping.resourceIds.map((resourceId) =>
    toStoredGrant(orgId, accountId, { roleId: mapping.roleId, scope: { resourceId } }),
  )
}

/**
 * @internal Gives `mapping` to members who just joined group `groupId` (their member rows exist).
 * A role whose role or resources are gone (deleted since it was mapped) gives nothing; a pool that
 * is full is `NO_SEATS_AVAILABLE` and a guest in a license group `NOT_LICENSABLE`, failing the
 * whole request — the IdP retries, and nothing half-applied is left behind.
 */
export async function giveMapping(
  w: WriteScope,
  s: Pick<ScimRequestScope, 'scope' | 'access'>,
  groupId: string,
  mapping: ScimGroupMapping | null,
  accountIds: readonly string[],
): Promise<Result<void, GiveMappingError>> {
  if (mapping === null || accountIds.length === 0) return ok(undefined)
  const { orgId, connectionId } = s.scope
  const held = await lockMembers(w, orgId, accountIds)
  const members = [...held.keys()]
  const given = await provenanceIndex(w, orgId, members)
  const record: ScimGroupProvenance[] = []
  /** Records this group's row when it gives the thing or shares it with another group. */
  const note = (accountId: string, thing: Thing, isHeld: boolean): boolean => {
    const sharedWithGroups = (given.get(thingKey(accountId, thing)) ?? []).length > 0
    if (!isHeld || sharedWithGroups) record.push({ orgId, connectionId, groupId, accountId, ...thing })
    return !isHeld
  }

  if (mapping.kind === 'role') {
    const sample = mappedGrants(orgId, members[0] ?? '', mapping)
    // A stale mapping (role or resource deleted since) gives nothing rather than failing every push.
    if ((await resolveGrants(w.tx, s.access, sample)).isErr()) return ok(undefined)
    const toAdd: StoredGrant[] = []
    for (const accountId of members) {
      const current = new Set(held.get(accountId)!.map(grantKey))
      const added = mappedGrants(orgId, accountId, mapping).filter((grant) =>
        note(accountId, { kind: 'grant', key: grantKey(grant) }, current.has(grantKey(grant))),
      )
      if (added.length === 0) continue
      toAdd.push(...added)
      await w.audit({
        orgId,
        action: 'role.assigned',
        targetType: 'account',
        targetId: accountId,
        changes: { grants: { after: added.map(grantKey) }, scimGroup: { after: groupId } },
      })
      w.emit('role.assigned', { orgId, accountId, roleIds: [mapping.roleId], actor: w.actor })
    }
    await w.tx.grants.add(toAdd)
  } else if (mapping.kind === 'department') {
    if (!(await w.tx.departments.findById(orgId, mapping.departmentId))) return ok(undefined)
    for (const accountId of members) {
      const membership = await w.tx.memberships.find(orgId, accountId)
      if (!membership) continue
      const isHeld = membership.departmentId === mapping.departmentId
      if (!note(accountId, { kind: 'department', key: mapping.departmentId }, isHeld)) continue
      await w.tx.memberships.update(orgId, accountId, {
        departmentId: mapping.departmentId,
        updatedAt: w.now,
      })
      await w.audit({
        orgId,
        action: 'member.updated',
        targetType: 'account',
        targetId: accountId,
        changes: {
          departmentId: { before: membership.departmentId, after: mapping.departmentId },
          scimGroup: { after: groupId },
        },
      })
      w.emit('member.updated', { orgId, accountId, fields: ['departmentId'], actor: w.actor })
    }
  } else {
    const { product } = mapping
    for (const accountId of members) {
      const member = await licensableMember(w.tx, orgId, accountId, 'license seats')
      if (member.isErr()) return err(member.error)
      const claimed = await w.tx.licenses.claimSeat({ orgId, product }, { kind: 'member', accountId }, w.now)
      if (claimed.status === 'no-pool') return err(poolNotFound(product))
      if (claimed.status === 'exhausted') return err(noSeatsAvailable(product, claimed))
      if (!note(accountId, { kind: 'seat', key: product }, claimed.status !== 'claimed')) continue
      if (claimed.status === 'claimed') {
        const { seats, assigned } = claimed
        await w.audit({
          orgId,
          action: 'license.assigned',
          targetType: 'account',
          targetId: accountId,
          changes: {
            product: { after: product },
            ...seatChanges({ seats, assigned: assigned - 1 }, { seats, assigned }),
            scimGroup: { after: groupId },
          },
        })
        w.emit('license.assigned', { orgId, product, accountId, actor: w.actor })
      }
    }
  }
  await w.tx.scimGroups.recordProvenance(record)
  return ok(undefined)
}

/** A grant back from its `grantKey` (`roleId|scopeKind|scopeValue`; ids and types hold no `|`). */
function grantOfKey(key: string): Pick<StoredGrant, 'roleId' | 'scopeKind' | 'scopeValue'> {
  const [roleId = '', scopeKind = 'org', ...rest] = key.split('|')
  return { roleId, scopeKind: scopeKind as StoredGrant['scopeKind'], scopeValue: rest.join('|') }
}

/**
 * @internal Takes back from these members what group `groupId` gave them and no other group
 * still gives (SC11), and forgets the group's provenance rows. Call it while they are still
 * members of the group (before their member rows, or the group, are deleted). A founder's
 * org-wide `owner` grant is never taken (O2) — they held it by hand, so it has no rows.
 */
export async function takeBack(
  w: WriteScope,
  scope: Scope,
  groupId: string,
  accountIds: readonly string[],
): Promise<void> {
  if (accountIds.length === 0) return
  const { orgId } = scope
  // Only members this group gave something need the lock and the second read: an unmapped group's
  // 1,000 leaving members cost one read, not 1,000 row locks.
  const mineBefore = (await w.tx.scimGroups.provenance(orgId, accountIds)).filter(
    (row) => row.connectionId === scope.connectionId && row.groupId === groupId,
  )
  if (mineBefore.length === 0) return
  const held = await lockMembers(w, orgId, [...new Set(mineBefore.map((row) => row.accountId))])
  const given = await provenanceIndex(w, orgId, [...held.keys()])
  const mine: ScimGroupProvenance[] = []
  for (const rows of given.values()) {
    const own = rows.filter((row) => row.connectionId === scope.connectionId && row.groupId === groupId)
    if (own.length === 0) continue
    mine.push(...own)
    if (rows.length > own.length) continue // another group still gives it
    const { accountId, kind, key } = own[0]!
    if (kind === 'grant') {
      const removed = await w.tx.grants.remove(orgId, accountId, [grantOfKey(key)])
      if (removed === 0) continue
      await w.audit({
        orgId,
        action: 'role.revoked',
        targetType: 'account',
        targetId: accountId,
        changes: { grants: { before: [key] }, scimGroup: { before: groupId } },
      })
      w.emit('role.revoked', { orgId, accountId, roleId: grantOfKey(key).roleId, actor: w.actor })
    } else if (kind === 'department') {
      const membership = await w.tx.memberships.find(orgId, accountId)
      // Moved elsewhere since (by hand or by another group): that department stays.
      if (!membership || membership.departmentId !== key) continue
      await w.tx.memberships.update(orgId, accountId, { departmentId: null, updatedAt: w.now })
      await w.audit({
        orgId,
        action: 'member.updated',
        targetType: 'account',
        targetId: accountId,
        changes: { departmentId: { before: key, after: null }, scimGroup: { before: groupId } },
      })
      w.emit('member.updated', { orgId, accountId, fields: ['departmentId'], actor: w.actor })
    } else {
      const released = await w.tx.licenses.releaseSeat({ orgId, product: key }, { kind: 'member', accountId })
      if (released.status === 'not-held') continue
      const { seats, assigned } = released
      await w.audit({
        orgId,
        action: 'license.unassigned',
        targetType: 'account',
        targetId: accountId,
        changes: {
          product: { before: key },
          ...seatChanges({ seats, assigned: assigned + 1 }, { seats, assigned }),
          scimGroup: { before: groupId },
        },
      })
      w.emit('license.unassigned', { orgId, product: key, accountId, actor: w.actor })
    }
  }
  await w.tx.scimGroups.forgetProvenance(mine)
}
