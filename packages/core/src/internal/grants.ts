import { err, ok, type Result } from 'neverthrow'
import { findRole, holds, permissionsAt } from '../domain/access.js'
import type { StoredGrant } from '../domain/grant.js'
import { type RosterError, rosterError } from '../errors.js'
import type { StorageRepositories } from '../ports/storage.js'
import type { OrgAccess } from './authorize.js'

/**
 * @internal Checks that the actor may hand out these grants (R3): every role exists, and the actor
 * holds each of the role's permissions at the grant's scope. The default `member` grant is always
 * grantable by whoever may add members.
 */
export async function checkGrantable(
  _repos: StorageRepositories,
  access: OrgAccess,
  grants: readonly StoredGrant[],
): Promise<Result<void, RosterError<'NOT_FOUND' | 'ESCALATION' | 'FORBIDDEN'>>> {
  if (access.isSystem) {
    for (const grant of grants) {
      if (!findRole(grant.roleId, access.customRoles))
        return err(
          rosterError('NOT_FOUND', {
            message: `Role ${grant.roleId} does not exist.`,
            details: { entity: 'role', id: grant.roleId },
          }),
        )
    }
    return ok(undefined)
  }
  const onlyDefault = grants.every((g) => g.roleId === 'member' && g.scopeKind === 'org')
  if (!onlyDefault && !access.can('roles:assign')) {
    return err(
      rosterError('FORBIDDEN', {
        message: 'You need the roles:assign permission.',
        details: { permission: 'roles:assign' },
      }),
    )
  }
  for (const grant of grants) {
    const role = findRole(grant.roleId, access.customRoles)
    if (!role)
      return err(
        rosterError('NOT_FOUND', {
          message: `Role ${grant.roleId} does not exist.`,
          details: { entity: 'role', id: grant.roleId },
        }),
      )
    const resource = grant.scopeKind === 'org' ? undefined : { id: grant.scopeValue, type: grant.scopeValue }
    const held = permissionsAt(access.grants, access.customRoles, resource)
    const escalates = role.permissions === '*' ? held !== '*' : role.permissions.some((p) => !holds(held, p))
    if (escalates) {
      return err(
        rosterError('ESCALATION', {
          message: `You cannot grant ${role.name}: it holds permissions you do not.`,
          details: { roleId: role.id },
        }),
      )
    }
  }
  return ok(undefined)
}

/**
 * @internal D1: a member's department must exist in the org. Departments arrive with the access
 * issue; until then no department exists, so any id is refused.
 */
export async function checkDepartment(
  _repos: StorageRepositories,
  _orgId: string,
  departmentId: string,
): Promise<Result<void, RosterError<'DEPARTMENT_NOT_FOUND'>>> {
  return err(rosterError('DEPARTMENT_NOT_FOUND', { details: { departmentId } }))
}
