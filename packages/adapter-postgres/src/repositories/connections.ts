import type { Connection, ConnectionLink } from '@roster/core'
import type {
  ClaimRunOutcome,
  ConnectionLinksRepository,
  ConnectionPatch,
  ConnectionsRepository,
  LinkPatch,
} from '@roster/core/storage'
import { type RawBuilder, sql } from 'kysely'
import { columnList } from '../rows.js'
import type { ConnectionLinksTable, ConnectionsTable } from '../schema.js'
import type { Session } from '../session.js'
import { insertInRounds } from './insert-many.js'
import { partitionPredicate } from './partition.js'

type Row = Record<string, unknown>

const CONNECTION_COLUMNS = columnList<ConnectionsTable>([
  'org_id',
  'id',
  'kind',
  'source_key',
  'guest_org_id',
  'status',
  'on_missing',
  'interval_minutes',
  'managed_fields',
  'run',
  'last_run_at',
  'last_completed_at',
  'next_run_at',
  'lease_until',
  'created_by',
  'approved_by',
  'created_at',
  'updated_at',
])

const LINK_COLUMNS = columnList<ConnectionLinksTable>([
  'org_id',
  'connection_id',
  'external_id',
  'account_id',
  'last_seen_run',
  'record',
  'managed_fields',
  'owns_account',
  'missing_since',
  'created_at',
  'updated_at',
])

const dateOrNull = (value: unknown) =>
  value === null || value === undefined ? null : new Date(value as string)

function toConnection(row: Row): Connection {
  return {
    id: row.id as string,
    orgId: row.org_id as string,
    kind: row.kind as Connection['kind'],
    sourceKey: (row.source_key as string | null) ?? null,
    guestOrgId: (row.guest_org_id as string | null) ?? null,
    status: row.status as Connection['status'],
    onMissing: row.on_missing as Connection['onMissing'],
    intervalMinutes: row.interval_minutes === null ? null : Number(row.interval_minutes),
    managedFields: [...(row.managed_fields as Connection['managedFields'])],
    run: Number(row.run),
    lastRunAt: dateOrNull(row.last_run_at),
    lastCompletedAt: dateOrNull(row.last_completed_at),
    nextRunAt: dateOrNull(row.next_run_at),
    leaseUntil: dateOrNull(row.lease_until),
    createdBy: (row.created_by as string | null) ?? null,
    approvedBy: (row.approved_by as string | null) ?? null,
    createdAt: new Date(row.created_at as string),
    updatedAt: new Date(row.updated_at as string),
  }
}

function toLink(row: Row): ConnectionLink {
  const record = typeof row.record === 'string' ? JSON.parse(row.record) : row.record
  return {
    orgId: row.org_id as string,
    connectionId: row.connection_id as string,
    externalId: row.external_id as string,
    accountId: row.account_id as string,
    lastSeenRun: Number(row.last_seen_run),
    record: { ...(record as ConnectionLink['record']) },
    managedFields: [...(row.managed_fields as ConnectionLink['managedFields'])],
    ownsAccount: row.owns_account as boolean,
    missingSince: dateOrNull(row.missing_since),
    createdAt: new Date(row.created_at as string),
    updatedAt: new Date(row.updated_at as string),
  }
}

const CONNECTION_PATCH: Record<keyof ConnectionPatch, string> = {
  status: 'status',
  onMissing: 'on_missing',
  intervalMinutes: 'interval_minutes',
  managedFields: 'managed_fields',
  nextRunAt: 'next_run_at',
  approvedBy: 'approved_by',
  updatedAt: 'updated_at',
}

const LINK_PATCH: Record<keyof LinkPatch, string> = {
  lastSeenRun: 'last_seen_run',
  record: 'record',
  managedFields: 'managed_fields',
  missingSince: 'missing_since',
  updatedAt: 'updated_at',
}

function assignments(patch: object, columns: Record<string, string>): RawBuilder<unknown>[] {
  return Object.entries(patch)
    .filter(([key, value]) => columns[key] !== undefined && value !== undefined)
    .map(([key, value]) => {
      const column = columns[key]!
      if (column === 'managed_fields') return sql`managed_fields = ${[...(value as string[])]}::text[]`
      if (column === 'record') return sql`record = ${JSON.stringify(value)}::jsonb`
      if (column === 'interval_minutes') return sql`interval_minutes = ${value}::int`
      return sql`${sql.ref(column)} = ${value}`
    })
}

