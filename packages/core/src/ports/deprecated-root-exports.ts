// The storage port's types as the root `@roster/core` re-exported them before `@roster/core/storage`
// existed. Aliases (not re-export specifiers) so that `@deprecated` survives the bundled declarations
// and editors strike the old imports through. Remove them in the next minor release.
import type * as Port from './storage.js'

/** @deprecated Import `Storage` from `@roster/core/storage`. */
export type Storage = Port.Storage

/** @deprecated Import `StorageTx` from `@roster/core/storage`. */
export type StorageTx = Port.StorageTx

/** @deprecated Import `StorageRepositories` from `@roster/core/storage`. */
export type StorageRepositories = Port.StorageRepositories

/** @deprecated Import `AccountsRepository` from `@roster/core/storage`. */
export type AccountsRepository = Port.AccountsRepository

/** @deprecated Import `AccountConflictField` from `@roster/core/storage`. */
export type AccountConflictField = Port.AccountConflictField

/** @deprecated Import `AccountPatch` from `@roster/core/storage`. */
export type AccountPatch = Port.AccountPatch

/** @deprecated Import `InsertAccountOutcome` from `@roster/core/storage`. */
export type InsertAccountOutcome = Port.InsertAccountOutcome

/** @deprecated Import `UpdateAccountOutcome` from `@roster/core/storage`. */
export type UpdateAccountOutcome = Port.UpdateAccountOutcome

/** @deprecated Import `OrganizationsRepository` from `@roster/core/storage`. */
export type OrganizationsRepository = Port.OrganizationsRepository

/** @deprecated Import `InsertOrgOutcome` from `@roster/core/storage`. */
export type InsertOrgOutcome = Port.InsertOrgOutcome

/** @deprecated Import `UpdateOrgOutcome` from `@roster/core/storage`. */
export type UpdateOrgOutcome = Port.UpdateOrgOutcome

/** @deprecated Import `OrgPatch` from `@roster/core/storage`. */
export type OrgPatch = Port.OrgPatch

/** @deprecated Import `MembershipsRepository` from `@roster/core/storage`. */
export type MembershipsRepository = Port.MembershipsRepository

/** @deprecated Import `InsertMembershipOutcome` from `@roster/core/storage`. */
export type InsertMembershipOutcome = Port.InsertMembershipOutcome

/** @deprecated Import `MemberRow` from `@roster/core/storage`. */
export type MemberRow = Port.MemberRow

/** @deprecated Import `MemberRowGrant` from `@roster/core/storage`. */
export type MemberRowGrant = Port.MemberRowGrant

/** @deprecated Import `MemberPageQuery` from `@roster/core/storage`. */
export type MemberPageQuery = Port.MemberPageQuery

/** @deprecated Import `GrantsRepository` from `@roster/core/storage`. */
export type GrantsRepository = Port.GrantsRepository

/** @deprecated Import `AccessRepository` from `@roster/core/storage`. */
export type AccessRepository = Port.AccessRepository

/** @deprecated Import `AccessSnapshot` from `@roster/core/storage`. */
export type AccessSnapshot = Port.AccessSnapshot

/** @deprecated Import `TokensRepository` from `@roster/core/storage`. */
export type TokensRepository = Port.TokensRepository

/** @deprecated Import `AuditRepository` from `@roster/core/storage`. */
export type AuditRepository = Port.AuditRepository

/** @deprecated Import `AuditQuery` from `@roster/core/storage`. */
export type AuditQuery = Port.AuditQuery

/** @deprecated Import `OutboxRepository` from `@roster/core/storage`. */
export type OutboxRepository = Port.OutboxRepository

/** @deprecated Import `BlocklistRepository` from `@roster/core/storage`. */
export type BlocklistRepository = Port.BlocklistRepository

/** @deprecated Import `BlocklistEntry` from `@roster/core/storage`. */
export type BlocklistEntry = Port.BlocklistEntry

/** @deprecated Import `RateLimitsRepository` from `@roster/core/storage`. */
export type RateLimitsRepository = Port.RateLimitsRepository

/** @deprecated Import `LicensesRepository` from `@roster/core/storage`. */
export type LicensesRepository = Port.LicensesRepository

/** @deprecated Import `InsertPoolOutcome` from `@roster/core/storage`. */
export type InsertPoolOutcome = Port.InsertPoolOutcome

/** @deprecated Import `ResizePoolOutcome` from `@roster/core/storage`. */
export type ResizePoolOutcome = Port.ResizePoolOutcome

/** @deprecated Import `ClaimSeatOutcome` from `@roster/core/storage`. */
export type ClaimSeatOutcome = Port.ClaimSeatOutcome

