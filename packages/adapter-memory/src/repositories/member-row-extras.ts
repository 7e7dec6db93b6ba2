import type { Connection, CustomRole, Department, Membership, Resource, StoredGrant } from '@roster/core'
import type { MemberRow, MemberRowGrant } from '@roster/core/storage'
import type { TableAccess } from '../database.js'
import { CONNECTION_TABLES, SEAT_TABLES, T } from '../tables.js'
import { type HolderRow, holderKey, holderRowKey, type MemberNumbersRow } from './seats.js'
import { membershipKey } from './unit.js'

/*
 * What a directory row (`MemberRow`) carries beyond its membership, account and grants, and who
 * loads each part: declared here once, explicitly, rather than registered by each area at import
 * time. It reads the other areas' tables; none of them imports it, so no import circle.
 */

/** Extra per-row facts other areas contribute (department, seats, numbers, managed fields). */
export interface RowExtras {
  department: MemberRow['department']
  licenses: string[]
  numbers: string[]
  managedFields: string[]
}

export type RowExtrasLoader = (tables: TableAccess, membership: Membership) => Partial<RowExtras>

/** The names a directory row's grant carries: its custom role's, its resource scope's. */
export type GrantNames = Pick<MemberRowGrant, 'roleName' | 'scopeName'>

export type GrantNamesLoader = (tables: TableAccess, grant: StoredGrant) => Partial<GrantNames>

/** `MemberRow.licenses` and `.numbers`: two keyed lookups per row, no scan (no N+1). */
const seatsOf: RowExtrasLoader = (t, membership) => ({
  licenses: [
    ...(t
      .read<HolderRow>(SEAT_TABLES.holders)
      .get(holderRowKey(membership.orgId, holderKey({ kind: 'member', accountId: membership.accountId })))
      ?.products ?? []),
  ],
  numbers: [
    ...(t
      .read<MemberNumbersRow>(SEAT_TABLES.memberNumbers)
      .get(membershipKey(membership.orgId, membership.accountId))?.numbers ?? []),
  ],
})

/** The directory row's `department` (id and name), read with the row. */
const departmentOf: RowExtrasLoader = (tables, membership) => {
  if (membership.departmentId === null) return { department: null }
  const department = tables.read<Department>(T.departments).get(membership.departmentId)
  return { department: department ? { id: department.id, name: department.name } : null }
}

/** The row's `managedFields` (S3): those of the org's connection named by the membership's source. */
const managedFieldsOf: RowExtrasLoader = (tables, membership) => {
  const connection = tables.read<Connection>(CONNECTION_TABLES.connections).get(membership.source)
  return {
    managedFields: connection && connection.orgId === membership.orgId ? [...connection.managedFields] : [],
  }
}

/** A grant's custom role name (null for a built-in role). */
const roleNameOf: GrantNamesLoader = (tables, grant) => {
  const role = tables.read<CustomRole>(T.roles).get(grant.roleId)
  return { roleName: role && role.orgId === grant.orgId ? role.name : null }
}

/** A resource-scoped grant's resource name. */
const scopeNameOf: GrantNamesLoader = (tables, grant) => {
  if (grant.scopeKind !== 'resource') return { scopeName: null }
  const resource = tables.read<Resource>(T.resources).get(grant.scopeValue)
  return { scopeName: resource && resource.orgId === grant.orgId ? resource.name : null }
}

const ROW_EXTRAS_LOADERS: readonly RowExtrasLoader[] = [seatsOf, departmentOf, managedFieldsOf]
const GRANT_NAMES_LOADERS: readonly GrantNamesLoader[] = [roleNameOf, scopeNameOf]

/** Everything a directory row carries beyond membership, account and grants. */
export function loadRowExtras(tables: TableAccess, membership: Membership): RowExtras {
  const extras: RowExtras = { department: null, licenses: [], numbers: [], managedFields: [] }
  for (const load of ROW_EXTRAS_LOADERS) Object.assign(extras, load(tables, membership))
  return extras
}

/** The names a directory row's grant carries. */
export function loadGrantNames(tables: TableAccess, grant: StoredGrant): GrantNames {
  const names: GrantNames = { roleName: null, scopeName: null }
  for (const load of GRANT_NAMES_LOADERS) Object.assign(names, load(tables, grant))
  return names
}
