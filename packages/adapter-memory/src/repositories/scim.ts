import type { ScimConnection, ScimGroup, ScimGroupProvenance, ScimToken, ScimUser } from '@roster/core'
import type {
  ScimConnectionsRepository,
  ScimGroupsRepository,
  ScimScope,
  ScimUsersRepository,
} from '@roster/core/storage'
import { copy, definedFields, type TableAccess } from '../database.js'
import { SCIM_TABLES } from '../tables.js'
import type { Unit } from './unit.js'

const key = (...parts: string[]) => parts.join('\u0000')
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

interface NameRow {
  orgId: string
  connectionId: string
  /** Set on user names, so a membership's removal takes its name too. */
  accountId?: string
  id: string
}

interface MemberRow {
  orgId: string
  connectionId: string
  groupId: string
  accountId: string
}

const provenanceKey = (row: ScimGroupProvenance) =>
  key(row.orgId, row.accountId, row.kind, row.key, row.connectionId, row.groupId)

/** Drops the provenance rows of group members that are gone (the Postgres foreign key's cascade). */
function dropProvenance(t: TableAccess, gone: (row: ScimGroupProvenance) => boolean): void {
  const table = t.write<ScimGroupProvenance>(SCIM_TABLES.groupProvenance)
  for (const [k, row] of table) if (gone(row)) table.delete(k)
}

function rowsOf<Row extends { orgId: string; connectionId: string }>(
  t: TableAccess,
  table: string,
  scope: ScimScope,
): Row[] {
  const rows: Row[] = []
  for (const row of t.read<Row>(table).values())
    if (row.orgId === scope.orgId && row.connectionId === scope.connectionId) rows.push(row)
  return rows
}

export function scimConnectionsRepository(unit: Unit): ScimConnectionsRepository {
  const { connections, tokens, tokenHashes } = SCIM_TABLES
  return {
    insert: (connection) =>
      unit.write((t) => {
        const name = connection.name.trim().toLowerCase()
        for (const other of t.read<ScimConnection>(connections).values())
          if (other.orgId === connection.orgId && other.name.trim().toLowerCase() === name)
            return { status: 'exists' } as const
        t.write<ScimConnection>(connections).set(connection.connectionId, copy(connection))
        return { status: 'inserted' } as const
      }),
    find: (orgId, connectionId) =>
      unit.read((t) => {
        const found = t.read<ScimConnection>(connections).get(connectionId)
        return found && found.orgId === orgId ? copy(found) : null
      }),
    list: (orgId) =>
      unit.read((t) =>
        [...t.read<ScimConnection>(connections).values()]
          .filter((c) => c.orgId === orgId)
          .sort((a, b) => byString(a.connectionId, b.connectionId))
          .map(copy),
      ),
    insertToken: (token) =>
      unit.write((t) => {
        t.write<ScimToken>(tokens).set(token.id, copy(token))
        t.write<{ orgId: string; id: string }>(tokenHashes).set(token.hash, {
          orgId: token.orgId,
          id: token.id,
        })
      }),
    findTokenByHash: (hash) =>
      unit.read((t) => {
        const ref = t.read<{ id: string }>(tokenHashes).get(hash)
        const token = ref ? t.read<ScimToken>(tokens).get(ref.id) : undefined
        return token ? copy(token) : null
      }),
    listTokens: (orgId, connectionId) =>
      unit.read((t) =>
        [...t.read<ScimToken>(tokens).values()]
          .filter((token) => token.orgId === orgId && token.connectionId === connectionId)
          .sort((a, b) => byString(b.id, a.id))
          .map(copy),
      ),
    revokeTokens: (orgId, connectionId, now, exceptId) =>
      unit.write((t) => {
        let revoked = 0
        const table = t.write<ScimToken>(tokens)
        for (const [id, token] of table) {
          if (token.orgId !== orgId || token.connectionId !== connectionId) continue
          if (token.revokedAt !== null || id === exceptId) continue
          table.set(id, { ...token, revokedAt: now })
          revoked++
        }
        return revoked
      }),
    touchToken: (orgId, tokenId, now, staleBefore) =>
      unit.write((t) => {
        const token = t.read<ScimToken>(tokens).get(tokenId)
        if (!token || token.orgId !== orgId) return
        if (token.lastUsedAt !== null && token.lastUsedAt >= staleBefore) return
        t.write<ScimToken>(tokens).set(tokenId, { ...token, lastUsedAt: now })
      }),
  }
}