/** @deprecated Import `ReleaseSeatOutcome` from `@roster/core/storage`. */
export type ReleaseSeatOutcome = Port.ReleaseSeatOutcome

/** @deprecated Import `SeatCounts` from `@roster/core/storage`. */
export type SeatCounts = Port.SeatCounts

/** @deprecated Import `NumbersRepository` from `@roster/core/storage`. */
export type NumbersRepository = Port.NumbersRepository

/** @deprecated Import `NumberPageQuery` from `@roster/core/storage`. */
export type NumberPageQuery = Port.NumberPageQuery

/** @deprecated Import `AssignNumberOutcome` from `@roster/core/storage`. */
export type AssignNumberOutcome = Port.AssignNumberOutcome

/** @deprecated Import `UnassignNumberOutcome` from `@roster/core/storage`. */
export type UnassignNumberOutcome = Port.UnassignNumberOutcome

/** @deprecated Import `RolesRepository` from `@roster/core/storage`. */
export type RolesRepository = Port.RolesRepository

/** @deprecated Import `RolePatch` from `@roster/core/storage`. */
export type RolePatch = Port.RolePatch

/** @deprecated Import `InsertRoleOutcome` from `@roster/core/storage`. */
export type InsertRoleOutcome = Port.InsertRoleOutcome

/** @deprecated Import `UpdateRoleOutcome` from `@roster/core/storage`. */
export type UpdateRoleOutcome = Port.UpdateRoleOutcome

/** @deprecated Import `DeleteRoleOutcome` from `@roster/core/storage`. */
export type DeleteRoleOutcome = Port.DeleteRoleOutcome

/** @deprecated Import `ResourcesRepository` from `@roster/core/storage`. */
export type ResourcesRepository = Port.ResourcesRepository

/** @deprecated Import `ResourceQuery` from `@roster/core/storage`. */
export type ResourceQuery = Port.ResourceQuery

/** @deprecated Import `DepartmentsRepository` from `@roster/core/storage`. */
export type DepartmentsRepository = Port.DepartmentsRepository

/** @deprecated Import `InsertDepartmentOutcome` from `@roster/core/storage`. */
export type InsertDepartmentOutcome = Port.InsertDepartmentOutcome

/** @deprecated Import `RenameDepartmentOutcome` from `@roster/core/storage`. */
export type RenameDepartmentOutcome = Port.RenameDepartmentOutcome

/** @deprecated Import `DeleteDepartmentOutcome` from `@roster/core/storage`. */
export type DeleteDepartmentOutcome = Port.DeleteDepartmentOutcome

/** @deprecated Import `JoinRequestsRepository` from `@roster/core/storage`. */
export type JoinRequestsRepository = Port.JoinRequestsRepository

/** @deprecated Import `JoinRequestQuery` from `@roster/core/storage`. */
export type JoinRequestQuery = Port.JoinRequestQuery

/** @deprecated Import `InsertJoinRequestOutcome` from `@roster/core/storage`. */
export type InsertJoinRequestOutcome = Port.InsertJoinRequestOutcome

/** @deprecated Import `DecideJoinRequestOutcome` from `@roster/core/storage`. */
export type DecideJoinRequestOutcome = Port.DecideJoinRequestOutcome

/** @deprecated Import `ConnectionsRepository` from `@roster/core/storage`. */
export type ConnectionsRepository = Port.ConnectionsRepository

/** @deprecated Import `ConnectionPatch` from `@roster/core/storage`. */
export type ConnectionPatch = Port.ConnectionPatch

/** @deprecated Import `InsertConnectionOutcome` from `@roster/core/storage`. */
export type InsertConnectionOutcome = Port.InsertConnectionOutcome

/** @deprecated Import `UpdateConnectionOutcome` from `@roster/core/storage`. */
export type UpdateConnectionOutcome = Port.UpdateConnectionOutcome

/** @deprecated Import `ClaimRunOutcome` from `@roster/core/storage`. */
export type ClaimRunOutcome = Port.ClaimRunOutcome

/** @deprecated Import `ConnectionLinksRepository` from `@roster/core/storage`. */
export type ConnectionLinksRepository = Port.ConnectionLinksRepository

/** @deprecated Import `LinkScope` from `@roster/core/storage`. */
export type LinkScope = Port.LinkScope

/** @deprecated Import `LinkPatch` from `@roster/core/storage`. */
export type LinkPatch = Port.LinkPatch

/** @deprecated Import `InsertLinkOutcome` from `@roster/core/storage`. */
export type InsertLinkOutcome = Port.InsertLinkOutcome

/** @deprecated Import `DeleteEmptyOrgOutcome` from `@roster/core/storage`. */
export type DeleteEmptyOrgOutcome = Port.DeleteEmptyOrgOutcome
