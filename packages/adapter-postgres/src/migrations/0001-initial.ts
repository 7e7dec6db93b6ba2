import type { Kysely, Migration } from 'kysely'
import { ID, KEY, runStatements } from './ddl.js'

/**
 * The tables of the foundation: accounts, organizations, memberships with their grants, tokens,
 * the audit log, the outbox, the blocklist and rate limits. Tenant-owned tables lead with `org_id`, in their primary key and every index, so the
 * schema can be distributed by it.
 */
export const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, [
      `CREATE TABLE accounts (
        id ${ID} PRIMARY KEY,
        username text NOT NULL,
        username_key ${KEY} NOT NULL,
        email text NOT NULL,
        email_key ${KEY} NOT NULL,
        first_name text NOT NULL,
        last_name text NOT NULL,
        first_name_key ${KEY} NOT NULL,
        last_name_key ${KEY} NOT NULL,
        full_name_key ${KEY} GENERATED ALWAYS AS (first_name_key || ' ' || last_name_key) STORED,
        phone text,
        language text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending_activation', 'active', 'disabled')),
        must_change_password boolean NOT NULL DEFAULT false,
        password_hash text,
        identity_provider text,
        external_subject text,
        failed_sign_ins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
      'CREATE UNIQUE INDEX accounts_email_key_unique ON accounts (email_key)',
      'CREATE UNIQUE INDEX accounts_username_key_unique ON accounts (username_key)',
      `CREATE UNIQUE INDEX accounts_identity_unique ON accounts (identity_provider, external_subject)
        WHERE identity_provider IS NOT NULL`,
      // Prefix search (members.list `search`): a btree over C-collated keys answers
      // `key >= 'ada' AND key < 'ada\u{10FFFF}'` by a range scan. `full_name_key` also covers
      // first-name prefixes, since the first name is a prefix of "first last".
      'CREATE INDEX accounts_full_name_key_idx ON accounts (full_name_key)',
      'CREATE INDEX accounts_last_name_key_idx ON accounts (last_name_key)',

      `CREATE TABLE organizations (
        id ${ID} PRIMARY KEY,
        name text NOT NULL,
        slug ${KEY} NOT NULL,
        email text,
        founder_id ${ID} NOT NULL,
        settings jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
      'CREATE UNIQUE INDEX organizations_slug_unique ON organizations (slug)',

      `CREATE TABLE memberships (
        org_id ${ID} NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id ${ID} NOT NULL,
        account_id ${ID} NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('employee', 'guest')),
        status text NOT NULL CHECK (status IN ('invited', 'active', 'disabled')),
        department_id ${ID},
        title text,
        source text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (org_id, id)
      )`,
      'CREATE UNIQUE INDEX memberships_org_account_unique ON memberships (org_id, account_id)',
      'CREATE INDEX memberships_account_idx ON memberships (account_id, id)',
      'CREATE INDEX memberships_org_status_idx ON memberships (org_id, status, id)',
      'CREATE INDEX memberships_org_type_idx ON memberships (org_id, type, id)',
      `CREATE INDEX memberships_org_department_idx ON memberships (org_id, department_id, id)
        WHERE department_id IS NOT NULL`,

      `CREATE TABLE grants (
        org_id ${ID} NOT NULL,
        account_id ${ID} NOT NULL,
        role_id ${ID} NOT NULL,
        scope_kind text NOT NULL CHECK (scope_kind IN ('org', 'resource', 'type')),
        scope_value ${ID} NOT NULL,
        PRIMARY KEY (org_id, account_id, role_id, scope_kind, scope_value),
        FOREIGN KEY (org_id, account_id) REFERENCES memberships (org_id, account_id) ON DELETE CASCADE
      )`,
      'CREATE INDEX grants_org_role_idx ON grants (org_id, role_id)',

      `CREATE TABLE tokens (
        id ${ID} PRIMARY KEY,
        kind text NOT NULL,
        hash ${KEY} NOT NULL,
        account_id ${ID} NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        email text,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL
      )`,
      'CREATE UNIQUE INDEX tokens_hash_unique ON tokens (hash)',
      'CREATE INDEX tokens_account_unused_idx ON tokens (account_id, kind) WHERE used_at IS NULL',

      `CREATE TABLE audit_events (
        org_id ${ID} NOT NULL,
        id ${ID} NOT NULL,
        actor_kind text NOT NULL CHECK (actor_kind IN ('account', 'system')),
        actor_id ${ID},
        actor_reason text,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id ${ID} NOT NULL,
        changes jsonb NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (org_id, id)
      )`,
      'CREATE INDEX audit_events_target_idx ON audit_events (org_id, target_id, id)',
      'CREATE INDEX audit_events_actor_idx ON audit_events (org_id, actor_id, id)',
      'CREATE INDEX audit_events_action_idx ON audit_events (org_id, action, id)',

      `CREATE TABLE outbox_messages (
        id ${ID} PRIMARY KEY,
        org_id ${ID},
        "to" text NOT NULL,
        subject text NOT NULL,
        text text NOT NULL,
        html text NOT NULL,
        template text NOT NULL,
        language text NOT NULL,
        data jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'dead', 'blocked')),
        attempts integer NOT NULL,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz
      )`,
      // The dispatcher's scan (status = 'pending' by id) and the admin lists (per org, per status).
      'CREATE INDEX outbox_messages_status_idx ON outbox_messages (status, id)',
      'CREATE INDEX outbox_messages_org_idx ON outbox_messages (org_id, status, id)',

      `CREATE TABLE blocklist (
        email_key ${KEY} PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('bounce', 'complaint')),
        created_at timestamptz NOT NULL
      )`,

      `CREATE TABLE rate_limits (
        key ${KEY} PRIMARY KEY,
        window_start timestamptz NOT NULL,
        count integer NOT NULL
      )`,
    ])
  },

  async down(db: Kysely<unknown>) {
    await runStatements(db, [
      'DROP TABLE rate_limits',
      'DROP TABLE blocklist',
      'DROP TABLE outbox_messages',
      'DROP TABLE audit_events',
      'DROP TABLE tokens',
      'DROP TABLE grants',
      'DROP TABLE memberships',
      'DROP TABLE organizations',
      'DROP TABLE accounts',
    ])
  },
}
