// SCIM 2.0 provisioning (docs/guides/scim.md, rules SC1–SC9): what Roster stores for a SCIM
// connection, its bearer tokens, the users and groups an identity provider pushed. The protocol
// itself (JSON shapes, filters, PATCH) lives in `@roster/scim`; core keeps the people and the rules.

/** How a person a SCIM connection creates gets in (SC4): the connection's policy, not the IdP's. */
export type ScimCredentialPolicy = 'activation-link' | 'sso' | 'none'

/** The SCIM settings of a directory connection whose source is SCIM (`sourceKey` `scim:<name>`). */
export interface ScimConnection {
  /** The directory connection's id (`connections` row): membership `source` of everyone it provisions. */
  connectionId: string
  orgId: string
  /** The admin's label ("Okta", "Entra ID"); unique per org. */
  name: string
  credential: ScimCredentialPolicy
  /** With `credential: 'sso'`: the `identityProvider` new accounts are linked to (A16). */
  ssoProvider: string | null
  /** Membership type of provisioned people (employees are licensable, L3). */
  memberType: 'employee' | 'guest'
  createdAt: Date
  updatedAt: Date
}

/** A bearer token of a SCIM connection (SC1): only its SHA-256 hash is stored (X1). */
export interface ScimToken {
  id: string
  orgId: string
  connectionId: string
  /** base64url SHA-256 of the secret. */
  hash: string
  /** The secret's last four characters, to tell tokens apart in a list. */
  hint: string
  createdBy: string | null
  createdAt: Date
  /** Last authenticated request (recorded at most once a minute). */
  lastUsedAt: Date | null
  revokedAt: Date | null
}

/** SCIM attributes Roster keeps as the IdP sent them (returned on GET, matched by filters). */
export interface ScimUserAttributes {
  name?: {
    formatted?: string
    givenName?: string
    familyName?: string
    middleName?: string
    honorificPrefix?: string
    honorificSuffix?: string
  }
  displayName?: string
  nickName?: string
  title?: string
  userType?: string
  locale?: string
  preferredLanguage?: string
  timezone?: string
  emails?: Array<{ value: string; type?: string; primary?: boolean; display?: string }>
  phoneNumbers?: Array<{ value: string; type?: string; primary?: boolean }>
  addresses?: Array<Record<string, unknown>>
  enterprise?: {
    employeeNumber?: string
    costCenter?: string
    organization?: string
    division?: string
    department?: string
    manager?: { value?: string; displayName?: string }
  }
}

/** A user a SCIM connection provisioned: one membership of the connection's org (its SCIM id is the account id). */
export interface ScimUser {
  orgId: string
  connectionId: string
  /** The account: also the SCIM `id`. */
  accountId: string
  userName: string
  /** `userName` trimmed, NFC, lower-cased: unique per connection (SCIM `userName` is case-insensitive). */
  userNameKey: string
  externalId: string | null
  active: boolean
  attributes: ScimUserAttributes
  /** Whether this connection created the account (only then are account fields kept in step: A2, A17). */
  ownsAccount: boolean
  /** Bumped by every change: the ETag (`W/"<version>"`). */
  version: number
  createdAt: Date
  updatedAt: Date
}

/**
 * What a SCIM group gives its members (SC10): a role (at chosen resources, or org-wide — so at
 * every resource, also ones created later), a department, or a seat of a license pool (pools are
 * one per product, L1). Null: the group is stored and listed, and gives nothing.
 */
export type ScimGroupMapping =
  | { kind: 'role'; roleId: string; resourceIds: string[] | 'every' }
  | { kind: 'department'; departmentId: string }
  | { kind: 'license'; product: string }

/**
 * One thing a group gave one member (SC11): a grant (`key` is its `grantKey`), the department
 * (`key` is its id) or a seat (`key` is the product). Recorded only when the group gave it — not
 * when the member already held it by hand — so taking it back never takes what someone else gave.
 */
export interface ScimGroupProvenance {
  orgId: string
  connectionId: string
  groupId: string
  accountId: string
  kind: 'grant' | 'department' | 'seat'
  key: string
}

/** A group a SCIM connection pushed. */
export interface ScimGroup {
  orgId: string
  connectionId: string
  id: string
  displayName: string
  /** `displayName` trimmed, NFC, lower-cased: unique per connection. */
  displayNameKey: string
  externalId: string | null
  mapping: ScimGroupMapping | null
  version: number
  createdAt: Date
  updatedAt: Date
}

/** The key a SCIM `userName` or group `displayName` is unique under (RFC 7643 §4.1.1: caseExact false). */
export function scimKey(value: string): string {
  return value.trim().normalize('NFC').toLowerCase()
}

/** The `sourceKey` of the directory connection behind a SCIM connection. */
export function scimSourceKey(name: string): string {
  return `scim:${scimKey(name)}`
}

/** The audit actor's reason for requests of a SCIM connection: how its activity is found (SC8). */
export function scimActorReason(connectionId: string): string {
  return `scim:${connectionId}`
}
