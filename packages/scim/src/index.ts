// @roster/scim: a SCIM 2.0 service provider over Roster's `scim` use-cases. Explicit named exports only.
export { createScimHandler, type ScimHandlerOptions } from './handler.js'
export { ScimError, type ScimType, ERROR_SCHEMA, SCIM_CONTENT_TYPE } from './errors.js'
export { memoryRateLimiter, DEFAULT_LIMITS, type ScimLimits, type ScimRateLimiter } from './limits.js'
export type { ScimMethod, ScimRequestContext, ScimRoster, ScimRoute } from './routes.js'
export {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  LIST_RESPONSE_SCHEMA,
  PATCH_OP_SCHEMA,
  USER_SCHEMA,
} from './schemas.js'
