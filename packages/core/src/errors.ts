/**
 * Every expected failure of a Roster use-case, declared once as data.
 * The key is the stable `code` callers branch on; the value is the HTTP status
 * the handler maps it to and a default message.
 */
export const ROSTER_ERRORS = {
  VALIDATION: { status: 400, message: 'The input is not valid.' },
  FORBIDDEN: { status: 403, message: 'You are not allowed to do this.' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in first.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  ORG_NOT_FOUND: { status: 404, message: 'The organization does not exist.' },
  ACCOUNT_NOT_FOUND: { status: 404, message: 'The account does not exist.' },
  ALREADY_MEMBER: { status: 409, message: 'This person is already a member of the organization.' },
  EMAIL_TAKEN: { status: 409, message: 'Another account already uses this email.' },
  USERNAME_TAKEN: { status: 409, message: 'Another account already uses this username.' },
  SLUG_TAKEN: { status: 409, message: 'Another organization already uses this slug.' },
  EMAIL_BLOCKED: { status: 422, message: 'Mail to this address bounced or was reported; it cannot be used.' },
  INVALID_STATE: { status: 409, message: 'This cannot be done in the current state.' },
  FOUNDER_PROTECTED: { status: 409, message: 'The founder cannot be removed, disabled or demoted.' },
  ORG_NOT_EMPTY: { status: 409, message: 'Remove every other member before deleting the organization.' },
  TOKEN_INVALID: { status: 400, message: 'This link is not valid or was already used.' },
  TOKEN_EXPIRED: { status: 400, message: 'This link has expired; ask for a new one.' },
  INVALID_CREDENTIALS: { status: 401, message: 'The username or password is wrong.' },
  ACCOUNT_LOCKED: { status: 429, message: 'Too many failed attempts; try again later.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; try again later.' },
  DEPARTMENT_NOT_FOUND: { status: 422, message: 'The department does not exist in this organization.' },
  DEPARTMENT_NOT_EMPTY: { status: 409, message: 'The department still has members.' },
  ROLE_IN_USE: { status: 409, message: 'The role is still assigned.' },
  ESCALATION: { status: 403, message: 'You cannot grant permissions you do not hold.' },
  NO_SEATS_AVAILABLE: { status: 409, message: 'No seat is free; buy a license first.' },
  SEATS_IN_USE: { status: 409, message: 'More seats are assigned than would remain.' },
  NOT_LICENSABLE: { status: 422, message: 'Guests cannot hold license seats.' },
  NUMBER_UNAVAILABLE: { status: 409, message: 'The phone number is not available.' },
  INVALID_NUMBER: { status: 422, message: 'The phone number is not valid.' },
  MANAGED_EXTERNALLY: { status: 409, message: 'This field is managed by a directory connection.' },
  JOIN_REQUESTS_CLOSED: { status: 409, message: 'This organization does not accept join requests.' },
  REQUEST_ALREADY_DECIDED: { status: 409, message: 'This request was already decided.' },
  STORAGE_FAILURE: { status: 503, message: 'The storage failed; try again.' },
  CONFLICT: {
    status: 409,
    message: 'Another change to the same records kept getting in the way; try again.',
  },
  MAILER_FAILURE: { status: 503, message: 'The mailer failed; the message stays queued.' },
  NETWORK_ERROR: {
    status: 503,
    message: 'The Roster server could not be reached or answered something unexpected.',
  },
} as const satisfies Record<string, { status: number; message: string }>

/** A stable, UPPER_SNAKE error code. Branch on it, never on the message. */
export type RosterErrorCode = keyof typeof ROSTER_ERRORS

/** All error codes, as a list (for docs, exhaustive tests and HTTP mapping). */
export const ROSTER_ERROR_CODES = Object.keys(ROSTER_ERRORS) as RosterErrorCode[]

/** One issue of a `VALIDATION` error: the field path (dotted) and what is wrong with it. */
export interface ValidationIssue {
  path: string
  message: string
}

/** A grant's scope as errors name it: org-wide, one resource, or every resource of a type. */
type ScopeInDetails = 'org' | { resourceId: string } | { resourceType: string; all: true }
/** A stored grant as a refused grant names it (`scopeValue` is the resource id or type; null org-wide). */
type StoredGrantInDetails = { roleId: string; scopeKind: string; scopeValue: string | null }
type AccountStatusInDetails = 'pending_activation' | 'active' | 'disabled'
type MembershipStatusInDetails = 'invited' | 'active' | 'disabled'

/**
 * What a `FORBIDDEN` says in `details`: the permission the actor lacks (`anyOf` when several would
 * do, `scope` when it was needed at one), or a `reason` — an account-authority refusal
 * (docs/guides/account-authority.md), a built-in role that cannot change, a policy, or a sign-in
 * refusal (the account's status, an expired temporary password).
 */
export type ForbiddenDetails =
  | {
      reason?: undefined
      permission?: string
      anyOf?: readonly string[]
      /** The grant that needed `permission` at its scope (`roles:assign`). */
      scope?: StoredGrantInDetails
    }
  | {
      reason: 'self' | 'shared-account' | 'invited-only' | 'outranked' | 'not-a-member' | 'inactive-actor'
      orgId?: string
      permission?: string
      /** For `outranked`: the permissions the target holds that the actor lacks (`'*'`: all). */
      missing?: readonly string[] | '*'
    }
  | { reason: 'built-in-role'; roleId: string }
  | { reason: 'policy'; policy: 'usernameChange'; field: 'username' }
  | { reason: 'temporary-password-expired' }
  | { reason: 'pending_activation' | 'disabled' }

/** What a `NOT_FOUND` says in `details`: `entity` names what is missing, with its id. */
export type NotFoundDetails =
  | { entity: 'member'; orgId?: string; accountId?: string }
  | { entity: 'role' | 'resource' | 'join-request'; id: string }
  | { entity: 'connection'; connectionId: string }
  | { entity: 'grant'; roleId: string; scope: ScopeInDetails }
  | { entity: 'license-pool'; product: string }
  | { entity: 'outbox-message'; messageId: string }
  | { entity: 'phone-number'; number: string }
  | { entity: 'blocklist-entry'; email: string }
  | { entity: 'route' }
  | { entity: 'scim-user'; id: string }
  | { entity: 'scim-connection'; connectionId: string }
  | { entity: 'scim-group'; id: string }

/** What an `INVALID_STATE` says in `details`: the state that does not fit, by what it is about. */
export type InvalidStateDetails =
  | { status: AccountStatusInDetails; field?: 'username' }
  | { membershipStatus: MembershipStatusInDetails }
  | {
      membershipType: 'employee' | 'guest' | null
      membershipStatus: MembershipStatusInDetails | null
      accountStatus: AccountStatusInDetails | null
    }
  | { connectionId: string; connectionStatus: 'pending' | 'active' | 'disconnecting' }
  | { connectionId: string; reason: 'already-connected' }
  /** A SCIM connection of that name exists in the org already. */
  | { reason: 'already-connected' }
  /** A SCIM group of that displayName exists in the connection already (SCIM 409 `uniqueness`). */
  | { reason: 'displayName'; displayName: string }
  | { connectionId: string; reason: 'running'; leaseUntil: string }
  | { connectionId: string; reason: 'source-missing'; sourceKey: string | null }
  | { product: string }
  | { requestId: string }

/**
 * The `details` each code carries, declared once: `RosterError<'NO_SEATS_AVAILABLE'>['details']` is
 * `{ product, seats, assigned } | undefined`, `rosterError(code, { details })` refuses a shape that
 * does not fit its code, and a branch on `error.code` narrows `error.details` with it — no casts.
 * `details` stays optional on every code: the HTTP handler strips it from `STORAGE_FAILURE` and
 * `MAILER_FAILURE`, and some answers have none. A code mapped to `never` has no details.
 * What each means: docs/guides/errors.md.
 *
 * @example
 * if (error.code === 'VALIDATION') showBeside(error.details?.issues ?? []) // ValidationIssue[]
 * if (error.code === 'NO_SEATS_AVAILABLE') toast(`${error.details?.assigned}/${error.details?.seats} seats used`)
 */
export interface ErrorDetailsByCode {
  VALIDATION: {
    issues: ValidationIssue[]
    /** `'actor'` when the actor itself was not valid (X4). */
    field?: 'actor'
    /** `'name'` when the name is taken by another role or department. */
    conflict?: 'name'
  }
  FORBIDDEN: ForbiddenDetails
  UNAUTHENTICATED: never
  NOT_FOUND: NotFoundDetails
  ORG_NOT_FOUND: { orgId: string }
  ACCOUNT_NOT_FOUND: { accountId: string } | { provider: string }
  ALREADY_MEMBER:
    | { accountId: string; orgId: string }
    /** SCIM: the userName belongs to another user of the connection (or, as the reason says, a local member). */
    | { reason: string; userName?: string; accountId?: string; orgId?: string }
  EMAIL_TAKEN: { email: string }
  USERNAME_TAKEN: { username?: string }
  SLUG_TAKEN: { slug: string }
  EMAIL_BLOCKED: { email: string }
  INVALID_STATE: InvalidStateDetails
  FOUNDER_PROTECTED: { orgId: string }
  ORG_NOT_EMPTY: { orgId: string; otherMembers: number }
  TOKEN_INVALID: never
  TOKEN_EXPIRED: never
  INVALID_CREDENTIALS: never
  /** `until`: ISO time the lock ends. */
  ACCOUNT_LOCKED: { until: string }
  /** `retryAfterSeconds`: set by hosts that rate-limit in front of the handler (the demo server does). */
  RATE_LIMITED: { retryAfterSeconds: number }
  DEPARTMENT_NOT_FOUND: { departmentId?: string }
  DEPARTMENT_NOT_EMPTY: { departmentId: string; members: number }
  /** `grants`: how many grants still name the role. */
  ROLE_IN_USE: { roleId: string; grants: number }
  /** `missing`: the role's permissions the actor does not hold there (`'*'`: all). */
  ESCALATION: { missing: readonly string[] | '*'; roleId?: string; scope?: StoredGrantInDetails }
  NO_SEATS_AVAILABLE: { product: string; seats: number; assigned: number }
  SEATS_IN_USE: { product: string; seats: number; assigned: number; requested: number; removable: number }
  NOT_LICENSABLE:
    | { accountId: string; type: 'employee' | 'guest' }
    | { licenses: readonly string[]; numbers: readonly string[] }
  NUMBER_UNAVAILABLE: { number: string; accountId: string | null }
  INVALID_NUMBER: { number: string }
  /** `source`: the id of the connection that manages `fields`. */
  MANAGED_EXTERNALLY: {
    source: string
    kind: 'directory' | 'organization'
    sourceKey?: string
    guestOrgId?: string
    fields: readonly string[]
  }
  JOIN_REQUESTS_CLOSED: { orgId: string }
  REQUEST_ALREADY_DECIDED: { requestId: string; status: 'pending' | 'approved' | 'denied' | 'cancelled' }
  /** `reason`: the adapter's words. Never sent over HTTP. */
  STORAGE_FAILURE: { reason: string }
  /** `reason`: `serialization`, `deadlock` or `constraint`. */
  CONFLICT: { reason: string }
  MAILER_FAILURE: { reason: string }
  /** `status`: the HTTP status of an answer that was not a RosterError; `reason`: why no answer came. */
  NETWORK_ERROR: { status: number } | { reason: string }
}

/** The `details` a code carries (`undefined` for codes that carry none). */
export type ErrorDetails<C extends RosterErrorCode> = ErrorDetailsByCode[C]

/**
 * `CONFLICT` goes wherever `STORAGE_FAILURE` can: a use-case that touches storage may also answer
 * that a concurrent change kept its transaction from committing (after `transactionRetry`'s
 * attempts). Folded into `RosterError` so every such error type includes it without listing it.
 */
type ConflictAlongside<C extends RosterErrorCode> = {
  [K in C]: K extends 'STORAGE_FAILURE' ? 'CONFLICT' : never
}[C]

/**
 * The keys a code's details declare are typed and checked; other keys read as `unknown`, so code
 * that has not narrowed by `error.code` (a test asserting `details.issues` of a wide error type)
 * still compiles — and must cast, which is the point.
 */
type OpenDetails<D> = D & { readonly [key: string]: unknown }

/** One code's error: its `code`, a message for people, and that code's `details`. */
export interface RosterErrorOfCode<C extends RosterErrorCode> {
  code: C
  message: string
  details?: OpenDetails<ErrorDetailsByCode[C]>
}

/**
 * The error every use-case returns in its `Err`. `C` narrows the codes a use-case can return; it is
 * a union by code, so `if (error.code === 'X')` narrows `error.details` to code X's shape
 * (`ErrorDetailsByCode`).
 *
 * @example
 * const result = await roster.members.add(actor, input)
 * if (result.isErr() && result.error.code === 'ALREADY_MEMBER') showToast('Already on the team')
 * if (result.isErr() && result.error.code === 'VALIDATION') result.error.details?.issues // ValidationIssue[]
 */
export type RosterError<C extends RosterErrorCode = RosterErrorCode> = DistributeByCode<
  C | ConflictAlongside<C>
>
type DistributeByCode<C> = C extends RosterErrorCode ? RosterErrorOfCode<C> : never

/** Options of `rosterError`: the message (default: the code's catalog message) and the code's details. */
export interface RosterErrorOptions<C extends RosterErrorCode> {
  message?: string
  details?: OpenDetails<ErrorDetailsByCode[C]>
}

/**
 * Builds a `RosterError`. The message defaults to the code's catalog message; `details` must have
 * the code's shape (`ErrorDetailsByCode`).
 *
 * @example
 * return errAsync(rosterError('NO_SEATS_AVAILABLE', { details: { product, seats: 5, assigned: 5 } }))
 */
export function rosterError<C extends RosterErrorCode>(
  code: C,
  options: NoInfer<RosterErrorOptions<C>> = {},
): RosterError<C> {
  const error: RosterErrorOfCode<C> = { code, message: options.message ?? ROSTER_ERRORS[code].message }
  if (options.details !== undefined) error.details = options.details
  return error as unknown as RosterError<C>
}

/** True when `value` looks like a `RosterError` (used at the HTTP boundary). */
export function isRosterError(value: unknown): value is RosterError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    (value as { code: string }).code in ROSTER_ERRORS
  )
}
