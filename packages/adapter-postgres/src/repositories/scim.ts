import type {
  ScimConnection,
  ScimGroup,
  ScimGroupMapping,
  ScimGroupProvenance,
  ScimToken,
  ScimUser,
} from '@roster/core'
import type {
  ScimConnectionsRepository,
  ScimGroupsRepository,
  ScimUsersRepository,
} from '@roster/core/storage'
import { type RawBuilder, sql } from 'kysely'
import { columnList } from '../rows.js'
import type {
  ScimConnectionsTable,
  ScimGroupProvenanceTable,
  ScimGroupsTable,
  ScimTokensTable,
  ScimUsersTable,
} from '../schema.js'
import type { Session } from '../session.js'

type Row = Record<string, unknown>

const dateOrNull = (value: unknown) =>
  value === null || value === undefined ? null : new Date(value as string)

const CONNECTION_COLUMNS = columnList<ScimConnectionsTable>([
  'org_id',
  'connection_id',
  'name',
  'credential',
  'sso_provider',
  'member_type',
  'created_at',
  'updated_at',
])
const TOKEN_COLUMNS = columnList<ScimTokensTable>([
  'org_id',
  'id',
  'connection_id',
  'hash',
  'hint',
  'created_by',
  'created_at',
  'last_used_at',
  'revoked_at',
])
const USER_COLUMNS = columnList<ScimUsersTable>([
  'org_id',
  'connection_id',
  'account_id',
  'user_name',
  'user_name_key',
  'external_id',
  'active',
  'attributes',
  'owns_account',
  'version',
  'created_at',
  'updated_at',
])
const GROUP_COLUMNS = columnList<ScimGroupsTable>([
  'org_id',
  'connection_id',
  'id',
  'display_name',
  'display_name_key',
  'external_id',
  'mapping',
  'version',
  'created_at',
  'updated_at',
])

function toConnection(row: Row): ScimConnection {
  return {
    orgId: row.org_id as string,
    connectionId: row.connection_id as string,
    name: row.name as string,
    credential: row.credential as ScimConnection['credential'],
    ssoProvider: (row.sso_provider as string | null) ?? null,
    memberType: row.member_type as ScimConnection['memberType'],
    createdAt: new Date(row.created_at as string),
    updatedAt: new Date(row.updated_at as string),
  }
}

function toToken(row: Row): ScimToken {
  return {
    orgId: row.org_id as string,
    id: row.id as string,
    connectionId: row.connection_id as string,
    hash: row.hash as string,
    hint: row.hint as string,
    createdBy: (row.created_by as string | null) ?? null,
    createdAt: new Date(row.created_at as string),
    lastUsedAt: dateOrNull(row.last_used_at),
    revokedAt: dateOrNull(row.revoked_at),
  }
}

function toUser(row: Row): ScimUser {
  return {
    orgId: row.org_id as string,
    connectionId: row.connection_id as string,
    accountId: row.account_id as string,
    userName: row.user_name as string,
    userNameKey: row.user_name_key as string,
    externalId: (row.external_id as string | null) ?? null,
    active: row.active as boolean,
    attributes: row.attributes as ScimUser['attributes'],
    ownsAccount: row.owns_account as boolean,
    version: Number(row.version),
    createdAt: new Date(row.created_at as string),
    updatedAt: new Date(row.updated_at as string),
  }
}

function toGroup(row: Row): ScimGroup {
  return {
    orgId: row.org_id as string,
    connectionId: row.connection_id as string,
    id: row.id as string,
    displayName: row.display_name as string,
    displayNameKey: row.display_name_key as string,
    externalId: (row.external_id as string | null) ?? null,
    mapping: (row.mapping as ScimGroupMapping | null) ?? null,
    version: Number(row.version),
    createdAt: new Date(row.created_at as string),
    updatedAt: new Date(row.updated_at as string),
  }
}