export function connectionsRepository(session: Session): ConnectionsRepository {
  // Every by-id statement names the host org: the tenant key a distributed planner routes on.
  const findById = async (orgId: string, id: string) => {
    const [row] = await session.rows<Row>(
      sql`select ${CONNECTION_COLUMNS} from connections where org_id = ${orgId} and id = ${id}`,
    )
    return row ? toConnection(row) : null
  }

  return {
    async orgOf(id) {
      // The one statement on connections by id without an org: the caller did not say which (see the port).
      const [row] = await session.rows<{ org_id: string }>(
        sql`select org_id from connections where id = ${id}`,
      )
      return row?.org_id ?? null
    },
    findById,

    async findByIds(orgId, ids) {
      if (ids.length === 0) return []
      const rows = await session.rows<Row>(sql`
        select ${CONNECTION_COLUMNS} from connections where org_id = ${orgId} and id = any(${[...new Set(ids)]}::text[])`)
      return rows.map(toConnection)
    },

    async listForOrg(orgId) {
      const rows = await session.rows<Row>(sql`
        select ${CONNECTION_COLUMNS} from connections where org_id = ${orgId} or guest_org_id = ${orgId} order by id`)
      return rows.map(toConnection)
    },

    async insert(c) {
      for (let attempt = 0; attempt < 3; attempt++) {
        // The partial unique indexes (one per host and source key, one per host and guest org)
        // make a concurrent insert of the same source wait, then yield.
        const inserted = await session.rows(sql`
          insert into connections (org_id, id, kind, source_key, guest_org_id, status, on_missing, interval_minutes,
            managed_fields, run, last_run_at, last_completed_at, next_run_at, lease_until, created_by, approved_by,
            created_at, updated_at)
          values (${c.orgId}, ${c.id}, ${c.kind}, ${c.sourceKey}, ${c.guestOrgId}, ${c.status}, ${c.onMissing},
            ${c.intervalMinutes}::int, ${[...c.managedFields]}::text[], ${c.run}, ${c.lastRunAt}, ${c.lastCompletedAt},
            ${c.nextRunAt}, ${c.leaseUntil}, ${c.createdBy}, ${c.approvedBy}, ${c.createdAt}, ${c.updatedAt})
          on conflict do nothing
          returning 1`)
        if (inserted.length === 1) return { status: 'inserted' }
        const [existing] = await session.rows<Row>(sql`
          select ${CONNECTION_COLUMNS} from connections
          where org_id = ${c.orgId} and kind = ${c.kind}
            and ${c.kind === 'directory' ? sql`source_key = ${c.sourceKey}` : sql`guest_org_id = ${c.guestOrgId}`}`)
        if (existing) return { status: 'exists', connection: toConnection(existing) }
      }
      throw new Error(`postgresStorage: connection ${c.id} could not be inserted (id already used?)`)
    },

    async update(orgId, id, patch, options = {}) {
      const set = assignments(patch, CONNECTION_PATCH)
      // Even an empty patch goes through UPDATE, so `ifStatus` is checked under the row lock.
      if (set.length === 0) set.push(sql`updated_at = updated_at`)
      const statusCheck = options.ifStatus ? sql`and status = any(${[...options.ifStatus]}::text[])` : sql``
      const [row] = await session.rows<Row>(sql`
        update connections set ${sql.join(set, sql`, `)} where org_id = ${orgId} and id = ${id} ${statusCheck}
        returning ${CONNECTION_COLUMNS}`)
      if (row) return { status: 'updated', connection: toConnection(row) }
      const current = await findById(orgId, id)
      return current ? { status: 'wrong-status', connection: current } : { status: 'not-found' }
    },

    async delete(orgId, id) {
      // Links go by cascade.
      const rows = await session.rows(
        sql`delete from connections where org_id = ${orgId} and id = ${id} returning 1`,
      )
      return rows.length > 0
    },

    async listDue(now, { afterId, limit, partition }) {
      if (limit <= 0) return []
      const rows = await session.rows<Row>(sql`
        select ${CONNECTION_COLUMNS} from connections
        where status = 'active' and next_run_at is not null and next_run_at <= ${now}
          and (lease_until is null or lease_until <= ${now})
          ${afterId === undefined ? sql`` : sql`and id > ${afterId}`}
          ${partition === undefined ? sql`` : sql`and ${partitionPredicate(partition)}`}
        order by id limit ${Math.floor(limit)}`)
      return rows.map(toConnection)
    },

    async claimRun(orgId, id, { now, leaseUntil, due }): Promise<ClaimRunOutcome> {
      // One conditional UPDATE: concurrent claimers queue on the row and re-check the lease on
      // the version the winner left, so exactly one claims (S5).
      const [row] = await session.rows<Row>(sql`
        update connections set
          run = run + 1, last_run_at = ${now}, lease_until = ${leaseUntil},
          next_run_at = case when interval_minutes is null then null
                             else ${now}::timestamptz + make_interval(mins => interval_minutes) end,
          updated_at = ${now}
        where org_id = ${orgId} and id = ${id} and status = 'active' and (lease_until is null or lease_until <= ${now})
          ${due ? sql`and next_run_at is not null and next_run_at <= ${now}` : sql``}
        returning ${CONNECTION_COLUMNS}`)
      if (row) return { status: 'claimed', connection: toConnection(row) }
      const current = await findById(orgId, id)
      if (!current) return { status: 'not-found' }
      if (current.status !== 'active') return { status: 'inactive', connectionStatus: current.status }
      if (current.leaseUntil !== null && current.leaseUntil > now)
        return { status: 'busy', leaseUntil: current.leaseUntil }
      return { status: 'not-due', nextRunAt: current.nextRunAt }
    },

    async renewLease(orgId, id, run, leaseUntil) {
      // The UPDATE's row lock is held until commit: a disconnect waits for this run's batch.
      const rows = await session.rows(sql`
        update connections set lease_until = ${leaseUntil}
        where org_id = ${orgId} and id = ${id} and status = 'active' and run = ${run}
        returning 1`)
      return rows.length > 0
    },

    async finishRun(orgId, id, run, { now, complete }) {
      const rows = await session.rows(sql`
        update connections set lease_until = null, updated_at = ${now}
          ${complete ? sql`, last_completed_at = ${now}` : sql``}
        where org_id = ${orgId} and id = ${id} and run = ${run}
        returning 1`)
      return rows.length > 0
    },
  }
}

