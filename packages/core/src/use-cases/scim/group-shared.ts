// What the SCIM group use-cases share (SC6, SC10–SC13): the group a request describes, the view it
// answers with, and the membership change every write comes down to — members checked against the
// connection's users, rows added and removed, what the mapping gives applied and taken back.
import { err, ok, type Result } from 'neverthrow'
import * as z from 'zod'
import type { RosterContext } from '../../context.js'
import { type ScimGroup, type ScimGroupMapping, scimKey } from '../../domain/scim.js'
import { Id } from '../../domain/schemas.js'
import { policedText } from '../../domain/text-policy.js'
import { type RosterError, rosterError } from '../../errors.js'
import type { WriteScope } from '../../internal/transaction.js'
import type { StorageRepositories } from '../../ports/storage.js'
import { type GiveMappingError, giveMapping, takeBack } from './group-gifts.js'
import type { ScimRequestScope } from './user-shared.js'

/** At most this many members in one request (a group push or PATCH): RFC 7644 `maxOperations` territory. */
export const MAX_GROUP_MEMBERS_PER_REQUEST = 10_000

/** SCIM user ids (account ids) of a group's members, each once. */
export const MemberIds = z
  .array(Id)
  .max(MAX_GROUP_MEMBERS_PER_REQUEST, `At most ${MAX_GROUP_MEMBERS_PER_REQUEST} members per request`)

export const ScimGroupDisplayName = policedText('line', { max: 300 })

/** One group as a SCIM request describes it (POST, PUT), after the protocol package read the JSON. */
export const ScimGroupFields = z.object({
  /** SCIM `displayName`: unique per connection, compared ignoring case. */
  displayName: ScimGroupDisplayName,
  externalId: policedText('line', { min: 0, max: 300 }).nullish(),
  /** The SCIM ids of the members: users of the same connection. */
  members: MemberIds.default([]),
})
export type ScimGroupFields = z.input<typeof ScimGroupFields>

/** What a group gives its members (SC10), as an admin maps it; null unmaps. */
export const ScimGroupMappingInput = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('role'),
      roleId: Id,
      /** `every`: the role org-wide, so at every resource (also later ones); or these resources. */
      resourceIds: z.union([
        z.literal('every'),
        z.array(Id).min(1, 'Choose at least one resource, or every').max(500, 'At most 500 resources'),
      ]),
    }),
    z.object({ kind: z.literal('department'), departmentId: Id }),
    z.object({ kind: z.literal('license'), product: policedText('key', { max: 100 }) }),
  ])
  .nullable()
export type ScimGroupMappingInput = z.input<typeof ScimGroupMappingInput>

/** A SCIM group as Roster answers it; the protocol package renders SCIM JSON from it. */
export interface ScimGroupView {
  /** The SCIM `id`. */
  id: string
  displayName: string
  externalId: string | null
  /** SCIM ids (account ids) of the members, ascending; omitted when the caller asked without members. */
  members?: string[]
  memberCount: number
  /** What it gives its members (SC10); null: nothing. */
  mapping: ScimGroupMapping | null
  /** For `meta.version` (ETag `W/"<version>"`). */
  version: number
  created: string
  lastModified: string
}

/** @internal `NOT_FOUND` for a SCIM group id (unknown, another connection's, another org's: SC2). */
export function scimGroupNotFound(id: string): RosterError<'NOT_FOUND'> {
  return rosterError('NOT_FOUND', {
    message: 'There is no such group.',
    details: { entity: 'scim-group', id },
  })
}

/** A displayName the connection has (ignoring case): SCIM 409 `uniqueness`. */
export function displayNameTaken(displayName: string): RosterError<'INVALID_STATE'> {
  return rosterError('INVALID_STATE', {
    message: `A group with the displayName "${displayName}" already exists.`,
    details: { reason: 'displayName', displayName },
  })
}

/** An If-Match version that is no longer current: SCIM 412 (as for users). */
export function groupVersionMismatch(): RosterError<'CONFLICT'> {
  return rosterError('CONFLICT', {
    message: 'The group changed since the version given (If-Match).',
    details: { reason: 'version' },
  })
}

/** @internal Every member of a group, ascending (paged through storage). */
export async function allMembers(
  repos: StorageRepositories,
  scope: { orgId: string; connectionId: string },
  groupId: string,
): Promise<string[]> {
  const members: string[] = []
  for (;;) {
    const after = members.at(-1)
    const page = await repos.scimGroups.members(scope, groupId, {
      ...(after !== undefined ? { afterId: after } : {}),
      limit: 1000,
    })
    members.push(...page)
    if (page.length < 1000) return members
  }
}

