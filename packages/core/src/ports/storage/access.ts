import type { Account } from '../../domain/account.js'
import type { StoredGrant } from '../../domain/grant.js'
import type { Membership } from '../../domain/membership.js'
import type { Organization } from '../../domain/organization.js'
import type { RoleDefinition } from '../../domain/role.js'

/** What the permission check needs about one actor in one org, in one read. */
export interface AccessSnapshot {
  org: Organization | null
  /** The actor's account status, or null when the account does not exist. */
  accountStatus: Account['status'] | null
  membership: Membership | null
  grants: StoredGrant[]
  /** The org's custom roles referenced by `grants`. */
  customRoles: RoleDefinition[]
}

export interface AccessRepository {
  /** MUST load org, actor account status, membership, grants and their custom roles consistently. */
  load(orgId: string, accountId: string): Promise<AccessSnapshot>
}
