import type { PhoneNumber, PhoneNumberStatus } from '../../domain/phone-number.js'

/** A keyset page query over one org's phone numbers, ordered by number ascending. */
export interface NumberPageQuery {
  orgId: string
  status?: PhoneNumberStatus
  /** Only the numbers this member holds. */
  accountId?: string
  /** Return numbers strictly greater (code-unit order of the E.164 string). */
  afterNumber?: string
  /** MUST return at most this many rows. */
  limit: number
}

export type AssignNumberOutcome =
  | { status: 'assigned' }
  | { status: 'already-held' }
  | { status: 'unavailable'; accountId: string }
  | { status: 'not-found' }

export type UnassignNumberOutcome =
  | { status: 'unassigned'; accountId: string }
  | { status: 'not-assigned' }
  | { status: 'not-found' }

/**
 * An org's pool of phone numbers (N1–N4). One row per (orgId, number), number in E.164. A number
 * has at most one holder; a number holds seats (kept by `LicensesRepository`) only while assigned.
 */
export interface NumbersRepository {
  find(orgId: string, number: string): Promise<PhoneNumber | null>
  /**
   * Inserts numbers as given. MUST skip (and list in `existing`) every number whose (orgId,
   * number) is already stored — also one inserted earlier in the same call or concurrently by
   * another transaction — and list the others in `inserted`, both in input order.
   */
  insertMany(numbers: readonly PhoneNumber[]): Promise<{ inserted: string[]; existing: string[] }>
  /** A keyset page of the org's numbers, by number ascending (no offset). */
  page(query: NumberPageQuery): Promise<PhoneNumber[]>
  /**
   * Gives an available number to a member, setting `assignedAt` (N3). MUST return `assigned` for
   * exactly one of many concurrent calls on the same available number, `unavailable` (with the
   * holder) when another member holds it, `already-held` when this member does, `not-found` when
   * the org has no such number. The caller checks that the membership exists.
   */
  assign(orgId: string, number: string, accountId: string, at: Date): Promise<AssignNumberOutcome>
  /**
   * Returns an assigned number to the pool (N4) and MUST release every seat it holds, in the same
   * transaction. `unassigned` carries the former holder.
   */
  unassign(orgId: string, number: string): Promise<UnassignNumberOutcome>
  /** Deletes a number and MUST release every seat it holds (L4). Returns the deleted row, or null. */
  remove(orgId: string, number: string): Promise<PhoneNumber | null>
}
