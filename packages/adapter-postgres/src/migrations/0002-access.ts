import type { Kysely, Migration } from 'kysely'
import { ID, KEY, runStatements } from './ddl.js'

/**
 * The access area: custom roles, resources grants can be scoped to, departments and join
 * requests. Names compare by their key (trimmed, NFC, lower-cased by the core), unique per org.
 *
 * No foreign key points from grants to roles or resources, nor from memberships to departments:
 * built-in roles are not rows, and the "no grant outlives its role/resource, no member is left in
 * a deleted department" rules are kept by row locks in the repositories (a delete locks the row
 * and counts in a fresh snapshot; a use-case's lookup inside a transaction takes a key-share lock),
 * so a race ends in the port's typed outcome rather than a foreign-key error.
 */
export const access: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, [
      `CREATE TABLE roles (
        org_id ${ID} NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id ${ID} NOT NULL,
        name text NOT NULL,
        name_key ${KEY} NOT NULL,
        permissions text[] NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (org_id, id)
      )`,
      'CREATE UNIQUE INDEX roles_org_name_unique ON roles (org_id, name_key)',

      `CREATE TABLE resources (
        org_id ${ID} NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id ${ID} NOT NULL,
        type text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (org_id, id)
      )`,
      'CREATE INDEX resources_org_type_idx ON resources (org_id, type, id)',
      // Deleting a resource removes the grants at it: find them without scanning the org's grants.
      `CREATE INDEX grants_org_scope_idx ON grants (org_id, scope_kind, scope_value)
        WHERE scope_kind <> 'org'`,

      `CREATE TABLE departments (
        org_id ${ID} NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id ${ID} NOT NULL,
        name text NOT NULL,
        name_key ${KEY} NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (org_id, id)
      )`,
      'CREATE UNIQUE INDEX departments_org_name_unique ON departments (org_id, name_key)',

      `CREATE TABLE join_requests (
        org_id ${ID} NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id ${ID} NOT NULL,
        account_id ${ID} NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'cancelled')),
        message text,
        reason text,
        decided_by ${ID},
        decided_at timestamptz,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (org_id, id)
      )`,
      // J1: one pending request per (org, account).
      `CREATE UNIQUE INDEX join_requests_pending_unique ON join_requests (org_id, account_id)
        WHERE status = 'pending'`,
      'CREATE INDEX join_requests_org_status_idx ON join_requests (org_id, status, id)',
      // Requests are also found by id alone (the requester cancels, an admin decides by link).
      'CREATE INDEX join_requests_id_idx ON join_requests (id)',
      'CREATE INDEX join_requests_account_idx ON join_requests (account_id)',
    ])
  },

  async down(db: Kysely<unknown>) {
    await runStatements(db, [
      'DROP TABLE join_requests',
      'DROP TABLE departments',
      'DROP INDEX grants_org_scope_idx',
      'DROP TABLE resources',
      'DROP TABLE roles',
    ])
  },
}
