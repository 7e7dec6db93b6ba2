import type { Connection, ConnectionLink } from '@roster/core'
import {
  type ClaimRunOutcome,
  type ConnectionLinksRepository,
  type ConnectionsRepository,
  type InsertLinkOutcome,
  type LinkScope,
  partitionOf,
} from '@roster/core/storage'
import { copy, definedFields, type TableAccess } from '../database.js'
import { CONNECTION_TABLES } from '../tables.js'
import type { Unit } from './unit.js'

interface LinkAccountRow {
  orgId: string
  connectionId: string
  accountId: string
  externalId: string
}

const linkKey = (connectionId: string, externalId: string) => `${connectionId}\u0000${externalId}`
const linkAccountKey = (connectionId: string, accountId: string) => `${connectionId}\u0000${accountId}`

/** The connection's links, unordered; links of another org's connection of the same id never match. */
function linksOf(tables: TableAccess, scope: LinkScope): ConnectionLink[] {
  const links: ConnectionLink[] = []
  for (const link of tables.read<ConnectionLink>(CONNECTION_TABLES.links).values())
    if (link.connectionId === scope.connectionId && link.orgId === scope.orgId) links.push(link)
  return links
}

function keysetPage(
  links: ConnectionLink[],
  query: { afterExternalId?: string; limit: number },
): ConnectionLink[] {
  const { afterExternalId } = query
  return links
    .filter((link) => afterExternalId === undefined || link.externalId > afterExternalId)
    .sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0))
    .slice(0, Math.max(0, query.limit))
    .map(copy)
}

function sameSource(a: Connection, b: Connection): boolean {
  if (a.orgId !== b.orgId || a.kind !== b.kind) return false
  return a.kind === 'directory' ? a.sourceKey === b.sourceKey : a.guestOrgId === b.guestOrgId
}

function leased(connection: Connection, now: Date): boolean {
  return connection.leaseUntil !== null && connection.leaseUntil > now
}

export function connectionsRepository(unit: Unit): ConnectionsRepository {
  const { connections, links, linkAccounts } = CONNECTION_TABLES
  /** The org's connection of that id (another org's is not there for this call). */
  const hosted = (t: TableAccess, orgId: string, id: string) => {
    const connection = t.read<Connection>(connections).get(id)
    return connection && connection.orgId === orgId ? connection : undefined
  }
  return {
    orgOf: (id) => unit.read((t) => t.read<Connection>(connections).get(id)?.orgId ?? null),
    findById: (orgId, id) =>
      unit.read((t) => {
        const connection = hosted(t, orgId, id)
        return connection ? copy(connection) : null
      }),
    findByIds: (orgId, ids) =>
      unit.read((t) => {
        const table = t.read<Connection>(connections)
        return [...new Set(ids)].flatMap((id) => {
          const connection = table.get(id)
          return connection && connection.orgId === orgId ? [copy(connection)] : []
        })
      }),
    listForOrg: (orgId) =>
      unit.read((t) =>
        [...t.read<Connection>(connections).values()]
          .filter((c) => c.orgId === orgId || c.guestOrgId === orgId)
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .map(copy),
      ),
    insert: (connection) =>
      unit.write((t) => {
        for (const other of t.read<Connection>(connections).values())
          if (sameSource(other, connection)) return { status: 'exists', connection: copy(other) } as const
        t.write<Connection>(connections).set(connection.id, copy(connection))
        return { status: 'inserted' } as const
      }),
    update: (orgId, id, patch, options = {}) =>
      unit.write((t) => {
        const current = hosted(t, orgId, id)
        if (!current) return { status: 'not-found' } as const
        if (options.ifStatus && !options.ifStatus.includes(current.status))
          return { status: 'wrong-status', connection: copy(current) } as const
        const next: Connection = { ...current, ...definedFields(patch), id }
        t.write<Connection>(connections).set(id, next)
        return { status: 'updated', connection: copy(next) } as const
      }),
    delete: (orgId, id) =>
      unit.write((t) => {
        if (!hosted(t, orgId, id)) return false
        t.write(connections).delete(id)
        for (const name of [links, linkAccounts]) {
          const table = t.write<{ connectionId: string }>(name)
          for (const [key, row] of table) if (row.connectionId === id) table.delete(key)
        }
        return true
      }),
    listDue: (now, { afterId, limit, partition }) =>
      unit.read((t) =>
        [...t.read<Connection>(connections).values()]
          .filter(
            (c) =>
              c.status === 'active' &&
              c.nextRunAt !== null &&
              c.nextRunAt <= now &&
              !leased(c, now) &&
              (afterId === undefined || c.id > afterId) &&
              (partition === undefined || partitionOf(c.orgId, partition.count) === partition.index),
          )
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .slice(0, Math.max(0, limit))
          .map(copy),
      ),
    claimRun: (orgId, id, { now, leaseUntil, due }) =>
      unit.write((t): ClaimRunOutcome => {
        const current = hosted(t, orgId, id)
        if (!current) return { status: 'not-found' }
        if (current.status !== 'active') return { status: 'inactive', connectionStatus: current.status }
        if (leased(current, now)) return { status: 'busy', leaseUntil: new Date(current.leaseUntil!) }
        if (due && (current.nextRunAt === null || current.nextRunAt > now))
          return { status: 'not-due', nextRunAt: current.nextRunAt ? new Date(current.nextRunAt) : null }
        const next: Connection = {
          ...current,
          run: current.run + 1,
          lastRunAt: now,
          leaseUntil,
          nextRunAt:
            current.intervalMinutes === null
              ? null
              : new Date(now.getTime() + current.intervalMinutes * 60_000),
          updatedAt: now,
        }
        t.write<Connection>(connections).set(id, copy(next))
        return { status: 'claimed', connection: copy(next) }
      }),
    renewLease: (orgId, id, run, leaseUntil) =>
      unit.write((t) => {
        const current = hosted(t, orgId, id)
        if (!current || current.status !== 'active' || current.run !== run) return false
        t.write<Connection>(connections).set(id, { ...current, leaseUntil })
        return true
      }),
    finishRun: (orgId, id, run, { now, complete }) =>
      unit.write((t) => {
        const current = hosted(t, orgId, id)
        if (!current || current.run !== run) return false
        t.write<Connection>(connections).set(id, {
          ...current,
          leaseUntil: null,
          lastCompletedAt: complete ? now : current.lastCompletedAt,
          updatedAt: now,
        })
        return true
      }),
  }
}

