// The public API of @roster/adapter-postgres. Explicit named exports only.

export { postgresStorage, type PostgresStorageOptions } from './postgres-storage.js'
export { REPLICA_READS } from './replica-reads.js'
export {
  migrateToLatest,
  migrateDown,
  migrationStatus,
  rosterMigrations,
  rosterMigrationProvider,
  rosterMigrator,
  RosterMigrationError,
  type MigrationRunOptions,
  ROSTER_MIGRATION_TABLE,
  ROSTER_MIGRATION_LOCK_TABLE,
} from './migrations/index.js'
export { pgliteDialect, type PGliteLike, type PgliteDialectOptions } from './pglite-dialect.js'
export { createPgliteStorage, type PgliteStorage, type PgliteStorageOptions } from './pglite-storage.js'
export {
  guardPool,
  type GuardPoolOptions,
  type PgPoolEvents,
  type PgClientEvents,
} from './guard-pool.js'
export {
  preparedStatements,
  type PreparedStatementsOptions,
  type PgPoolLike,
  type PgClientLike,
} from './prepared-statements.js'
export type {
  RosterDatabase,
  AccountsTable,
  OrganizationsTable,
  MembershipsTable,
  GrantsTable,
  RolesTable,
  DepartmentsTable,
  ResourcesTable,
  JoinRequestsTable,
  LicensePoolsTable,
  LicenseSeatsTable,
  PhoneNumbersTable,
  TokensTable,
  AuditEventsTable,
  OutboxMessagesTable,
  BlocklistTable,
  RateLimitsTable,
} from './schema.js'
export {
  detectPooling,
  detectKyselyPooling,
  type DetectKyselyPoolingOptions,
  type PoolingMode,
  type ProbePool,
} from './pooler.js'
export {
  CROSS_ORG_LOOKUPS,
  citusLayoutSql,
  DISTRIBUTED_TABLES,
  REFERENCE_TABLES,
  type RosterTable,
  TABLE_DISTRIBUTION,
} from './distribution.js'
