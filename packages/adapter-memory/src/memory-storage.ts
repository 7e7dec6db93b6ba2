import type { Storage, StorageRepositories } from '@roster/core/storage'
import { MemoryDatabase, type TableAccess } from './database.js'
import { accessRepository } from './repositories/access.js'
import { accountsRepository } from './repositories/accounts.js'
import { auditRepository } from './repositories/audit.js'
import { blocklistRepository } from './repositories/blocklist.js'
import { connectionLinksRepository, connectionsRepository } from './repositories/connections.js'
import { departmentsRepository } from './repositories/departments.js'
import { grantsRepository } from './repositories/grants.js'
import { joinRequestsRepository } from './repositories/join-requests.js'
import { licensesRepository } from './repositories/licenses.js'
import { membershipsRepository } from './repositories/memberships.js'
import { numbersRepository } from './repositories/numbers.js'
import { organizationsRepository } from './repositories/organizations.js'
import { outboxRepository } from './repositories/outbox.js'
import { rateLimitsRepository } from './repositories/rate-limits.js'
import { resourcesRepository } from './repositories/resources.js'
import { rolesRepository } from './repositories/roles.js'
import { tokensRepository } from './repositories/tokens.js'
import { scimConnectionsRepository, scimGroupsRepository, scimUsersRepository } from './repositories/scim.js'
import type { Unit } from './repositories/unit.js'

function repositories(unit: Unit): StorageRepositories {
  return {
    accounts: accountsRepository(unit),
    orgs: organizationsRepository(unit),
    memberships: membershipsRepository(unit),
    grants: grantsRepository(unit),
    access: accessRepository(unit),
    tokens: tokensRepository(unit),
    audit: auditRepository(unit),
    outbox: outboxRepository(unit),
    blocklist: blocklistRepository(unit),
    rateLimits: rateLimitsRepository(unit),
    licenses: licensesRepository(unit),
    numbers: numbersRepository(unit),
    roles: rolesRepository(unit),
    resources: resourcesRepository(unit),
    departments: departmentsRepository(unit),
    joinRequests: joinRequestsRepository(unit),
    connections: connectionsRepository(unit),
    connectionLinks: connectionLinksRepository(unit),
    scimConnections: scimConnectionsRepository(unit),
    scimUsers: scimUsersRepository(unit),
    scimGroups: scimGroupsRepository(unit),
  }
}

/**
 * In-memory storage with real transactions: serializable (one writer at a time), copy-on-write,
 * rolled back completely when the transaction's function rejects. For tests, demos and
 * single-process tools; data lives as long as the object.
 *
 * @example
 * import { createRoster } from '@roster/core'
 * import { memoryStorage } from '@roster/adapter-memory'
 * const roster = createRoster({ storage: memoryStorage(), mailer })
 */
export function memoryStorage(): Storage {
  const db = new MemoryDatabase()
  const storage = buildStorage(db)
  databases.set(storage, db)
  return storage
}

const databases = new WeakMap<Storage, MemoryDatabase>()

/**
 * Every committed row of every table of a `memoryStorage()`, by table name: for tests that compare
 * a snapshot before and after a call ("nothing changed") or scan for what must never be stored.
 * Throws for a storage `memoryStorage()` did not make.
 *
 * @example
 * const before = memoryStorageTables(storage)
 * await roster.members.get(stranger, { orgId, accountId })
 * expect(memoryStorageTables(storage)).toEqual(before)
 */
export function memoryStorageTables(storage: Storage): Record<string, unknown[]> {
  const db = databases.get(storage)
  if (!db) throw new Error('memoryStorageTables: not a memoryStorage()')
  return db.dump()
}

function buildStorage(db: MemoryDatabase): Storage {
  const autocommit: Unit = {
    read: async (fn) => fn(db.snapshot),
    write: (fn) => db.run(async (tables) => fn(tables)),
  }
  return {
    ...repositories(autocommit),
    transaction: (fn) =>
      db.run((tables: TableAccess) => {
        const inTx: Unit = { read: async (read) => read(tables), write: async (write) => write(tables) }
        return fn(repositories(inTx))
      }),
  }
}
