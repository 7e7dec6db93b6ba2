import type { Kysely, Migration } from 'kysely'
import { ID, KEY, runStatements } from './ddl.js'

/**
 * SCIM 2.0 provisioning (docs/guides/scim.md, SC1–SC9): the SCIM settings of a directory
 * connection, its bearer tokens (hashes only, X1), the users and groups an IdP pushed. Every
 * table leads with `org_id`. A SCIM user and its group memberships stand for the membership:
 * they go with it (foreign keys on `memberships (org_id, account_id)`, like grants).
 */
export const scim: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, [
      `CREATE TABLE scim_connections (
        org_id ${ID} NOT NULL,
        connection_id ${ID} NOT NULL,
        name text NOT NULL,
        name_key ${KEY} NOT NULL,
        credential text NOT NULL CHECK (credential IN ('activation-link', 'sso', 'none')),
        sso_provider text,
        member_type text NOT NULL CHECK (member_type IN ('employee', 'guest')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (org_id, connection_id),
        FOREIGN KEY (org_id, connection_id) REFERENCES connections (org_id, id) ON DELETE CASCADE
      )`,
      'CREATE UNIQUE INDEX scim_connections_name_unique ON scim_connections (org_id, name_key)',
      `CREATE TABLE scim_tokens (
        org_id ${ID} NOT NULL,
        id ${ID} NOT NULL,
        connection_id ${ID} NOT NULL,
        hash ${KEY} NOT NULL,
        hint text NOT NULL,
        created_by ${ID},
        created_at timestamptz NOT NULL,
        last_used_at timestamptz,
        revoked_at timestamptz,
        PRIMARY KEY (org_id, id),
        FOREIGN KEY (org_id, connection_id) REFERENCES scim_connections (org_id, connection_id) ON DELETE CASCADE
      )`,
      // A request presents only the secret: its hash finds the token (and so the org).
      'CREATE UNIQUE INDEX scim_tokens_hash_unique ON scim_tokens (hash)',
      'CREATE INDEX scim_tokens_connection_idx ON scim_tokens (org_id, connection_id, id)',
      `CREATE TABLE scim_users (
        org_id ${ID} NOT NULL,
        connection_id ${ID} NOT NULL,
        account_id ${ID} NOT NULL,
        user_name text NOT NULL,
        user_name_key ${KEY} NOT NULL,
        external_id text,
        active boolean NOT NULL,
        attributes jsonb NOT NULL,
        owns_account boolean NOT NULL,
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (org_id, connection_id, account_id),
        FOREIGN KEY (org_id, connection_id) REFERENCES scim_connections (org_id, connection_id) ON DELETE CASCADE,
        FOREIGN KEY (org_id, account_id) REFERENCES memberships (org_id, account_id) ON DELETE CASCADE
      )`,
      // SCIM userName is unique and case-insensitive (RFC 7643 §4.1.1): two racing POSTs of one
      // userName meet here.
      'CREATE UNIQUE INDEX scim_users_name_unique ON scim_users (org_id, connection_id, user_name_key)',
      'CREATE INDEX scim_users_external_idx ON scim_users (org_id, connection_id, external_id)',
      'CREATE INDEX scim_users_account_idx ON scim_users (org_id, account_id)',
      `CREATE TABLE scim_groups (
        org_id ${ID} NOT NULL,
        connection_id ${ID} NOT NULL,
        id ${ID} NOT NULL,
        display_name text NOT NULL,
        display_name_key ${KEY} NOT NULL,
        external_id text,
        mapping jsonb,
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (org_id, connection_id, id),
        FOREIGN KEY (org_id, connection_id) REFERENCES scim_connections (org_id, connection_id) ON DELETE CASCADE
      )`,
      'CREATE UNIQUE INDEX scim_groups_name_unique ON scim_groups (org_id, connection_id, display_name_key)',
      `CREATE TABLE scim_group_members (
        org_id ${ID} NOT NULL,
        connection_id ${ID} NOT NULL,
        group_id ${ID} NOT NULL,
        account_id ${ID} NOT NULL,
        PRIMARY KEY (org_id, connection_id, group_id, account_id),
        FOREIGN KEY (org_id, connection_id, group_id) REFERENCES scim_groups (org_id, connection_id, id) ON DELETE CASCADE,
        FOREIGN KEY (org_id, connection_id, account_id)
          REFERENCES scim_users (org_id, connection_id, account_id) ON DELETE CASCADE
      )`,
      'CREATE INDEX scim_group_members_account_idx ON scim_group_members (org_id, connection_id, account_id)',
      // A SCIM connection's activity is its audit trail (SC8): system events by its reason.
      `CREATE INDEX audit_events_reason_idx ON audit_events (org_id, actor_reason, id) WHERE actor_kind = 'system'`,
    ])
  },
  async down(db: Kysely<unknown>) {
    await runStatements(db, [
      'DROP INDEX audit_events_reason_idx',
      'DROP TABLE scim_group_members',
      'DROP TABLE scim_groups',
      'DROP TABLE scim_users',
      'DROP TABLE scim_tokens',
      'DROP TABLE scim_connections',
    ])
  },
}
