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
  /** What `load` was asked to read besides the access (`AccessLoadAlso`); absent when nothing was. */
  also?: AccessSnapshotAlso
}

/**
 * Reads a use-case needs right after its permission check, asked of `access.load` so an adapter can
 * answer them in the same round trip (issue 15: members.add, licenses.assign, numbers.assign and
 * members.remove each save one to three statements). An adapter may ignore it; core reads what is
 * missing on its own.
 */
export interface AccessLoadAlso {
  /** The membership of this account in the same org (the target of a seat, a number, a removal). */
  member?: {
    accountId: string
    /**
     * Lock it for update (`SELECT … FOR UPDATE`), as `memberships.delete` would: a removal that asks
     * for it here lets the delete skip its own locking statement.
     */
    lock?: boolean
  }
  /** Whether this email key is on the blocklist, and the account that holds it (members.add). */
  emailKey?: string
}

/** The answers to `AccessLoadAlso`: each key set exactly when its question was asked. */
export interface AccessSnapshotAlso {
  /** The membership asked for by `member` (its latest version when locked), or null. */
  member?: Membership | null
  /** The status of the account of `member.accountId`, or null when it does not exist. */
  memberAccountStatus?: Account['status'] | null
  /** Whether `emailKey` is blocked (A11). */
  emailBlocked?: boolean
  /** The account whose email key is `emailKey`, or null. */
  accountByEmail?: Account | null
}

export interface AccessRepository {
  /** MUST load org, actor account status, membership, grants and their custom roles consistently. */
  load(orgId: string, accountId: string, also?: AccessLoadAlso): Promise<AccessSnapshot>
}
