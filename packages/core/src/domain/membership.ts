/** `employee`: internal staff, licensable. `guest`: external (consultant, bidder), never licensed (L3). */
export type MembershipType = 'employee' | 'guest'

/** Lifecycle of a membership. */
export type MembershipStatus = 'invited' | 'active' | 'disabled'

/** A membership (account ↔ organization) as stored. One per (orgId, accountId). */
export interface Membership {
  /** Time-ordered id; the members list pages by it (keyset). */
  id: string
  orgId: string
  accountId: string
  type: MembershipType
  status: MembershipStatus
  departmentId: string | null
  title: string | null
  /** `local`, or the id of the directory connection that manages it. */
  source: string
  createdAt: Date
  updatedAt: Date
}