export function scimUsersRepository(unit: Unit): ScimUsersRepository {
  const { users, userNames, groupMembers } = SCIM_TABLES
  const get = (t: TableAccess, scope: ScimScope, accountId: string) => {
    const user = t.read<ScimUser>(users).get(key(scope.connectionId, accountId))
    return user && user.orgId === scope.orgId ? user : undefined
  }
  return {
    insert: (user) =>
      unit.write((t) => {
        const scope = { orgId: user.orgId, connectionId: user.connectionId }
        if (t.read(userNames).has(key(user.connectionId, user.userNameKey)))
          return { status: 'conflict', field: 'userName' } as const
        if (get(t, scope, user.accountId)) return { status: 'conflict', field: 'accountId' } as const
        t.write<ScimUser>(users).set(key(user.connectionId, user.accountId), copy(user))
        t.write<NameRow>(userNames).set(key(user.connectionId, user.userNameKey), {
          orgId: user.orgId,
          connectionId: user.connectionId,
          accountId: user.accountId,
          id: user.accountId,
        })
        return { status: 'inserted' } as const
      }),
    find: (scope, accountId) =>
      unit.read((t) => {
        const user = get(t, scope, accountId)
        return user ? copy(user) : null
      }),
    findByUserName: (scope, userNameKey) =>
      unit.read((t) => {
        const ref = t.read<NameRow>(userNames).get(key(scope.connectionId, userNameKey))
        const user = ref && ref.orgId === scope.orgId ? get(t, scope, ref.id) : undefined
        return user ? copy(user) : null
      }),
    findByExternalId: (scope, externalId) =>
      unit.read((t) =>
        rowsOf<ScimUser>(t, users, scope)
          .filter((user) => user.externalId === externalId)
          .sort((a, b) => byString(a.accountId, b.accountId))
          .map(copy),
      ),
    findMany: (scope, accountIds) =>
      unit.read((t) =>
        [...new Set(accountIds)].flatMap((id) => {
          const user = get(t, scope, id)
          return user ? [copy(user)] : []
        }),
      ),
    update: (scope, accountId, patch, options = {}) =>
      unit.write((t) => {
        const current = get(t, scope, accountId)
        if (!current) return { status: 'not-found' } as const
        if (options.ifVersion !== undefined && current.version !== options.ifVersion)
          return { status: 'version-mismatch', user: copy(current) } as const
        const next: ScimUser = { ...current, ...definedFields(patch), version: current.version + 1 }
        if (next.userNameKey !== current.userNameKey) {
          const taken = t.read(userNames).has(key(scope.connectionId, next.userNameKey))
          if (taken) return { status: 'conflict', field: 'userName' } as const
          t.write(userNames).delete(key(scope.connectionId, current.userNameKey))
          t.write<NameRow>(userNames).set(key(scope.connectionId, next.userNameKey), {
            orgId: scope.orgId,
            connectionId: scope.connectionId,
            accountId,
            id: accountId,
          })
        }
        t.write<ScimUser>(users).set(key(scope.connectionId, accountId), next)
        return { status: 'updated', user: copy(next) } as const
      }),
    delete: (scope, accountId) =>
      unit.write((t) => {
        const current = get(t, scope, accountId)
        if (!current) return false
        t.write(users).delete(key(scope.connectionId, accountId))
        t.write(userNames).delete(key(scope.connectionId, current.userNameKey))
        const members = t.write<MemberRow>(groupMembers)
        for (const [k, row] of members)
          if (row.connectionId === scope.connectionId && row.accountId === accountId) members.delete(k)
        dropProvenance(t, (row) => row.connectionId === scope.connectionId && row.accountId === accountId)
        return true
      }),
    page: (scope, { afterId, limit }) =>
      unit.read((t) =>
        rowsOf<ScimUser>(t, users, scope)
          .filter((user) => afterId === undefined || user.accountId > afterId)
          .sort((a, b) => byString(a.accountId, b.accountId))
          .slice(0, Math.max(0, limit))
          .map(copy),
      ),
    count: (scope) => unit.read((t) => rowsOf(t, users, scope).length),
  }
}

