// Row builders for the access areas of the conformance suite (roles, resources, departments, join
// requests): plain objects from the test's own `Fixtures`, so ids keep their creation order.
import type { Department } from '../../domain/department.js'
import type { JoinRequest } from '../../domain/join-request.js'
import type { Resource } from '../../domain/resource.js'
import type { CustomRole } from '../../domain/role.js'
import { at, type Fixtures } from './fixtures.js'

type Ref = string | { id: string }
const idOf = (ref: Ref) => (typeof ref === 'string' ? ref : ref.id)

export function customRole(f: Fixtures, org: Ref, overrides: Partial<CustomRole> = {}): CustomRole {
  const id = f.id()
  const name = overrides.name ?? `Role ${id.slice(-4)}`
  return {
    id,
    orgId: idOf(org),
    name,
    nameKey: name.toLowerCase(),
    permissions: ['members:read'],
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  }
}

export function resource(f: Fixtures, org: Ref, overrides: Partial<Resource> = {}): Resource {
  const id = f.id()
  return {
    id,
    orgId: idOf(org),
    type: 'building',
    name: `Building ${id.slice(-4)}`,
    createdAt: at(0),
    ...overrides,
  }
}

export function department(f: Fixtures, org: Ref, overrides: Partial<Department> = {}): Department {
  const id = f.id()
  const name = overrides.name ?? `Department ${id.slice(-4)}`
  return {
    id,
    orgId: idOf(org),
    name,
    nameKey: name.toLowerCase(),
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  }
}

export function joinRequest(
  f: Fixtures,
  org: Ref,
  account: Ref,
  overrides: Partial<JoinRequest> = {},
): JoinRequest {
  return {
    id: f.id(),
    orgId: idOf(org),
    accountId: idOf(account),
    status: 'pending',
    message: null,
    reason: null,
    decidedBy: null,
    decidedAt: null,
    createdAt: at(0),
    ...overrides,
  }
}
