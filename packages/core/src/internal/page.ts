import * as z from 'zod'
import { Cursor } from '../domain/schemas.js'

/** One page of a keyset-paged list (API.md). `nextCursor` is `null` on the last page. */
export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

/** @internal The opaque cursor of a keyset position: base64url of the last row's id. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, 'utf8').toString('base64url')
}

/**
 * @internal A cursor input field that parses to the row id it holds. A string Roster did not issue
 * is a `VALIDATION` issue at the field, never a silent first page.
 */
export const KeysetCursor = Cursor.transform((cursor, context) => {
  const id = Buffer.from(cursor, 'base64url').toString('utf8')
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id) || encodeCursor(id) !== cursor) {
    context.addIssue({ code: 'custom', message: 'Not a valid cursor' })
    return z.NEVER
  }
  return id
})

/**
 * @internal Cuts the `limit + 1` rows a keyset read asked for down to one page: the extra row only
 * tells that a next page exists, so no count query is needed.
 */
export function splitPage<R>(
  rows: readonly R[],
  limit: number,
  idOf: (row: R) => string,
): { rows: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(idOf(last)) : null }
}

/**
 * @internal The {@link Page} a list use-case returns from the `limit + 1` rows its keyset read
 * asked for: cut as {@link splitPage} does, each kept row shown through `toItem`.
 */
export function keysetPage<R, T>(
  rows: readonly R[],
  limit: number,
  keyOf: (row: R) => string,
  toItem: (row: R) => T,
): Page<T> {
  const page = splitPage(rows, limit, keyOf)
  return { items: page.rows.map((row) => toItem(row)), nextCursor: page.nextCursor }
}