export function scimConnectionsRepository(session: Session): ScimConnectionsRepository {
  return {
    async insert(c) {
      const rows = await session.rows(sql`
        insert into scim_connections (org_id, connection_id, name, name_key, credential, sso_provider, member_type,
          created_at, updated_at)
        values (${c.orgId}, ${c.connectionId}, ${c.name}, ${c.name.trim().toLowerCase()}, ${c.credential},
          ${c.ssoProvider}, ${c.memberType}, ${c.createdAt}, ${c.updatedAt})
        on conflict do nothing returning 1`)
      return rows.length === 1 ? { status: 'inserted' } : { status: 'exists' }
    },
    async find(orgId, connectionId) {
      const [row] = await session.rows<Row>(sql`
        select ${CONNECTION_COLUMNS} from scim_connections where org_id = ${orgId} and connection_id = ${connectionId}`)
      return row ? toConnection(row) : null
    },
    async list(orgId) {
      const rows = await session.rows<Row>(sql`
        select ${CONNECTION_COLUMNS} from scim_connections where org_id = ${orgId} order by connection_id`)
      return rows.map(toConnection)
    },
    async insertToken(t) {
      await session.rows(sql`
        insert into scim_tokens (org_id, id, connection_id, hash, hint, created_by, created_at, last_used_at, revoked_at)
        values (${t.orgId}, ${t.id}, ${t.connectionId}, ${t.hash}, ${t.hint}, ${t.createdBy}, ${t.createdAt},
          ${t.lastUsedAt}, ${t.revokedAt})`)
    },
    async findTokenByHash(hash) {
      const [row] = await session.rows<Row>(
        sql`select ${TOKEN_COLUMNS} from scim_tokens where hash = ${hash}`,
      )
      return row ? toToken(row) : null
    },
    async listTokens(orgId, connectionId) {
      const rows = await session.rows<Row>(sql`
        select ${TOKEN_COLUMNS} from scim_tokens where org_id = ${orgId} and connection_id = ${connectionId}
        order by id desc`)
      return rows.map(toToken)
    },
    async revokeTokens(orgId, connectionId, now, exceptId) {
      const rows = await session.rows(sql`
        update scim_tokens set revoked_at = ${now}
        where org_id = ${orgId} and connection_id = ${connectionId} and revoked_at is null
          ${exceptId === undefined ? sql`` : sql`and id <> ${exceptId}`}
        returning 1`)
      return rows.length
    },
    async touchToken(orgId, tokenId, now, staleBefore) {
      // Conditional: a busy connection writes its last-used time at most once per interval.
      await session.rows(sql`
        update scim_tokens set last_used_at = ${now}
        where org_id = ${orgId} and id = ${tokenId} and (last_used_at is null or last_used_at < ${staleBefore})`)
    },
  }
}

const USER_PATCH: Record<string, string> = {
  userName: 'user_name',
  userNameKey: 'user_name_key',
  externalId: 'external_id',
  active: 'active',
  attributes: 'attributes',
  updatedAt: 'updated_at',
}
const GROUP_PATCH: Record<string, string> = {
  displayName: 'display_name',
  displayNameKey: 'display_name_key',
  externalId: 'external_id',
  mapping: 'mapping',
  updatedAt: 'updated_at',
}
const JSON_COLUMNS = new Set(['attributes', 'mapping'])

function assignments(patch: object, columns: Record<string, string>): RawBuilder<unknown>[] {
  const set: RawBuilder<unknown>[] = []
  for (const [field, value] of Object.entries(patch)) {
    const column = columns[field]
    if (column === undefined || value === undefined) continue
    set.push(
      JSON_COLUMNS.has(column)
        ? sql`${sql.ref(column)} = ${value === null ? null : JSON.stringify(value)}::jsonb`
        : sql`${sql.ref(column)} = ${value}`,
    )
  }
  return set
}