export function scimGroupsRepository(unit: Unit): ScimGroupsRepository {
  const { groups, groupNames, groupMembers, groupProvenance } = SCIM_TABLES
  const get = (t: TableAccess, scope: ScimScope, id: string) => {
    const group = t.read<ScimGroup>(groups).get(key(scope.connectionId, id))
    return group && group.orgId === scope.orgId ? group : undefined
  }
  return {
    insert: (group) =>
      unit.write((t) => {
        if (t.read(groupNames).has(key(group.connectionId, group.displayNameKey)))
          return { status: 'conflict', field: 'displayName' } as const
        if (t.read(groups).has(key(group.connectionId, group.id)))
          return { status: 'conflict', field: 'id' } as const
        t.write<ScimGroup>(groups).set(key(group.connectionId, group.id), copy(group))
        t.write<NameRow>(groupNames).set(key(group.connectionId, group.displayNameKey), {
          orgId: group.orgId,
          connectionId: group.connectionId,
          id: group.id,
        })
        return { status: 'inserted' } as const
      }),
    find: (scope, id) =>
      unit.read((t) => {
        const group = get(t, scope, id)
        return group ? copy(group) : null
      }),
    findByDisplayName: (scope, displayNameKey) =>
      unit.read((t) => {
        const ref = t.read<NameRow>(groupNames).get(key(scope.connectionId, displayNameKey))
        const group = ref && ref.orgId === scope.orgId ? get(t, scope, ref.id) : undefined
        return group ? copy(group) : null
      }),
    findByExternalId: (scope, externalId) =>
      unit.read((t) =>
        rowsOf<ScimGroup>(t, groups, scope)
          .filter((group) => group.externalId === externalId)
          .sort((a, b) => byString(a.id, b.id))
          .map(copy),
      ),
    update: (scope, id, patch, options = {}) =>
      unit.write((t) => {
        const current = get(t, scope, id)
        if (!current) return { status: 'not-found' } as const
        if (options.ifVersion !== undefined && current.version !== options.ifVersion)
          return { status: 'version-mismatch', group: copy(current) } as const
        const next: ScimGroup = { ...current, ...definedFields(patch), version: current.version + 1 }
        if (patch.mapping === null) next.mapping = null
        if (patch.externalId === null) next.externalId = null
        if (next.displayNameKey !== current.displayNameKey) {
          if (t.read(groupNames).has(key(scope.connectionId, next.displayNameKey)))
            return { status: 'conflict', field: 'displayName' } as const
          t.write(groupNames).delete(key(scope.connectionId, current.displayNameKey))
          t.write<NameRow>(groupNames).set(key(scope.connectionId, next.displayNameKey), {
            orgId: scope.orgId,
            connectionId: scope.connectionId,
            id,
          })
        }
        t.write<ScimGroup>(groups).set(key(scope.connectionId, id), next)
        return { status: 'updated', group: copy(next) } as const
      }),
    delete: (scope, id) =>
      unit.write((t) => {
        const current = get(t, scope, id)
        if (!current) return false
        t.write(groups).delete(key(scope.connectionId, id))
        t.write(groupNames).delete(key(scope.connectionId, current.displayNameKey))
        const members = t.write<MemberRow>(groupMembers)
        for (const [k, row] of members)
          if (row.connectionId === scope.connectionId && row.groupId === id) members.delete(k)
        dropProvenance(t, (row) => row.connectionId === scope.connectionId && row.groupId === id)
        return true
      }),
    page: (scope, { afterId, limit }) =>
      unit.read((t) =>
        rowsOf<ScimGroup>(t, groups, scope)
          .filter((group) => afterId === undefined || group.id > afterId)
          .sort((a, b) => byString(a.id, b.id))
          .slice(0, Math.max(0, limit))
          .map(copy),
      ),
    count: (scope) => unit.read((t) => rowsOf(t, groups, scope).length),
    addMembers: (scope, groupId, accountIds) =>
      unit.write((t) => {
        if (!get(t, scope, groupId)) return []
        const members = t.write<MemberRow>(groupMembers)
        const added: string[] = []
        for (const accountId of new Set(accountIds)) {
          const k = key(scope.connectionId, groupId, accountId)
          if (members.has(k)) continue
          members.set(k, { orgId: scope.orgId, connectionId: scope.connectionId, groupId, accountId })
          added.push(accountId)
        }
        return added
      }),
    removeMembers: (scope, groupId, accountIds) =>
      unit.write((t) => {
        const members = t.write<MemberRow>(groupMembers)
        const removed: string[] = []
        for (const accountId of new Set(accountIds)) {
          const k = key(scope.connectionId, groupId, accountId)
          const row = members.get(k)
          if (!row || row.orgId !== scope.orgId) continue
          members.delete(k)
          removed.push(accountId)
        }
        const gone = new Set(removed)
        dropProvenance(
          t,
          (row) =>
            row.connectionId === scope.connectionId && row.groupId === groupId && gone.has(row.accountId),
        )
        return removed
      }),
    members: (scope, groupId, { afterId, limit }) =>
      unit.read((t) =>
        rowsOf<MemberRow>(t, groupMembers, scope)
          .filter((row) => row.groupId === groupId && (afterId === undefined || row.accountId > afterId))
          .map((row) => row.accountId)
          .sort(byString)
          .slice(0, Math.max(0, limit)),
      ),
    groupsOf: (scope, accountId) =>
      unit.read((t) =>
        rowsOf<MemberRow>(t, groupMembers, scope)
          .filter((row) => row.accountId === accountId)
          .map((row) => row.groupId)
          .sort(byString),
      ),
    provenance: (orgId, accountIds) =>
      unit.read((t) => {
        const wanted = new Set(accountIds)
        const rows: ScimGroupProvenance[] = []
        for (const row of t.read<ScimGroupProvenance>(groupProvenance).values())
          if (row.orgId === orgId && wanted.has(row.accountId)) rows.push(copy(row))
        return rows
      }),
    recordProvenance: (rows) =>
      unit.write((t) => {
        const table = t.write<ScimGroupProvenance>(groupProvenance)
        const members = t.read<MemberRow>(groupMembers)
        for (const row of rows) {
          // Like the foreign key: a row names a current member of the group.
          const member = members.get(key(row.connectionId, row.groupId, row.accountId))
          if (!member || member.orgId !== row.orgId) throw new Error('provenance of a non-member')
          table.set(provenanceKey(row), copy(row))
        }
      }),
    forgetProvenance: (rows) =>
      unit.write((t) => {
        const table = t.write<ScimGroupProvenance>(groupProvenance)
        for (const row of rows) table.delete(provenanceKey(row))
      }),
  }
}
