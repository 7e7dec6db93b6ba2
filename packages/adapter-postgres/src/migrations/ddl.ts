import { type Kysely, sql } from 'kysely'

/** Runs DDL statements one by one (PGlite's extended protocol takes one statement per call). */
export async function runStatements(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

/**
 * Identifier and key columns use the "C" collation: byte order is the order JavaScript's `<`
 * gives for these strings (keyset cursors compare the same way on every adapter), comparisons are
 * cheaper, and a plain btree serves `LIKE 'prefix%'` and range scans whatever the database locale.
 */
export const ID = 'text COLLATE "C"'
export const KEY = 'text COLLATE "C"'
