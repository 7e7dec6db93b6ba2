import type { Kysely, Migration } from 'kysely'
import { ID, runStatements } from './ddl.js'

/**
 * At-most-once delivery (E3): the token of the claim holding a message (`claim`), which fences
 * every write about a delivery attempt, and the `sending` state a message is in while the mailer
 * has it (left there when its outcome could not be recorded: sent-unconfirmed, never resent).
 */
export const outboxClaims: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, [
      `ALTER TABLE outbox_messages ADD COLUMN claim ${ID}`,
      'ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_status_check',
      `ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_status_check
        CHECK (status IN ('pending', 'sending', 'sent', 'dead', 'blocked'))`,
    ])
  },
  async down(db: Kysely<unknown>) {
    await runStatements(db, [
      // A message the mailer may have is not sent again after a downgrade either.
      `UPDATE outbox_messages SET status = 'sent' WHERE status = 'sending'`,
      'ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_status_check',
      `ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_status_check
        CHECK (status IN ('pending', 'sent', 'dead', 'blocked'))`,
      'ALTER TABLE outbox_messages DROP COLUMN claim',
    ])
  },
}
