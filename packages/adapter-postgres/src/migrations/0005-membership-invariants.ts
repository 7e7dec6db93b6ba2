import type { Kysely, Migration } from 'kysely'
import { runStatements } from './ddl.js'

/**
 * Nothing a membership owns outlives it, whatever runs concurrently (issue 13, A13, L4, N4):
 *
 * - a member's seat references its membership and goes with it (`ON DELETE CASCADE`);
 * - a held number references its holder's membership and becomes available if that goes
 *   (`ON DELETE SET NULL (account_id)`, PostgreSQL 15+). `memberships.delete` frees numbers (with
 *   their seats) itself, after locking the membership; the action is the net under it and what org
 *   deletion relies on;
 * - a membership no longer goes with its account (`NO ACTION` instead of `CASCADE`): an account
 *   is deleted only once it has no membership, so a membership a concurrent `members.add` commits
 *   makes the deletion fail (a retryable conflict) instead of vanishing with it.
 *
 * A foreign-key check locks the referenced row (`FOR KEY SHARE`), so a write and the deletion of
 * what it references serialize under READ COMMITTED: either the write waits and then fails on the
 * missing row, or the deletion waits and then sees (and cascades to) the committed row.
 */
export const membershipInvariants: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, [
      `ALTER TABLE license_seats ADD CONSTRAINT license_seats_membership_fkey
        FOREIGN KEY (org_id, account_id) REFERENCES memberships (org_id, account_id) ON DELETE CASCADE`,
      `ALTER TABLE phone_numbers ADD CONSTRAINT phone_numbers_holder_fkey
        FOREIGN KEY (org_id, account_id) REFERENCES memberships (org_id, account_id)
        ON DELETE SET NULL (account_id)`,
      'ALTER TABLE memberships DROP CONSTRAINT memberships_account_id_fkey',
      `ALTER TABLE memberships ADD CONSTRAINT memberships_account_id_fkey
        FOREIGN KEY (account_id) REFERENCES accounts (id)`,
    ])
  },

  async down(db: Kysely<unknown>) {
    await runStatements(db, [
      'ALTER TABLE memberships DROP CONSTRAINT memberships_account_id_fkey',
      `ALTER TABLE memberships ADD CONSTRAINT memberships_account_id_fkey
        FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE`,
      'ALTER TABLE phone_numbers DROP CONSTRAINT phone_numbers_holder_fkey',
      'ALTER TABLE license_seats DROP CONSTRAINT license_seats_membership_fkey',
    ])
  },
}
