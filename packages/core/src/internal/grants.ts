import { err, ok, type Result } from 'neverthrow'
import {
  type AccessScope,
  findRole,
  missingPermissions,
  permissionsAtScope,
  scopeOfGrant,
} from '../domain/access.js'
import type { StoredGrant } from '../domain/grant.js'
import { type RoleDefinition, toRoleDefinition } from '../domain/role.js'
import type { Department } from '../domain/department.js'
import type { Resource } from '../domain/resource.js'
import { type RosterError, rosterError } from '../errors.js'
import type { StorageRepositories } from '../ports/storage.js'
import type { OrgAccess } from './authorize.js'

type GrantShape = Pick<StoredGrant, 'roleId' | 'scopeKind' | 'scopeValue'>

/** @internal A grant with its role and scope looked up. */
export interface ResolvedGrant<G extends GrantShape = GrantShape> {
  grant: G
  role: RoleDefinition
  scope: AccessScope
  /** The resource of a resource-scoped grant. */
  resource: Resource | null
}

/**
 * @internal Looks up the roles and resources of grants in two batched reads: the org's custom roles
 * the actor does not hold (the ones it holds are already loaded) and the resources the grants name,
 * so a resource-scoped grant is checked at its resource's real type. `NOT_FOUND` (with
 * `details.entity` `role` or `resource`) for a role or resource the org does not have.
 */
export async function resolveGrants<G extends GrantShape>(
  repos: StorageRepositories,
  access: OrgAccess,
  grants: readonly G[],
): Promise<Result<ResolvedGrant<G>[], RosterError<'NOT_FOUND'>>> {
  const orgId = access.org.id
  const unknownRoles = [
    ...new Set(grants.map((g) => g.roleId).filter((id) => !findRole(id, access.customRoles))),
  ]
  const loadedRoles =
    unknownRoles.length > 0 ? (await repos.roles.findByIds(orgId, unknownRoles)).map(toRoleDefinition) : []
  const roles = [...access.customRoles, ...loadedRoles]
  const resourceIds = [...new Set(grants.filter((g) => g.scopeKind === 'resource').map((g) => g.scopeValue))]
  const resources = new Map(
    (resourceIds.length > 0 ? await repos.resources.findByIds(orgId, resourceIds) : []).map((r) => [r.id, r]),
  )
  const resolved: ResolvedGrant<G>[] = []
  for (const grant of grants) {
    const role = findRole(grant.roleId, roles)
    if (!role) {
      return err(
        rosterError('NOT_FOUND', {
          message: `Role ${grant.roleId} does not exist in this organization.`,
          details: { entity: 'role', id: grant.roleId },
        }),
      )
    }
    let resource: Resource | null = null
    if (grant.scopeKind === 'resource') {
      resource = resources.get(grant.scopeValue) ?? null
      if (!resource) {
        return err(
          rosterError('NOT_FOUND', {
            message: `Resource ${grant.scopeValue} does not exist in this organization.`,
            details: { entity: 'resource', id: grant.scopeValue },
          }),
        )
      }
    }
    resolved.push({ grant, role, resource, scope: scopeOfGrant(grant, resource?.type) })
  }
  return ok(resolved)
}

/** @internal How a scope reads in messages: `the organization`, `resource Tower A`, `every building`. */
export function describeScope(scope: AccessScope, resource: Resource | null): string {
  if (scope.kind === 'org') return 'the whole organization'
  if (scope.kind === 'type') return `every ${scope.type}`
  return `${resource?.name ?? scope.id}`
}

/**
 * @internal R3 for one resolved grant: the actor needs `roles:assign` at the grant's scope
 * (`FORBIDDEN`) and every permission of the role there (`ESCALATION`). The system actor may.
 */
export function checkMayGrant(
  access: OrgAccess,
  resolved: ResolvedGrant,
  verb: 'grant' | 'revoke' = 'grant',
): Result<void, RosterError<'ESCALATION' | 'FORBIDDEN'>> {
  if (access.isSystem) return ok(undefined)
  const held = permissionsAtScope(access.grants, access.customRoles, resolved.scope)
  const where = describeScope(resolved.scope, resolved.resource)
  if (held !== '*' && !held.has('roles:assign')) {
    return err(
      rosterError('FORBIDDEN', {
        message: `You need the roles:assign permission at ${where}.`,
        details: { permission: 'roles:assign', scope: resolved.grant },
      }),
    )
  }
  const missing = missingPermissions(resolved.role, held)
  if (missing === '*' || missing.length > 0) {
    return err(
      rosterError('ESCALATION', {
        message: `You cannot ${verb} ${resolved.role.name} at ${where}: it holds permissions you do not hold there.`,
        details: { roleId: resolved.role.id, scope: resolved.grant, missing },
      }),
    )
  }
  return ok(undefined)
}

/**
 * @internal Checks that the actor may hand out these grants (R3): every role and resource exists
 * in the org, and at each grant's scope the actor holds `roles:assign` and every permission of the
 * role. A resource-scoped grant is checked at that resource (its type's grants count). The default
 * `member` grant is always grantable by whoever may add members.
 */
export async function checkGrantable(
  repos: StorageRepositories,
  access: OrgAccess,
  grants: readonly StoredGrant[],
): Promise<Result<void, RosterError<'NOT_FOUND' | 'ESCALATION' | 'FORBIDDEN'>>> {
  const resolved = await resolveGrants(repos, access, grants)
  if (resolved.isErr()) return err(resolved.error)
  if (access.isSystem) return ok(undefined)
  if (grants.every((g) => g.roleId === 'member' && g.scopeKind === 'org')) return ok(undefined)
  for (const one of resolved.value) {
    const allowed = checkMayGrant(access, one)
    if (allowed.isErr()) return err(allowed.error)
  }
  return ok(undefined)
}

/** @internal D1: a member's department must exist in the org (`DEPARTMENT_NOT_FOUND`). */
export async function checkDepartment(
  repos: StorageRepositories,
  orgId: string,
  departmentId: string,
): Promise<Result<Department, RosterError<'DEPARTMENT_NOT_FOUND'>>> {
  const department = await repos.departments.findById(orgId, departmentId)
  if (!department) {
    return err(
      rosterError('DEPARTMENT_NOT_FOUND', {
        message: 'This department does not exist in the organization; create it first.',
        details: { departmentId },
      }),
    )
  }
  return ok(department)
}
