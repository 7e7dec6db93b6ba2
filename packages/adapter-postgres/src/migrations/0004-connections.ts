import type { Kysely, Migration } from 'kysely'
import { ID, KEY, runStatements } from './ddl.js'

/**
 * Directory connections (S1–S5) and the people they link: keyed by the host org (`org_id`), the
 * org the synced guest memberships live in. One connection per (host, source); one link per
 * (connection, external id) and per (connection, account).
 */
export const connections: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, [
      `CREATE TABLE connections (
        org_id ${ID} NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id ${ID} NOT NULL,
        kind text NOT NULL CHECK (kind IN ('directory', 'organization')),
        source_key ${KEY},
        guest_org_id ${ID},
        status text NOT NULL CHECK (status IN ('pending', 'active', 'disconnecting')),
        on_missing text NOT NULL CHECK (on_missing IN ('disable', 'remove')),
        interval_minutes integer,
        managed_fields text[] NOT NULL,
        run integer NOT NULL,
        last_run_at timestamptz,
        last_completed_at timestamptz,
        next_run_at timestamptz,
        lease_until timestamptz,
        created_by ${ID},
        approved_by ${ID},
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (org_id, id)
      )`,
      `CREATE UNIQUE INDEX connections_directory_unique ON connections (org_id, source_key)
        WHERE kind = 'directory'`,
      `CREATE UNIQUE INDEX connections_organization_unique ON connections (org_id, guest_org_id)
        WHERE kind = 'organization'`,
      // Found by id alone (a run, an approval link) and by the guest org (its admins see it too).
      'CREATE INDEX connections_id_idx ON connections (id)',
      'CREATE INDEX connections_guest_idx ON connections (guest_org_id) WHERE guest_org_id IS NOT NULL',
      // The scheduler's scan (runDue): active connections by id.
      `CREATE INDEX connections_active_idx ON connections (id) WHERE status = 'active'`,

      `CREATE TABLE connection_links (
        org_id ${ID} NOT NULL,
        connection_id ${ID} NOT NULL,
        external_id ${KEY} NOT NULL,
        account_id ${ID} NOT NULL,
        last_seen_run integer NOT NULL,
        record jsonb NOT NULL,
        managed_fields text[] NOT NULL,
        owns_account boolean NOT NULL,
        missing_since timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (org_id, connection_id, external_id),
        FOREIGN KEY (org_id, connection_id) REFERENCES connections (org_id, id) ON DELETE CASCADE
      )`,
      `CREATE UNIQUE INDEX connection_links_account_unique
        ON connection_links (org_id, connection_id, account_id)`,
      // Removing a member removes its links in that org.
      'CREATE INDEX connection_links_member_idx ON connection_links (org_id, account_id)',
      // The people a complete pass did not see (pageUnseen), in external id order.
      `CREATE INDEX connection_links_listed_idx ON connection_links (org_id, connection_id, last_seen_run, external_id)
        WHERE missing_since IS NULL`,
    ])
  },

  async down(db: Kysely<unknown>) {
    await runStatements(db, ['DROP TABLE connection_links', 'DROP TABLE connections'])
  },
}
