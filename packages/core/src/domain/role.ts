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
