import type { Account } from '../../domain/account.js'
import type { StoredGrant } from '../../domain/grant.js'
import type { Membership, MembershipStatus, MembershipType } from '../../domain/membership.js'

/** A grant of a directory row, with the names the directory shows for it. */
export interface MemberRowGrant extends StoredGrant {
  /**
   * The name of the org's custom role `roleId`, as stored now; null for a built-in role (named in
   * code) and for an id the org has no custom role of.
   */
  roleName: string | null
  /**
   * For `scopeKind: 'resource'`, the name of the org's resource `scopeValue`, as stored now; null
   * for org and type scopes and for a resource the org no longer has.
   */
  scopeName: string | null
}

/**
 * One row of the members directory: everything `MemberView` needs, loaded without N+1. A row MUST
 * carry its names (grants' `roleName`/`scopeName`, `department.name`) and `managedFields`, read in
 * the same call, so the core builds a page's views with no further reads.
 */
export interface MemberRow {
  membership: Membership
  account: Account
  department: { id: string; name: string } | null
  grants: MemberRowGrant[]
  /**
   * The fields (S3) managed by the connection managing this membership — the org's connection whose
   * id is `membership.source` — in the connection's order; `[]` for local members and when the org
   * has no such connection.
   */
  managedFields: string[]
  /** Products this membership holds a seat of. */
  licenses: string[]
  /** E.164 numbers this membership holds. */
  numbers: string[]
  /**
   * How many orgs the account belongs to (this one included, memberships of any status); A17 needs
   * to know if it is shared.
   */
  accountOrgCount: number
}

/** A keyset page query over one org's memberships, ordered by membership id ascending. */
export interface MemberPageQuery {
  orgId: string
  /**
   * Case-insensitive substring (Unicode lower-casing, so `élo` finds `Élodie`) of "first last",
   * email or username: MUST match any part of them (`acme.test`, the middle of a hyphenated last
   * name), not only a prefix. `%`, `_` and `\` are ordinary characters, not wildcards.
   */
  search?: string
  status?: MembershipStatus
  type?: MembershipType
  departmentId?: string
  /** Members holding this role at any scope. */
  roleId?: string
  /**
   * Members holding a grant at this resource or at every resource of its type (org-wide grants do
   * not count). With `roleId`, one grant MUST match both: that role, there.
   */
  resource?: { id: string; type: string }
  /** With `requiredProducts`: only members that hold (true) / miss (false) a seat of each. Employees only for false. */
  licensed?: boolean
  requiredProducts?: string[]
  /** Return rows whose membership id is strictly greater. */
  afterId?: string
  /** MUST return at most this many rows. */
  limit: number
}

export type InsertMembershipOutcome = { status: 'inserted' } | { status: 'exists' }

export interface MembershipsRepository {
  find(orgId: string, accountId: string): Promise<Membership | null>
  /**
   * Inserts a membership with its grants. MUST return `exists` (storing nothing) when (orgId,
   * accountId) already has one, also when another transaction inserts it concurrently.
   */
  insert(membership: Membership, grants: readonly StoredGrant[]): Promise<InsertMembershipOutcome>
  /**
   * Inserts many memberships, each with its grants (a sync batch), as `insert` would one after the
   * other. MUST return one outcome per entry, in the order given: `exists` (storing nothing for that
   * entry, its grants included) when (orgId, accountId) already has a membership — stored, earlier
   * in the same call, or inserted by another transaction concurrently. An empty list stores nothing.
   */
  insertMany(
    entries: readonly { membership: Membership; grants: readonly StoredGrant[] }[],
  ): Promise<InsertMembershipOutcome[]>
  /** Patches a membership and returns it as stored; null (storing nothing) when there is none. */
  update(
    orgId: string,
    accountId: string,
    patch: Partial<Pick<Membership, 'type' | 'status' | 'departmentId' | 'title' | 'source' | 'updatedAt'>>,
  ): Promise<Membership | null>
  /**
   * Deletes the membership and every row it owns (grants, seats). Numbers it holds MUST return to
   * the pool (available) with every seat they held released, in the same transaction (A13, L4).
   */
  delete(orgId: string, accountId: string): Promise<boolean>
  /** Number of memberships of the org. */
  countInOrg(orgId: string): Promise<number>
  /** The account's memberships in every org and status, in any order. */
  listForAccount(accountId: string): Promise<Membership[]>
  /**
   * Sets every `invited` membership of the account to `active` with `updatedAt = now` (A2b, A8);
   * returns their org ids, in any order. Other statuses are left alone.
   */
  activateInvited(accountId: string, now: Date): Promise<string[]>
  /** One member's directory row, or null. */
  row(orgId: string, accountId: string): Promise<MemberRow | null>
  /** A keyset page of directory rows (no offset, no N+1). */
  page(query: MemberPageQuery): Promise<MemberRow[]>
}