/** @internal The view of a group, with its members unless `withMembers` is false. */
export async function toScimGroupView(
  repos: StorageRepositories,
  group: ScimGroup,
  withMembers = true,
): Promise<ScimGroupView> {
  const members = await allMembers(repos, group, group.id)
  return {
    id: group.id,
    displayName: group.displayName,
    externalId: group.externalId,
    ...(withMembers ? { members } : {}),
    memberCount: members.length,
    mapping: group.mapping,
    version: group.version,
    created: group.createdAt.toISOString(),
    lastModified: group.updatedAt.toISOString(),
  }
}

/** The new row of a group a SCIM request creates. */
export function newGroupRow(
  ctx: RosterContext,
  scope: { orgId: string; connectionId: string },
  fields: { displayName: string; externalId?: string | null | undefined },
  now: Date,
): ScimGroup {
  return {
    ...scope,
    id: ctx.ids(),
    displayName: fields.displayName,
    displayNameKey: scimKey(fields.displayName),
    externalId: fields.externalId ?? null,
    mapping: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  }
}

export type MemberChangeError = RosterError<'VALIDATION'> | GiveMappingError

/**
 * @internal Changes a group's members by `add` and `remove` (disjoint; ids already in or out are
 * skipped) and applies the mapping: what it gives to who joined, what it gave back from who left
 * (SC11). Every id added must be a user of the connection (`VALIDATION`, SCIM 400 `invalidValue`);
 * ids removed that are not users are skipped. Returns whether anything changed.
 */
export async function changeMembers(
  w: WriteScope,
  s: ScimRequestScope,
  group: ScimGroup,
  add: readonly string[],
  remove: readonly string[],
): Promise<Result<boolean, MemberChangeError>> {
  const { scope } = s
  const adding = [...new Set(add)]
  if (adding.length > 0) {
    const users = new Set((await w.tx.scimUsers.findMany(scope, adding)).map((user) => user.accountId))
    const unknown = adding.filter((id) => !users.has(id))
    if (unknown.length > 0) {
      return err(
        rosterError('VALIDATION', {
          message: `No user of this connection has the id ${unknown[0]}.`,
          details: {
            issues: [{ path: 'members', message: `Unknown member ids: ${unknown.slice(0, 20).join(', ')}` }],
          },
        }),
      )
    }
  }
  const removing = [...new Set(remove)]
  // Take back while they are still members: their provenance rows go with their member rows.
  const leaving = removing.length > 0 ? await membersAmong(w, scope, group.id, removing) : []
  await takeBack(w, scope, group.id, leaving)
  const removed = await w.tx.scimGroups.removeMembers(scope, group.id, leaving)
  const added = await w.tx.scimGroups.addMembers(scope, group.id, adding)
  const given = await giveMapping(w, s, group.id, group.mapping, added)
  if (given.isErr()) return err(given.error)
  if (added.length > 0 || removed.length > 0) {
    await w.audit({
      orgId: scope.orgId,
      action: 'scim.group.members-changed',
      targetType: 'scim-group',
      targetId: group.id,
      changes: {
        ...(added.length > 0
          ? { added: { after: added.slice(0, 100) }, addedCount: { after: added.length } }
          : {}),
        ...(removed.length > 0
          ? { removed: { before: removed.slice(0, 100) }, removedCount: { after: removed.length } }
          : {}),
      },
    })
  }
  return ok(added.length > 0 || removed.length > 0)
}

/** Which of `ids` are members of the group now. */
async function membersAmong(
  w: WriteScope,
  scope: { orgId: string; connectionId: string },
  groupId: string,
  ids: readonly string[],
): Promise<string[]> {
  const wanted = new Set(ids)
  return (await allMembers(w.tx, scope, groupId)).filter((id) => wanted.has(id))
}

/** @internal The group of the request's connection, or `NOT_FOUND`. */
export async function loadGroup(
  repos: StorageRepositories,
  s: ScimRequestScope,
  id: string,
): Promise<Result<ScimGroup, RosterError<'NOT_FOUND'>>> {
  const group = await repos.scimGroups.find(s.scope, id)
  return group ? ok(group) : err(scimGroupNotFound(id))
}
