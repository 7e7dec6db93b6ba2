// Pins the package's export list: a change to its public API shows up as a diff of this list,
// reviewed like any other change (STYLE.md rule 8).
import { describe, expect, it } from 'vitest'
import * as api from './index.js'

describe('@roster/scim API', () => {
  it('exports exactly the pinned names', () => {
    expect(Object.keys(api).sort()).toEqual(EXPORTS)
  })
})

const EXPORTS = [
  'DEFAULT_LIMITS',
  'ENTERPRISE_USER_SCHEMA',
  'ERROR_SCHEMA',
  'GROUP_SCHEMA',
  'LIST_RESPONSE_SCHEMA',
  'PATCH_OP_SCHEMA',
  'SCIM_CONTENT_TYPE',
  'ScimError',
  'USER_SCHEMA',
  'createScimHandler',
  'memoryRateLimiter',
]