export function connectionLinksRepository(session: Session): ConnectionLinksRepository {
  const inScope = (scope: { orgId: string; connectionId: string }) =>
    sql`org_id = ${scope.orgId} and connection_id = ${scope.connectionId}`
  const find = async (scope: { orgId: string; connectionId: string }, externalIds: readonly string[]) => {
    if (externalIds.length === 0) return []
    const rows = await session.rows<Row>(sql`
      select ${LINK_COLUMNS} from connection_links
      where ${inScope(scope)} and external_id = any(${[...new Set(externalIds)]}::text[])`)
    return rows.map(toLink)
  }

  return {
    find,

    async insert(link) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const inserted = await session.rows(sql`
          insert into connection_links (org_id, connection_id, external_id, account_id, last_seen_run, record,
            managed_fields, owns_account, missing_since, created_at, updated_at)
          values (${link.orgId}, ${link.connectionId}, ${link.externalId}, ${link.accountId}, ${link.lastSeenRun},
            ${JSON.stringify(link.record)}::jsonb, ${[...link.managedFields]}::text[], ${link.ownsAccount},
            ${link.missingSince}, ${link.createdAt}, ${link.updatedAt})
          on conflict do nothing
          returning 1`)
        if (inserted.length === 1) return { status: 'inserted' }
        const [taken] = await session.rows<{ external: boolean; account: boolean }>(sql`
          select coalesce(bool_or(external_id = ${link.externalId}), false) as external,
                 coalesce(bool_or(account_id = ${link.accountId}), false) as account
          from connection_links
          where ${inScope(link)} and (external_id = ${link.externalId} or account_id = ${link.accountId})`)
        if (taken?.external) return { status: 'conflict', field: 'externalId' }
        if (taken?.account) return { status: 'conflict', field: 'accountId' }
      }
      throw new Error(`postgresStorage: link ${link.externalId} could not be inserted`)
    },

    async insertMany(links) {
      if (links.length === 0) return []
      // One statement per round (one round unless a key repeats), ON CONFLICT DO NOTHING on both
      // unique indexes; then, only when some did not go in, one read of which key each collided with.
      return insertInRounds(
        links,
        (link) => [
          `e\u0000${link.orgId}\u0000${link.connectionId}\u0000${link.externalId}`,
          `a\u0000${link.orgId}\u0000${link.connectionId}\u0000${link.accountId}`,
        ],
        async (round) => {
          const column = <T>(value: (link: ConnectionLink) => T) => round.map(value)
          const inserted = await session.rows<{
            org_id: string
            connection_id: string
            external_id: string
          }>(sql`
            insert into connection_links (org_id, connection_id, external_id, account_id, last_seen_run, record,
              managed_fields, owns_account, missing_since, created_at, updated_at)
            select r.org_id, r.connection_id, r.external_id, r.account_id, r.last_seen_run, r.record,
              array(select jsonb_array_elements_text(r.managed_fields)), r.owns_account, r.missing_since,
              r.created_at, r.updated_at
            from unnest(${column((l) => l.orgId)}::text[], ${column((l) => l.connectionId)}::text[],
              ${column((l) => l.externalId)}::text[], ${column((l) => l.accountId)}::text[],
              ${column((l) => l.lastSeenRun)}::int[], ${column((l) => JSON.stringify(l.record))}::jsonb[],
              ${column((l) => JSON.stringify(l.managedFields))}::jsonb[], ${column((l) => l.ownsAccount)}::boolean[],
              ${column((l) => l.missingSince)}::timestamptz[], ${column((l) => l.createdAt)}::timestamptz[],
              ${column((l) => l.updatedAt)}::timestamptz[])
              as r(org_id, connection_id, external_id, account_id, last_seen_run, record, managed_fields,
                owns_account, missing_since, created_at, updated_at)
            on conflict do nothing
            returning org_id, connection_id, external_id`)
          const key = (orgId: string, connectionId: string, externalId: string) =>
            `${orgId}\u0000${connectionId}\u0000${externalId}`
          const went = new Set(inserted.map((row) => key(row.org_id, row.connection_id, row.external_id)))
          const missed = round.filter(
            (link) => !went.has(key(link.orgId, link.connectionId, link.externalId)),
          )
          const taken = new Map<ConnectionLink, 'externalId' | 'accountId'>()
          if (missed.length > 0) {
            const rows = await session.rows<{ n: number; external: boolean; account: boolean }>(sql`
              select c.n,
                     coalesce(bool_or(l.external_id = c.external_id), false) as external,
                     coalesce(bool_or(l.account_id = c.account_id), false) as account
              from unnest(${missed.map((_, n) => n)}::int[], ${missed.map((l) => l.orgId)}::text[],
                ${missed.map((l) => l.connectionId)}::text[], ${missed.map((l) => l.externalId)}::text[],
                ${missed.map((l) => l.accountId)}::text[]) as c(n, org_id, connection_id, external_id, account_id)
              join connection_links l on l.org_id = c.org_id and l.connection_id = c.connection_id
                and (l.external_id = c.external_id or l.account_id = c.account_id)
              group by c.n`)
            for (const row of rows) {
              const link = missed[Number(row.n)]!
              if (row.external) taken.set(link, 'externalId')
              else if (row.account) taken.set(link, 'accountId')
            }
          }
          return round.map((link) => {
            if (went.has(key(link.orgId, link.connectionId, link.externalId)))
              return { status: 'inserted' as const }
            const field = taken.get(link)
            return field ? { status: 'conflict' as const, field } : null
          })
        },
        'a link',
      )
    },

    async update(scope, externalId, patch) {
      const set = assignments(patch, LINK_PATCH)
      if (set.length === 0) {
        const [found] = await find(scope, [externalId])
        return found ?? null
      }
      const [row] = await session.rows<Row>(sql`
        update connection_links set ${sql.join(set, sql`, `)}
        where ${inScope(scope)} and external_id = ${externalId}
        returning ${LINK_COLUMNS}`)
      return row ? toLink(row) : null
    },

    async markSeen(scope, externalIds, run) {
      if (externalIds.length === 0) return 0
      const rows = await session.rows(sql`
        update connection_links set last_seen_run = ${run}
        where ${inScope(scope)} and external_id = any(${[...new Set(externalIds)]}::text[])
        returning 1`)
      return rows.length
    },

    async pageUnseen(scope, run, { afterExternalId, limit }) {
      if (limit <= 0) return []
      const rows = await session.rows<Row>(sql`
        select ${LINK_COLUMNS} from connection_links
        where ${inScope(scope)} and last_seen_run < ${run} and missing_since is null
          ${afterExternalId === undefined ? sql`` : sql`and external_id > ${afterExternalId}`}
        order by external_id limit ${Math.floor(limit)}`)
      return rows.map(toLink)
    },

    async page(scope, { afterExternalId, limit }) {
      if (limit <= 0) return []
      const rows = await session.rows<Row>(sql`
        select ${LINK_COLUMNS} from connection_links
        where ${inScope(scope)} ${afterExternalId === undefined ? sql`` : sql`and external_id > ${afterExternalId}`}
        order by external_id limit ${Math.floor(limit)}`)
      return rows.map(toLink)
    },

    async delete(scope, externalId) {
      const rows = await session.rows(sql`
        delete from connection_links where ${inScope(scope)} and external_id = ${externalId} returning 1`)
      return rows.length > 0
    },
  }
}
