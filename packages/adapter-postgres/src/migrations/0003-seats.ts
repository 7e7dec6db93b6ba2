import type { Kysely, Migration } from 'kysely'
import { ID, KEY, runStatements } from './ddl.js'

/**
 * Seats: license pools per (org, product), one row per held seat, and the org's phone numbers.
 *
 * `assigned` is not stored: it is the count of seat rows, so every path that frees a seat (release,
 * member removal, number removal, org deletion) keeps it right by construction. Claims and
 * resizes lock the pool row first and count in a fresh snapshot, which makes `assigned ≤ seats`
 * hold under any concurrency (L2, L5).
 */
export const seats: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, [
      `CREATE TABLE license_pools (
        org_id ${ID} NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        product ${KEY} NOT NULL,
        seats integer NOT NULL CHECK (seats >= 0),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (org_id, product)
      )`,

      `CREATE TABLE license_seats (
        org_id ${ID} NOT NULL,
        product ${KEY} NOT NULL,
        account_id ${ID},
        number ${KEY},
        holder ${KEY} GENERATED ALWAYS AS (
          CASE WHEN account_id IS NOT NULL THEN 'm:' || account_id ELSE 'n:' || number END) STORED,
        claimed_at timestamptz NOT NULL,
        CHECK ((account_id IS NULL) <> (number IS NULL)),
        -- One seat per (pool, holder).
        PRIMARY KEY (org_id, product, holder),
        FOREIGN KEY (org_id, product) REFERENCES license_pools (org_id, product) ON DELETE CASCADE
      )`,
      `CREATE INDEX license_seats_member_idx ON license_seats (org_id, account_id, product)
        WHERE account_id IS NOT NULL`,
      `CREATE INDEX license_seats_number_idx ON license_seats (org_id, number)
        WHERE number IS NOT NULL`,

      `CREATE TABLE phone_numbers (
        org_id ${ID} NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        number ${KEY} NOT NULL,
        account_id ${ID},
        imported_at timestamptz NOT NULL,
        assigned_at timestamptz,
        -- N1: a number is in an org's pool once; N3: one holder (a single column).
        PRIMARY KEY (org_id, number)
      )`,
      `CREATE INDEX phone_numbers_holder_idx ON phone_numbers (org_id, account_id, number)
        WHERE account_id IS NOT NULL`,
    ])
  },

  async down(db: Kysely<unknown>) {
    await runStatements(db, [
      'DROP TABLE phone_numbers',
      'DROP TABLE license_seats',
      'DROP TABLE license_pools',
    ])
  },
}
