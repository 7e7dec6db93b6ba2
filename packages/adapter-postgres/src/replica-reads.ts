import type { StorageRepositories } from '@roster/core/storage'

/**
 * The repository methods `postgresStorage` sends to `readReplica` when they are called outside a
 * transaction: directory pages, lists and the audit log — what a screen shows and may show a
 * moment late. Everything else stays on the primary: every call inside `transaction` (reads a
 * write depends on included), the access check (`access.load`, so a revoked permission takes
 * effect at once), every lookup by key (`find*`: sign-in, activation, tokens, slugs), the outbox
 * and sync claims, and every write.
 *
 * @example
 * import { postgresStorage, REPLICA_READS } from '@roster/adapter-postgres'
 *
 * const storage = postgresStorage(primary, { readReplica: replica })
 * console.log(REPLICA_READS.memberships) // ['page', 'row']: members.list and members.get read the replica
 */
export const REPLICA_READS = Object.freeze({
  memberships: ['page', 'row'],
  audit: ['list'],
  orgs: ['listForAccount'],
  roles: ['list'],
  resources: ['list'],
  departments: ['list'],
  licenses: ['listPools', 'listSeats'],
  numbers: ['page'],
  joinRequests: ['list'],
  connections: ['listForOrg'],
  connectionLinks: ['page'],
  blocklist: ['list'],
} as const satisfies { [R in keyof StorageRepositories]?: ReadonlyArray<keyof StorageRepositories[R]> })

/** @internal `primary` with the `REPLICA_READS` methods taken from `replica`. */
export function withReplicaReads(
  primary: StorageRepositories,
  replica: StorageRepositories,
): StorageRepositories {
  const routed = { ...primary } as unknown as Record<string, Record<string, unknown>>
  for (const [repository, methods] of Object.entries(REPLICA_READS)) {
    const source = (replica as unknown as Record<string, Record<string, unknown>>)[repository]!
    routed[repository] = { ...routed[repository] }
    for (const method of methods) routed[repository]![method] = source[method]
  }
  return routed as unknown as StorageRepositories
}