export function scimUsersRepository(session: Session): ScimUsersRepository {
  const find = async (scope: { orgId: string; connectionId: string }, accountId: string) => {
    const [row] = await session.rows<Row>(sql`
      select ${USER_COLUMNS} from scim_users
      where org_id = ${scope.orgId} and connection_id = ${scope.connectionId} and account_id = ${accountId}`)
    return row ? toUser(row) : null
  }
  return {
    async insert(u) {
      // Both unique keys are checked by the statement: a racing insert of the same userName waits
      // on the index and then does nothing.
      const rows = await session.rows(sql`
        insert into scim_users (org_id, connection_id, account_id, user_name, user_name_key, external_id, active,
          attributes, owns_account, version, created_at, updated_at)
        values (${u.orgId}, ${u.connectionId}, ${u.accountId}, ${u.userName}, ${u.userNameKey}, ${u.externalId},
          ${u.active}, ${JSON.stringify(u.attributes)}::jsonb, ${u.ownsAccount}, ${u.version}, ${u.createdAt},
          ${u.updatedAt})
        on conflict do nothing returning 1`)
      if (rows.length === 1) return { status: 'inserted' }
      const [byName] = await session.rows(sql`
        select 1 from scim_users where org_id = ${u.orgId} and connection_id = ${u.connectionId}
          and user_name_key = ${u.userNameKey}`)
      return { status: 'conflict', field: byName ? 'userName' : 'accountId' }
    },
    find,
    async findByUserName(scope, userNameKey) {
      const [row] = await session.rows<Row>(sql`
        select ${USER_COLUMNS} from scim_users
        where org_id = ${scope.orgId} and connection_id = ${scope.connectionId} and user_name_key = ${userNameKey}`)
      return row ? toUser(row) : null
    },
    async findByExternalId(scope, externalId) {
      const rows = await session.rows<Row>(sql`
        select ${USER_COLUMNS} from scim_users
        where org_id = ${scope.orgId} and connection_id = ${scope.connectionId} and external_id = ${externalId}
        order by account_id`)
      return rows.map(toUser)
    },
    async findMany(scope, accountIds) {
      if (accountIds.length === 0) return []
      const rows = await session.rows<Row>(sql`
        select ${USER_COLUMNS} from scim_users
        where org_id = ${scope.orgId} and connection_id = ${scope.connectionId}
          and account_id = any(${[...new Set(accountIds)]}::text[])`)
      return rows.map(toUser)
    },
    async update(scope, accountId, patch, options = {}) {
      if (patch.userNameKey !== undefined) {
        const [holder] = await session.rows<{ account_id: string }>(sql`
          select account_id from scim_users where org_id = ${scope.orgId} and connection_id = ${scope.connectionId}
            and user_name_key = ${patch.userNameKey}`)
        if (holder && holder.account_id !== accountId) return { status: 'conflict', field: 'userName' }
      }
      const set = assignments(patch, USER_PATCH)
      set.push(sql`version = version + 1`)
      const [row] = await session.rows<Row>(sql`
        update scim_users set ${sql.join(set, sql`, `)}
        where org_id = ${scope.orgId} and connection_id = ${scope.connectionId} and account_id = ${accountId}
          ${options.ifVersion === undefined ? sql`` : sql`and version = ${options.ifVersion}`}
        returning ${USER_COLUMNS}`)
      if (row) return { status: 'updated', user: toUser(row) }
      const current = await find(scope, accountId)
      return current ? { status: 'version-mismatch', user: current } : { status: 'not-found' }
    },
    async delete(scope, accountId) {
      // Group memberships go by cascade.
      const rows = await session.rows(sql`
        delete from scim_users
        where org_id = ${scope.orgId} and connection_id = ${scope.connectionId} and account_id = ${accountId}
        returning 1`)
      return rows.length > 0
    },
    async page(scope, { afterId, limit }) {
      if (limit <= 0) return []
      const rows = await session.rows<Row>(sql`
        select ${USER_COLUMNS} from scim_users
        where org_id = ${scope.orgId} and connection_id = ${scope.connectionId}
          ${afterId === undefined ? sql`` : sql`and account_id > ${afterId}`}
        order by account_id limit ${Math.floor(limit)}`)
      return rows.map(toUser)
    },
    async count(scope) {
      const [row] = await session.rows<{ n: string }>(sql`
        select count(*) as n from scim_users where org_id = ${scope.orgId} and connection_id = ${scope.connectionId}`)
      return Number(row?.n ?? 0)
    },
  }
}

