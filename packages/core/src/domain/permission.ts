/** The permissions Roster's own use-cases check (API.md "Built-ins"). */
export const BUILT_IN_PERMISSIONS = [
  'org:update',
  'org:delete',
  'members:read',
  'members:create',
  'members:update',
  'members:delete',
  'roles:manage',
  'roles:assign',
  'resources:manage',
  'departments:manage',
  'licenses:manage',
  'licenses:assign',
  'numbers:manage',
  'numbers:assign',
  'join-requests:decide',
  'connections:manage',
  'audit:read',
] as const

/** One of Roster's own permissions. */
export type BuiltInPermission = (typeof BUILT_IN_PERMISSIONS)[number]

/** A permission string `area:action`: Roster's own or the host app's (`P`). */
export type Permission<P extends string = never> = BuiltInPermission | P

/** Matches `area:action` with lower-case kebab parts. */
export const PERMISSION_PATTERN = /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/
