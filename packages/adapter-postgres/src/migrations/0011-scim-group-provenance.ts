import type { Kysely, Migration } from 'kysely'
import { ID, KEY, runStatements } from './ddl.js'

/**
 * What each SCIM group gave each of its members (docs/guides/scim.md, SC11): a grant, the
 * department or a seat, recorded only when the group gave it. Taking a member out of a group (or
 * unmapping or deleting the group) takes back only what is recorded here and no other group still
 * gives — never what an admin gave by hand. A row goes with its group member row (and so with the
 * group, the SCIM user and the membership).
 */
export const scimGroupProvenance: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, [
      `CREATE TABLE scim_group_provenance (
        org_id ${ID} NOT NULL,
        account_id ${ID} NOT NULL,
        kind text NOT NULL CHECK (kind IN ('grant', 'department', 'seat')),
        key ${KEY} NOT NULL,
        connection_id ${ID} NOT NULL,
        group_id ${ID} NOT NULL,
        PRIMARY KEY (org_id, account_id, kind, key, connection_id, group_id),
        FOREIGN KEY (org_id, connection_id, group_id, account_id)
          REFERENCES scim_group_members (org_id, connection_id, group_id, account_id) ON DELETE CASCADE
      )`,
      // The cascade from a group member row, and a group's own rows when it is unmapped or deleted.
      'CREATE INDEX scim_group_provenance_group_idx ON scim_group_provenance (org_id, connection_id, group_id, account_id)',
    ])
  },
  async down(db: Kysely<unknown>) {
    await runStatements(db, ['DROP TABLE scim_group_provenance'])
  },
}
