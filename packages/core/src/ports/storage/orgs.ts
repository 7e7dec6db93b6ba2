import type { Membership } from '../../domain/membership.js'
import type { Organization } from '../../domain/organization.js'

export type InsertOrgOutcome = { status: 'inserted' } | { status: 'conflict'; field: 'slug' }
export type UpdateOrgOutcome =
  | { status: 'updated'; org: Organization }
  | { status: 'not-found' }
  | { status: 'conflict'; field: 'slug' }
export type DeleteEmptyOrgOutcome =
  | { status: 'deleted' }
  | { status: 'not-found' }
  | { status: 'not-empty'; otherMembers: number }
export type OrgPatch = Partial<Omit<Organization, 'id' | 'createdAt'>>

export interface OrganizationsRepository {
  findById(id: string): Promise<Organization | null>
  findBySlug(slug: string): Promise<Organization | null>
  /** MUST return `conflict` when the slug is taken, also under concurrency. */
  insert(org: Organization): Promise<InsertOrgOutcome>
  /** Patches an org; `conflict` (changing nothing) on another org's slug — its own is no conflict. */
  update(id: string, patch: OrgPatch): Promise<UpdateOrgOutcome>
  /** Deletes the org and every row keyed by its id (memberships, grants, and every later tenant table). */
  delete(id: string): Promise<boolean>
  /**
   * Deletes the org like `delete`, unless a membership other than `founderId`'s exists (`not-empty`
   * with their number, changing nothing) — O3. MUST be atomic with concurrent membership inserts:
   * a membership committed by a transaction that found the org first makes it `not-empty`; one
   * written after the deletion is refused (a retryable rejection: the org is gone), never deleted with the org.
   */
  deleteIfEmpty(id: string, founderId: string): Promise<DeleteEmptyOrgOutcome>
  /**
   * The orgs `accountId` is a member of (any membership status), with that membership, oldest
   * membership (lowest membership id) first.
   */
  listForAccount(accountId: string): Promise<Array<{ org: Organization; membership: Membership }>>
}
