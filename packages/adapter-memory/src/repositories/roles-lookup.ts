import type { RoleDefinition } from '@roster/core'
import type { TableAccess } from '../database.js'
import { T } from '../tables.js'

/**
 * The org's custom roles among `roleIds`. Custom roles arrive with the access issue; until then
 * the table is empty and only built-in roles exist.
 */
export function customRolesOf(
  tables: TableAccess,
  orgId: string,
  roleIds: readonly string[],
): RoleDefinition[] {
  const wanted = new Set(roleIds)
  return [...tables.read<RoleDefinition & { orgId: string }>(T.roles).values()]
    .filter((role) => role.orgId === orgId && wanted.has(role.id))
    .map((role) => ({
      id: role.id,
      name: role.name,
      permissions: [...(role.permissions as string[])],
      builtIn: false,
    }))
}
