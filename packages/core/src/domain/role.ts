import { BUILT_IN_PERMISSIONS } from './permission.js'

/** Ids of the roles every org has. */
export const BUILT_IN_ROLE_IDS = ['owner', 'admin', 'member'] as const
export type BuiltInRoleId = (typeof BUILT_IN_ROLE_IDS)[number]

/** A role as the permission check sees it. `permissions: '*'` means every permission, the host's too. */
export interface RoleDefinition {
  id: string
  name: string
  permissions: readonly string[] | '*'
  builtIn: boolean
}

/** The built-in roles (API.md): `owner` holds everything; `admin` all but `org:delete`; `member` reads the directory. */
export const BUILT_IN_ROLES: Record<BuiltInRoleId, RoleDefinition> = {
  owner: { id: 'owner', name: 'Owner', permissions: '*', builtIn: true },
  admin: {
    id: 'admin',
    name: 'Admin',
    permissions: BUILT_IN_PERMISSIONS.filter((permission) => permission !== 'org:delete'),
    builtIn: true,
  },
  member: { id: 'member', name: 'Member', permissions: ['members:read'], builtIn: true },
}

export function isBuiltInRoleId(roleId: string): roleId is BuiltInRoleId {
  return (BUILT_IN_ROLE_IDS as readonly string[]).includes(roleId)
}

/** A custom role as stored: one org's named set of permissions (never `'*'`). */
export interface CustomRole {
  id: string
  orgId: string
  name: string
  /** `name` trimmed, NFC, lower-cased: role names are unique per org ignoring case. */
  nameKey: string
  permissions: string[]
  createdAt: Date
  updatedAt: Date
}

/** The key role (and department) names are compared by: trimmed, Unicode NFC, lower-cased. */
export function nameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase()
}

/** The permission check's view of a custom role. */
export function toRoleDefinition(role: Pick<CustomRole, 'id' | 'name' | 'permissions'>): RoleDefinition {
  return { id: role.id, name: role.name, permissions: [...role.permissions], builtIn: false }
}

/** A role as `roles.list` shows it. `permissions` is spelled out (for `owner`: every permission, the host's too). */
export interface RoleView {
  id: string
  name: string
  permissions: string[]
  builtIn: boolean
  /** True for `owner`: it also holds permissions added later. */
  allPermissions: boolean
  createdAt: string | null
  updatedAt: string | null
}

/** Projects a built-in or custom role to its view; `known` lists every permission (built-in + host). */
export function toRoleView(role: RoleDefinition | CustomRole, known: readonly string[]): RoleView {
  if ('orgId' in role) {
    return {
      id: role.id,
      name: role.name,
      permissions: [...role.permissions],
      builtIn: false,
      allPermissions: false,
      createdAt: role.createdAt.toISOString(),
      updatedAt: role.updatedAt.toISOString(),
    }
  }
  const all = role.permissions === '*'
  return {
    id: role.id,
    name: role.name,
    permissions: all ? [...known] : [...(role.permissions as readonly string[])],
    builtIn: role.builtIn,
    allPermissions: all,
    createdAt: null,
    updatedAt: null,
  }
}
