import type { StoredGrant } from '../../domain/grant.js'

export interface GrantsRepository {
  /** The member's grants in that org, in any order; empty when none. */
  listFor(orgId: string, accountId: string): Promise<StoredGrant[]>
  /**
   * The member's grants, for a read-modify-write of them (`roles.set`): null when the account is
   * not a member of the org. Inside a transaction it MUST hold the member's grants against another
   * transaction's `listForChange` of the same member until this transaction ends (the second waits,
   * then reads what the first committed), so two concurrent replacements serialize and the result
   * is one caller's set, never a mix.
   */
  listForChange(orgId: string, accountId: string): Promise<StoredGrant[] | null>
  /**
   * Makes the member hold exactly `grants` (each with this org and account; duplicates count
   * once): removes the others, adds the missing ones, keeps the rest untouched. Like `add`, a grant
   * whose custom role or resource is being deleted concurrently is not written (R4).
   */
  replace(orgId: string, accountId: string, grants: readonly StoredGrant[]): Promise<void>
  /** Adds grants; MUST ignore ones the member already has (same role and scope). */
  add(grants: readonly StoredGrant[]): Promise<void>
  /** Removes the given grants of the member; returns how many existed. */
  remove(
    orgId: string,
    accountId: string,
    grants: readonly Pick<StoredGrant, 'roleId' | 'scopeKind' | 'scopeValue'>[],
  ): Promise<number>
  /**
   * Account ids of the org's members holding any of `roleIds` org-wide (`scopeKind: 'org'`) whose
   * membership and account are both `active` — who to tell about something (J2). Ascending, each
   * once, at most `limit`.
   */
  holders(orgId: string, roleIds: readonly string[], limit: number): Promise<string[]>
}
