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

/**
 * `CONFLICT` goes wherever `STORAGE_FAILURE` can: a use-case that touches storage may also answer
 * that a concurrent change kept its transaction from committing (after `transactionRetry`'s
 * attempts). Folded into `RosterError` so every such error type includes it without listing it.
 */
type ConflictAlongside<C extends RosterErrorCode> = {
  [K in C]: K extends 'STORAGE_FAILURE' ? 'CONFLICT' : never
}[C]

/**
 * The error every use-case returns in its `Err`. `C` narrows the codes a use-case can return.
 *
 * @example
 * const result = await roster.members.add(actor, input)
 * if (result.isErr() && result.error.code === 'ALREADY_MEMBER') showToast('Already on the team')
 */
export interface RosterError<out C extends RosterErrorCode = RosterErrorCode> {
  code: C | ConflictAlongside<C>
  message: string
  details?: Record<string, unknown>
}

/**
 * Builds a `RosterError`. The message defaults to the code's catalog message.
 *
 * @example
 * return errAsync(rosterError('NO_SEATS_AVAILABLE', { details: { product } }))
 */
export function rosterError<C extends RosterErrorCode>(
  code: C,
  options: { message?: string; details?: Record<string, unknown> } = {},
): RosterError<C> {
  const error: RosterError<C> = { code, message: options.message ?? ROSTER_ERRORS[code].message }
  if (options.details !== undefined) error.details = options.details
  return error
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
