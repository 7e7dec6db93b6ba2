// The SCIM Error schema (RFC 7644 §3.12): every failure a SCIM client sees is one of these, with
// `status` as a string and, for 400 and 409, the `scimType` IdPs branch on.
import type { RosterError } from '@roster/core'

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error'
export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8'

/** The `scimType` values of RFC 7644 table 9 that this provider answers. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'
  | 'tooLarge'

/** A failure on its way to the client: the status, the optional `scimType`, a human detail. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail)
  }
}

/** Shorthands for the failures the endpoints raise themselves. */
export const scimErrors = {
  invalidValue: (detail: string) => new ScimError(400, detail, 'invalidValue'),
  invalidSyntax: (detail: string) => new ScimError(400, detail, 'invalidSyntax'),
  invalidFilter: (detail: string) => new ScimError(400, detail, 'invalidFilter'),
  invalidPath: (detail: string) => new ScimError(400, detail, 'invalidPath'),
  noTarget: (detail: string) => new ScimError(400, detail, 'noTarget'),
  mutability: (detail: string) => new ScimError(400, detail, 'mutability'),
  tooMany: (detail: string) => new ScimError(400, detail, 'tooMany'),
  uniqueness: (detail: string) => new ScimError(409, detail, 'uniqueness'),
  notFound: (detail = 'Resource not found.') => new ScimError(404, detail),
  unauthorized: () =>
    new ScimError(401, 'A valid bearer token is required.', undefined, {
      'www-authenticate': 'Bearer realm="SCIM"',
    }),
  methodNotAllowed: (allowed: readonly string[]) =>
    new ScimError(405, `Use ${allowed.join(', ')} here.`, undefined, { allow: allowed.join(', ') }),
  // RFC 7644 §3.12 names no scimType for a body too large; `tooLarge` says what went wrong.
  tooLarge: (limit: number) =>
    new ScimError(413, `The request body is larger than ${limit} bytes.`, 'tooLarge'),
  rateLimited: (retryAfterSeconds: number) =>
    new ScimError(429, 'Too many requests for this connection; slow down.', undefined, {
      'retry-after': String(retryAfterSeconds),
    }),
  preconditionFailed: () => new ScimError(412, 'The resource changed since the version in If-Match.'),
}

/** A SCIM JSON answer. */
export function scimResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': SCIM_CONTENT_TYPE, 'cache-control': 'no-store', ...headers },
  })
}

/** The Error-schema body of a failure. */
export function errorResponse(error: ScimError): Response {
  return scimResponse(
    error.status,
    {
      schemas: [ERROR_SCHEMA],
      status: String(error.status),
      ...(error.scimType ? { scimType: error.scimType } : {}),
      detail: error.detail,
    },
    error.headers,
  )
}

/** The first validation issue, as `field: message`, for a SCIM detail. */
function issuesDetail(error: RosterError): string {
  const issues = (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues
  if (!issues?.length) return error.message
  return `${error.message} ${issues.map((issue) => `${issue.path || 'input'}: ${issue.message}`).join('; ')}`
}

/**
 * A Roster use-case error as SCIM sees it: uniqueness for anything already taken (409), 404 for
 * unknown ids, 412 for a stale If-Match, `invalidValue` for input the core refused (nothing stored),
 * `mutability` for a field another source manages. Storage failures say nothing of internals.
 */
export function fromRosterError(error: RosterError, { ifMatch = false } = {}): ScimError {
  switch (error.code) {
    case 'VALIDATION':
      return scimErrors.invalidValue(issuesDetail(error))
    case 'ALREADY_MEMBER':
    case 'EMAIL_TAKEN':
    case 'USERNAME_TAKEN':
      return scimErrors.uniqueness(error.message)
    case 'NOT_FOUND':
    case 'ACCOUNT_NOT_FOUND':
      return scimErrors.notFound(error.message)
    case 'UNAUTHENTICATED':
      return scimErrors.unauthorized()
    case 'FORBIDDEN':
    case 'ORG_NOT_FOUND':
      // The connection's org is gone or its system actor may not write: the token no longer works.
      return new ScimError(403, error.message)
    case 'MANAGED_EXTERNALLY':
      return scimErrors.mutability(error.message)
    case 'CONFLICT': {
      const reason = (error.details as { reason?: string } | undefined)?.reason
      if (ifMatch && reason === 'version') return scimErrors.preconditionFailed()
      return new ScimError(409, 'A concurrent change won; send the request again.')
    }
    case 'RATE_LIMITED':
      return scimErrors.rateLimited(error.details?.retryAfterSeconds ?? 1)
    case 'STORAGE_FAILURE':
    case 'MAILER_FAILURE':
      return new ScimError(503, 'The service failed; try again.', undefined, { 'retry-after': '1' })
    default:
      return scimErrors.invalidValue(error.message)
  }
}
