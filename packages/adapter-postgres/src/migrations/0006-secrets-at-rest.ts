import type { Kysely, Migration } from 'kysely'
import { runStatements } from './ddl.js'

/**
 * No secret at rest (X5): an outbox message carrying a link or a temporary password stores what
 * the delivery step mints it from (`mint`), not the secret; a temporary password expires
 * (`accounts.password_expires_at`, A4).
 */
export const secretsAtRest: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, [
      'ALTER TABLE outbox_messages ADD COLUMN mint jsonb',
      'ALTER TABLE accounts ADD COLUMN password_expires_at timestamptz',
    ])
  },
  async down(db: Kysely<unknown>) {
    await runStatements(db, [
      'ALTER TABLE accounts DROP COLUMN password_expires_at',
      'ALTER TABLE outbox_messages DROP COLUMN mint',
    ])
  },
}
