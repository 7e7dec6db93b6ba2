import type { Kysely, Migration } from 'kysely'
import { ID, KEY, runStatements } from './ddl.js'

/**
 * Tables the members directory reads (department name, seats, numbers) and the access and seats
 * areas write: departments, resources, join requests, license pools and seats, phone numbers.
 * Their repositories arrive with those areas; changes to these tables come as new migrations.
 *
 * Seats are rows (one per held seat) so that "who holds what" is a join; a claim stays race-free
 * by locking the pool row (`SELECT … FOR UPDATE`) before counting, or by a conditional insert.
 */
export const directory: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, [
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

      `CREATE TABLE resources (
        org_id ${ID} NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id ${ID} NOT NULL,
        type text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (org_id, id)
      )`,
      'CREATE INDEX resources_org_type_idx ON resources (org_id, type, id)',

      `CREATE TABLE join_requests (
        org_id ${ID} NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id ${ID} NOT NULL,
        account_id ${ID} NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'cancelled')),
        message text,
        decided_by ${ID},
        decided_at timestamptz,
        reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (org_id, id)
      )`,
      // J1: one pending request per (org, account).
      `CREATE UNIQUE INDEX join_requests_pending_unique ON join_requests (org_id, account_id)
        WHERE status = 'pending'`,
      'CREATE INDEX join_requests_org_status_idx ON join_requests (org_id, status, id)',
      'CREATE INDEX join_requests_account_idx ON join_requests (account_id)',

      `CREATE TABLE license_pools (
        org_id ${ID} NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        product ${KEY} NOT NULL,
        seats integer NOT NULL CHECK (seats >= 0),
        required boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (org_id, product)
      )`,

      `CREATE TABLE phone_numbers (
        org_id ${ID} NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id ${ID} NOT NULL,
        e164 ${KEY} NOT NULL,
        account_id ${ID},
        assigned_at timestamptz,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (org_id, id),
        FOREIGN KEY (org_id, account_id) REFERENCES memberships (org_id, account_id)
      )`,
      // N1: a number is in an org's pool once; N3: one holder (a single column).
      'CREATE UNIQUE INDEX phone_numbers_org_e164_unique ON phone_numbers (org_id, e164)',
      `CREATE INDEX phone_numbers_holder_idx ON phone_numbers (org_id, account_id)
        WHERE account_id IS NOT NULL`,

      `CREATE TABLE license_seats (
        org_id ${ID} NOT NULL,
        id ${ID} NOT NULL,
        product ${KEY} NOT NULL,
        account_id ${ID},
        phone_number_id ${ID},
        assigned_at timestamptz NOT NULL,
        PRIMARY KEY (org_id, id),
        CHECK ((account_id IS NULL) <> (phone_number_id IS NULL)),
        FOREIGN KEY (org_id, product) REFERENCES license_pools (org_id, product) ON DELETE CASCADE,
        FOREIGN KEY (org_id, account_id) REFERENCES memberships (org_id, account_id) ON DELETE CASCADE,
        FOREIGN KEY (org_id, phone_number_id) REFERENCES phone_numbers (org_id, id) ON DELETE CASCADE
      )`,
      // A holder has at most one seat of a product.
      'CREATE UNIQUE INDEX license_seats_account_unique ON license_seats (org_id, product, account_id)',
      'CREATE UNIQUE INDEX license_seats_number_unique ON license_seats (org_id, product, phone_number_id)',
      `CREATE INDEX license_seats_holder_idx ON license_seats (org_id, account_id)
        WHERE account_id IS NOT NULL`,
    ])
  },

  async down(db: Kysely<unknown>) {
    await runStatements(db, [
      'DROP TABLE license_seats',
      'DROP TABLE phone_numbers',
      'DROP TABLE license_pools',
      'DROP TABLE join_requests',
      'DROP TABLE resources',
      'DROP TABLE departments',
    ])
  },
}
