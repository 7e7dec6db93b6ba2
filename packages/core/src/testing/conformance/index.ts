import { describe } from 'vitest'
import { accessConformance } from './access.js'
import { accountAuthorityConformance } from './account-authority.js'
import { accessScopesConformance } from './access-scopes.js'
import { accountsConformance } from './accounts.js'
import { auditConformance } from './audit.js'
import { blocklistConformance } from './blocklist.js'
import { bulkInsertsConformance } from './bulk-inserts.js'
import { concurrencyConformance } from './concurrency.js'
import { connectionLinksConformance } from './connection-links.js'
import { connectionRacesConformance } from './connection-races.js'
import { connectionsConformance } from './connections.js'
import { departmentsConformance } from './departments.js'
import { grantsConformance } from './grants.js'
import { joinRequestsConformance } from './join-requests.js'
import { licenseRacesConformance } from './license-races.js'
import { licensesConformance } from './licenses.js'
import { numbersConformance } from './numbers.js'
import { conformanceTest } from './harness.js'
import { memberDirectoryConformance } from './member-directory.js'
import { membershipsConformance } from './memberships.js'
import { membershipInvariantsConformance } from './membership-invariants.js'
import { removalRacesConformance } from './removal-races.js'
import type { StorageConformanceOptions } from './options.js'
import { orgsConformance } from './orgs.js'
import { outboxConformance } from './outbox.js'
import { outboxClaimsConformance } from './outbox-claims.js'
import { rateLimitsConformance } from './rate-limits.js'
import { resourcesConformance } from './resources.js'
import { rolesConformance } from './roles.js'
import { secretsAtRestConformance } from './secrets-at-rest.js'
import { scimConformance } from './scim.js'
import { scimGroupsConformance } from './scim-groups.js'
import { tokensConformance } from './tokens.js'
import { transactionsConformance } from './transactions.js'

export type { StorageConformanceOptions } from './options.js'

/**
 * Registers the shared storage suite with vitest: every method of every repository of the
 * storage port, transactions that commit and roll back, and the race contracts under concurrent
 * calls. Each test gets a fresh storage from `makeStorage` (and gives it to `disposeStorage`
 * afterwards), so tests share no state and run in any order. The suite only uses the port.
 *
 * @example
 * // my-storage.test.ts
 * import { runStorageConformance } from '@roster/core/testing'
 * import { memoryStorage } from '@roster/adapter-memory'
 *
 * runStorageConformance({ name: 'memory', makeStorage: () => memoryStorage() })
 */
export function runStorageConformance(options: StorageConformanceOptions): void {
  const test = conformanceTest(options)
  describe(`storage conformance: ${options.name}`, () => {
    accountsConformance(test)
    orgsConformance(test)
    membershipsConformance(test)
    memberDirectoryConformance(test)
    grantsConformance(test)
    accessConformance(test)
    tokensConformance(test)
    auditConformance(test)
    outboxConformance(test)
    outboxClaimsConformance(test)
    blocklistConformance(test)
    rateLimitsConformance(test)
    licensesConformance(test)
    licenseRacesConformance(test)
    numbersConformance(test)
    transactionsConformance(test)
    concurrencyConformance(test)
    rolesConformance(test)
    resourcesConformance(test)
    departmentsConformance(test)
    joinRequestsConformance(test)
    accessScopesConformance(test)
    connectionsConformance(test)
    connectionLinksConformance(test)
    connectionRacesConformance(test)
    bulkInsertsConformance(test)
    secretsAtRestConformance(test)
    membershipInvariantsConformance(test)
    removalRacesConformance(test)
    accountAuthorityConformance(test)
    scimConformance(test)
    scimGroupsConformance(test)
  })
}