export function scimGroupsRepository(session: Session): ScimGroupsRepository {
  const find = async (scope: { orgId: string; connectionId: string }, id: string) => {
    const [row] = await session.rows<Row>(sql`
      select ${GROUP_COLUMNS} from scim_groups
      where org_id = ${scope.orgId} and connection_id = ${scope.connectionId} and id = ${id}`)
    return row ? toGroup(row) : null
  }
  return {
    async insert(g) {
      const rows = await session.rows(sql`
        insert into scim_groups (org_id, connection_id, id, display_name, display_name_key, external_id, mapping,
          version, created_at, updated_at)
        values (${g.orgId}, ${g.connectionId}, ${g.id}, ${g.displayName}, ${g.displayNameKey}, ${g.externalId},
          ${g.mapping === null ? null : JSON.stringify(g.mapping)}::jsonb, ${g.version}, ${g.createdAt}, ${g.updatedAt})
        on conflict do nothing returning 1`)
      if (rows.length === 1) return { status: 'inserted' }
      const [byName] = await session.rows(sql`
        select 1 from scim_groups where org_id = ${g.orgId} and connection_id = ${g.connectionId}
          and display_name_key = ${g.displayNameKey}`)
      return { status: 'conflict', field: byName ? 'displayName' : 'id' }
    },
    find,
    async findByDisplayName(scope, displayNameKey) {
      const [row] = await session.rows<Row>(sql`
        select ${GROUP_COLUMNS} from scim_groups where org_id = ${scope.orgId}
          and connection_id = ${scope.connectionId} and display_name_key = ${displayNameKey}`)
      return row ? toGroup(row) : null
    },
    async findByExternalId(scope, externalId) {
      const rows = await session.rows<Row>(sql`
        select ${GROUP_COLUMNS} from scim_groups where org_id = ${scope.orgId}
          and connection_id = ${scope.connectionId} and external_id = ${externalId} order by id`)
      return rows.map(toGroup)
    },
    async update(scope, id, patch, options = {}) {
      if (patch.displayNameKey !== undefined) {
        const [holder] = await session.rows<{ id: string }>(sql`
          select id from scim_groups where org_id = ${scope.orgId} and connection_id = ${scope.connectionId}
            and display_name_key = ${patch.displayNameKey}`)
        if (holder && holder.id !== id) return { status: 'conflict', field: 'displayName' }
      }
      const set = assignments(patch, GROUP_PATCH)
      set.push(sql`version = version + 1`)
      const [row] = await session.rows<Row>(sql`
        update scim_groups set ${sql.join(set, sql`, `)}
        where org_id = ${scope.orgId} and connection_id = ${scope.connectionId} and id = ${id}
          ${options.ifVersion === undefined ? sql`` : sql`and version = ${options.ifVersion}`}
        returning ${GROUP_COLUMNS}`)
      if (row) return { status: 'updated', group: toGroup(row) }
      const current = await find(scope, id)
      return current ? { status: 'version-mismatch', group: current } : { status: 'not-found' }
    },
    async delete(scope, id) {
      const rows = await session.rows(sql`
        delete from scim_groups where org_id = ${scope.orgId} and connection_id = ${scope.connectionId} and id = ${id}
        returning 1`)
      return rows.length > 0
    },
    async page(scope, { afterId, limit }) {
      if (limit <= 0) return []
      const rows = await session.rows<Row>(sql`
        select ${GROUP_COLUMNS} from scim_groups
        where org_id = ${scope.orgId} and connection_id = ${scope.connectionId}
          ${afterId === undefined ? sql`` : sql`and id > ${afterId}`}
        order by id limit ${Math.floor(limit)}`)
      return rows.map(toGroup)
    },
    async count(scope) {
      const [row] = await session.rows<{ n: string }>(sql`
        select count(*) as n from scim_groups where org_id = ${scope.orgId} and connection_id = ${scope.connectionId}`)
      return Number(row?.n ?? 0)
    },
    async addMembers(scope, groupId, accountIds) {
      const ids = [...new Set(accountIds)]
      if (ids.length === 0) return []
      // One statement for any number of members (a 1,000-member PATCH): unnest, skip existing rows.
      // Only ids with a SCIM user of this connection can be members (the foreign key); the caller
      // checks them first, so a violation here is a concurrent removal (retryable).
      const rows = await session.rows<{ account_id: string }>(sql`
        insert into scim_group_members (org_id, connection_id, group_id, account_id)
        select ${scope.orgId}, ${scope.connectionId}, ${groupId}, a
        from unnest(${ids}::text[]) as a
        where exists (select 1 from scim_groups g where g.org_id = ${scope.orgId}
          and g.connection_id = ${scope.connectionId} and g.id = ${groupId})
        on conflict do nothing
        returning account_id`)
      const added = new Set(rows.map((row) => row.account_id))
      return ids.filter((id) => added.has(id))
    },
    async removeMembers(scope, groupId, accountIds) {
      const ids = [...new Set(accountIds)]
      if (ids.length === 0) return []
      const rows = await session.rows<{ account_id: string }>(sql`
        delete from scim_group_members
        where org_id = ${scope.orgId} and connection_id = ${scope.connectionId} and group_id = ${groupId}
          and account_id = any(${ids}::text[])
        returning account_id`)
      const removed = new Set(rows.map((row) => row.account_id))
      return ids.filter((id) => removed.has(id))
    },
    async members(scope, groupId, { afterId, limit }) {
      if (limit <= 0) return []
      const rows = await session.rows<{ account_id: string }>(sql`
        select account_id from scim_group_members
        where org_id = ${scope.orgId} and connection_id = ${scope.connectionId} and group_id = ${groupId}
          ${afterId === undefined ? sql`` : sql`and account_id > ${afterId}`}
        order by account_id limit ${Math.floor(limit)}`)
      return rows.map((row) => row.account_id)
    },
    async groupsOf(scope, accountId) {
      const rows = await session.rows<{ group_id: string }>(sql`
        select group_id from scim_group_members
        where org_id = ${scope.orgId} and connection_id = ${scope.connectionId} and account_id = ${accountId}
        order by group_id`)
      return rows.map((row) => row.group_id)
    },
    async provenance(orgId, accountIds) {
      const ids = [...new Set(accountIds)]
      if (ids.length === 0) return []
      const rows = await session.rows<Row>(sql`
        select ${PROVENANCE_COLUMNS} from scim_group_provenance
        where org_id = ${orgId} and account_id = any(${ids}::text[])`)
      return rows.map(toProvenance)
    },
    async recordProvenance(given) {
      if (given.length === 0) return
      // One statement for a whole request's rows (a 1,000-member PATCH): unnest the columns.
      const c = provenanceColumns(given)
      await session.rows(sql`
        insert into scim_group_provenance (org_id, account_id, kind, key, connection_id, group_id)
        select * from unnest(${c.orgIds}::text[], ${c.accountIds}::text[], ${c.kinds}::text[],
          ${c.keys}::text[], ${c.connectionIds}::text[], ${c.groupIds}::text[])
        on conflict do nothing`)
    },
    async forgetProvenance(given) {
      if (given.length === 0) return
      const c = provenanceColumns(given)
      await session.rows(sql`
        delete from scim_group_provenance p
        using unnest(${c.orgIds}::text[], ${c.accountIds}::text[], ${c.kinds}::text[],
          ${c.keys}::text[], ${c.connectionIds}::text[], ${c.groupIds}::text[])
          as f(org_id, account_id, kind, key, connection_id, group_id)
        where p.org_id = f.org_id and p.account_id = f.account_id and p.kind = f.kind and p.key = f.key
          and p.connection_id = f.connection_id and p.group_id = f.group_id`)
    },
  }
}

const PROVENANCE_COLUMNS = columnList<ScimGroupProvenanceTable>([
  'org_id',
  'account_id',
  'kind',
  'key',
  'connection_id',
  'group_id',
])

function toProvenance(row: Row): ScimGroupProvenance {
  return {
    orgId: row.org_id as string,
    accountId: row.account_id as string,
    kind: row.kind as ScimGroupProvenance['kind'],
    key: row.key as string,
    connectionId: row.connection_id as string,
    groupId: row.group_id as string,
  }
}

/** Provenance rows as parallel arrays, for one `unnest`. */
function provenanceColumns(rows: readonly ScimGroupProvenance[]) {
  return {
    orgIds: rows.map((r) => r.orgId),
    accountIds: rows.map((r) => r.accountId),
    kinds: rows.map((r) => r.kind),
    keys: rows.map((r) => r.key),
    connectionIds: rows.map((r) => r.connectionId),
    groupIds: rows.map((r) => r.groupId),
  }
}