function insertLink(t: TableAccess, link: ConnectionLink): InsertLinkOutcome {
  const { links, linkAccounts } = CONNECTION_TABLES
  const key = linkKey(link.connectionId, link.externalId)
  const accountKey = linkAccountKey(link.connectionId, link.accountId)
  if (t.read(links).has(key)) return { status: 'conflict', field: 'externalId' }
  if (t.read(linkAccounts).has(accountKey)) return { status: 'conflict', field: 'accountId' }
  t.write<ConnectionLink>(links).set(key, copy(link))
  t.write<LinkAccountRow>(linkAccounts).set(accountKey, {
    orgId: link.orgId,
    connectionId: link.connectionId,
    accountId: link.accountId,
    externalId: link.externalId,
  })
  return { status: 'inserted' }
}

export function connectionLinksRepository(unit: Unit): ConnectionLinksRepository {
  const { links, linkAccounts } = CONNECTION_TABLES
  const inScope = (link: ConnectionLink | undefined, scope: LinkScope): link is ConnectionLink =>
    link !== undefined && link.orgId === scope.orgId
  return {
    find: (scope, externalIds) =>
      unit.read((t) => {
        const table = t.read<ConnectionLink>(links)
        return [...new Set(externalIds)].flatMap((externalId) => {
          const link = table.get(linkKey(scope.connectionId, externalId))
          return inScope(link, scope) ? [copy(link)] : []
        })
      }),
    insert: (link) => unit.write((t) => insertLink(t, link)),
    insertMany: (rows) => unit.write((t) => rows.map((link) => insertLink(t, link))),
    update: (scope, externalId, patch) =>
      unit.write((t) => {
        const key = linkKey(scope.connectionId, externalId)
        const current = t.read<ConnectionLink>(links).get(key)
        if (!inScope(current, scope)) return null
        const next: ConnectionLink = { ...current, ...definedFields(patch) }
        t.write<ConnectionLink>(links).set(key, next)
        return copy(next)
      }),
    markSeen: (scope, externalIds, run) =>
      unit.write((t) => {
        const table = t.write<ConnectionLink>(links)
        let changed = 0
        for (const externalId of new Set(externalIds)) {
          const key = linkKey(scope.connectionId, externalId)
          const current = table.get(key)
          if (!inScope(current, scope)) continue
          table.set(key, { ...current, lastSeenRun: run })
          changed++
        }
        return changed
      }),
    pageUnseen: (scope, run, query) =>
      unit.read((t) =>
        keysetPage(
          linksOf(t, scope).filter((link) => link.lastSeenRun < run && link.missingSince === null),
          query,
        ),
      ),
    page: (scope, query) => unit.read((t) => keysetPage(linksOf(t, scope), query)),
    delete: (scope, externalId) =>
      unit.write((t) => {
        const key = linkKey(scope.connectionId, externalId)
        const current = t.read<ConnectionLink>(links).get(key)
        if (!inScope(current, scope)) return false
        t.write(links).delete(key)
        t.write(linkAccounts).delete(linkAccountKey(scope.connectionId, current.accountId))
        return true
      }),
  }
}
