// Builders shared by the connection conformance files (`connections.ts`, `connection-links.ts`,
// `connection-races.ts`) and by other topics that need a connection or a link to exist.
import { expect } from 'vitest'
import type { Connection, ConnectionLink } from '../../domain/connection.js'
import type { Storage, StorageRepositories } from '../../ports/storage.js'
import { at, type Fixtures } from './fixtures.js'
import { seedAccount, seedOrg } from './harness.js'

type Ref = { id: string }

/** A directory connection of `org` (active, hourly, due at `T0`) unless overridden. */
export function connectionFor(f: Fixtures, org: Ref, overrides: Partial<Connection> = {}): Connection {
  const id = f.id()
  return {
    id,
    orgId: org.id,
    kind: 'directory',
    sourceKey: `source-${id.slice(-6)}`,
    guestOrgId: null,
    status: 'active',
    onMissing: 'disable',
    intervalMinutes: 60,
    managedFields: ['email', 'firstName', 'lastName'],
    run: 0,
    lastRunAt: null,
    lastCompletedAt: null,
    nextRunAt: at(0),
    leaseUntil: null,
    createdBy: null,
    approvedBy: null,
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  }
}

/** A link of `connection` to `account`, seen by run 1. */
export function linkFor(
  connection: Pick<Connection, 'id' | 'orgId'>,
  account: Ref,
  externalId: string,
  overrides: Partial<ConnectionLink> = {},
): ConnectionLink {
  return {
    orgId: connection.orgId,
    connectionId: connection.id,
    externalId,
    accountId: account.id,
    lastSeenRun: 1,
    record: {
      email: `${externalId}@example.com`,
      firstName: 'Pat',
      lastName: externalId,
      phone: null,
      language: null,
      title: null,
      active: true,
    },
    managedFields: ['email', 'firstName', 'lastName'],
    ownsAccount: true,
    missingSince: null,
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  }
}

export async function seedConnection(
  repos: StorageRepositories,
  f: Fixtures,
  org: Ref,
  overrides: Partial<Connection> = {},
): Promise<Connection> {
  const connection = connectionFor(f, org, overrides)
  expect(await repos.connections.insert(connection)).toEqual({ status: 'inserted' })
  return connection
}

/** A connection with `n` linked accounts (`p01`, `p02`, …), all seen by run 1. */
export async function seedLinks(storage: Storage, f: Fixtures, n: number) {
  const org = await seedOrg(storage, f)
  const connection = await seedConnection(storage, f, org)
  const links: ConnectionLink[] = []
  for (let i = 1; i <= n; i++) {
    const account = await seedAccount(storage, f)
    const link = linkFor(connection, account, `p${String(i).padStart(2, '0')}`)
    expect(await storage.connectionLinks.insert(link)).toEqual({ status: 'inserted' })
    links.push(link)
  }
  return { org, connection, links, scope: { orgId: org.id, connectionId: connection.id } }
}

export const externalIds = (links: readonly ConnectionLink[]) => links.map((link) => link.externalId)
export const ids = (connections: readonly Connection[]) => connections.map((c) => c.id)
