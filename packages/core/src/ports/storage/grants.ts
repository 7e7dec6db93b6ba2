import type { StoredGrant } from '../../domain/grant.js'

export interface GrantsRepository {
  /** The member's grants in that org, in any order; empty when none. */
  listFor(orgId: string, accountId: string): Promise<StoredGrant[]>
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
