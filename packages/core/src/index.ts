// The public API of @roster/core. Explicit named exports only; api-surface.test.ts pins the list.
//
// Why over 400 lines: this is the one list of public names, by area, so a reviewer sees every addition in one
// diff. The larger areas (licenses, numbers, connections) gather theirs in `use-cases/<area>/exports.ts`; the
// names are still spelled out here (no `export *`), since a wildcard would publish whatever a module adds.

export { createRoster, type Roster, type RosterOptions } from './create-roster.js'
export type { RosterContext } from './context.js'
export {
  systemActor,
  isSystemActor,
  type Actor,
  type PersonActor,
  type SystemActor,
  type AuditActor,
} from './domain/actor.js'
export {
  ROSTER_ERRORS,
  ROSTER_ERROR_CODES,
  rosterError,
  isRosterError,
  type RosterError,
  type RosterErrorCode,
  type RosterErrorOfCode,
  type RosterErrorOptions,
  type ErrorDetailsByCode,
  type ErrorDetails,
  type ForbiddenDetails,
  type NotFoundDetails,
  type InvalidStateDetails,
  type ValidationIssue,
} from './errors.js'
export { DEFAULT_POLICY, durationMs, type Duration, type PolicyInput, type RosterPolicy } from './policy.js'
export type { RosterEvents, RosterEventType, RosterEventsApi } from './events.js'

// Domain types and pure helpers
export {
  emailKey,
  usernameKey,
  type Account,
  type AccountStatus,
  type AccountView,
} from './domain/account.js'
export {
  DEFAULT_ORG_SETTINGS,
  type Organization,
  type OrgSettings,
  type OrgView,
} from './domain/organization.js'
export type { Membership, MembershipStatus, MembershipType } from './domain/membership.js'
export type { Grant, GrantScope, StoredGrant } from './domain/grant.js'
export type { MemberView, MemberAction, GrantView } from './domain/member-view.js'
export { BUILT_IN_PERMISSIONS, type BuiltInPermission, type Permission } from './domain/permission.js'
export {
  BUILT_IN_ROLES,
  BUILT_IN_ROLE_IDS,
  type BuiltInRoleId,
  type CustomRole,
  type RoleDefinition,
  type RoleView,
} from './domain/role.js'
export type { Resource, ResourceView } from './domain/resource.js'
export type { Department, DepartmentView } from './domain/department.js'
export type { JoinRequest, JoinRequestStatus, JoinRequestView } from './domain/join-request.js'
export {
  DirectoryPersonSchema,
  MANAGEABLE_FIELDS,
  type Connection,
  type ConnectionKind,
  type ConnectionLink,
  type ConnectionStatus,
  type ConnectionView,
  type LinkedRecord,
  type ManagedField,
  type OnMissing,
  type SyncFailureReason,
  type SyncPersonError,
  type SyncProgress,
  type SyncReport,
} from './domain/connection.js'
export { partitionOf, SchedulerPartition } from './domain/partition.js'
export {
  scimKey,
  type ScimConnection,
  type ScimCredentialPolicy,
  type ScimGroup,
  type ScimGroupMapping,
  type ScimGroupProvenance,
  type ScimToken,
  type ScimUser,
  type ScimUserAttributes,
} from './domain/scim.js'
export {
  Product,
  SeatCount,
  PoolSeats,
  type LicensePool,
  type LicensePoolUsage,
  type LicensePoolView,
  type LicenseSummary,
  type PoolKey,
  type Seat,
  type SeatHolder,
} from './domain/license.js'
export {
  CountryCode,
  normalizePhoneNumber,
  type ImportNumbersReport,
  type ImportRejection,
  type PhoneNumber,
  type PhoneNumberStatus,
  type PhoneNumberView,
} from './domain/phone-number.js'
export type { Token, TokenKind } from './domain/token.js'
export type { AuditEvent, FieldChange } from './domain/audit-event.js'
export {
  MAIL_TEMPLATES,
  type MailMessage,
  type MailTemplate,
  type OutboxMessage,
  type OutboxStatus,
} from './domain/mail-message.js'
export type { MailTemplateRenderer, MailTemplates, RenderedMail } from './mail/templates.js'

// Input schemas, for forms
export {
  Email,
  PersonName,
  Username,
  Phone,
  Language,
  Password,
  Slug,
  OrgName,
  GrantInput,
  GrantScope as GrantScopeSchema,
  RoleName,
  PermissionName,
  ResourceType,
  ResourceName,
  DepartmentName,
  PageLimit,
  USERNAME_EMAIL_MESSAGE,
  usernameEmailIssue,
} from './domain/schemas.js'
// The string policy (security guide SP1–SP5), for the host's own fields and forms
export {
  normalizeText,
  policedText,
  TEXT_POLICY_MESSAGES,
  type TextKind,
  textPolicyIssue,
} from './domain/text-policy.js'
export {
  AddMemberInput,
  AddMemberRow,
  Credential,
  type AddMemberError,
} from './use-cases/members/add-member.js'
export type { Page } from './internal/page.js'
export {
  ADD_MANY_MAX_ROWS,
  AddManyMembersInput,
  type AddManyMembersError,
  type AddManyMembersOutput,
  type AddManyRowResult,
} from './use-cases/members/add-many-members.js'
export { GetMemberInput, type GetMemberError } from './use-cases/members/get-member.js'
export { ListMembersInput, type ListMembersError } from './use-cases/members/list-members.js'
export { UpdateMemberInput, type UpdateMemberError } from './use-cases/members/update-member.js'
export { DisableMemberInput, type DisableMemberError } from './use-cases/members/disable-member.js'
export { EnableMemberInput, type EnableMemberError } from './use-cases/members/enable-member.js'
export {
  RemoveMemberInput,
  type RemoveMemberError,
  type RemoveMemberOutput,
} from './use-cases/members/remove-member.js'
export { LeaveOrgInput, type LeaveOrgError } from './use-cases/members/leave-org.js'
export { AcceptInvitationInput, type AcceptInvitationError } from './use-cases/members/accept-invitation.js'
export {
  DeclineInvitationInput,
  type DeclineInvitationError,
} from './use-cases/members/decline-invitation.js'
export { CreateOrgInput, type CreateOrgError } from './use-cases/orgs/create-org.js'
export { GetOrgInput, type GetOrgError } from './use-cases/orgs/get-org.js'
export { OrgSettingsPatch, UpdateOrgInput, type UpdateOrgError } from './use-cases/orgs/update-org.js'
export { DeleteOrgInput, type DeleteOrgError } from './use-cases/orgs/delete-org.js'
export type { ListMyOrgsError, MyOrgView } from './use-cases/orgs/list-my-orgs.js'
export {
  TransferFoundershipInput,
  type TransferFoundershipError,
} from './use-cases/orgs/transfer-foundership.js'
export { SignUpInput, type SignUpError } from './use-cases/accounts/sign-up.js'
export { GetAccountInput, type GetAccountError } from './use-cases/accounts/get-account.js'
export { UpdateProfileInput, type UpdateProfileError } from './use-cases/accounts/update-profile.js'
export { ChangeEmailInput, type ChangeEmailError } from './use-cases/accounts/change-email.js'
export { ConfirmEmailInput, type ConfirmEmailError } from './use-cases/accounts/confirm-email.js'
export { DisableAccountInput, type DisableAccountError } from './use-cases/accounts/disable-account.js'
export { EnableAccountInput, type EnableAccountError } from './use-cases/accounts/enable-account.js'
export { LinkIdentityInput, type LinkIdentityError } from './use-cases/accounts/link-identity.js'
export { FindByIdentityInput, type FindByIdentityError } from './use-cases/accounts/find-by-identity.js'
export { ActivateInput, type ActivateError } from './use-cases/activation/activate.js'
export { RequestNewLinkInput, type RequestNewLinkError } from './use-cases/activation/request-new-link.js'
export {
  ResendActivationInput,
  type ResendActivationError,
  type ResendActivationOutput,
} from './use-cases/activation/resend-activation.js'
export {
  VerifyCredentialsInput,
  type VerifyCredentialsError,
} from './use-cases/credentials/verify-credentials.js'
export {
  RequestPasswordResetInput,
  type RequestPasswordResetError,
} from './use-cases/credentials/request-password-reset.js'
export { ResetPasswordInput, type ResetPasswordError } from './use-cases/credentials/reset-password.js'
export { ChangePasswordInput, type ChangePasswordError } from './use-cases/credentials/change-password.js'
export { DefineRoleInput, type DefineRoleError } from './use-cases/roles/define-role.js'
export { UpdateRoleInput, type UpdateRoleError } from './use-cases/roles/update-role.js'
export { DeleteRoleInput, type DeleteRoleError } from './use-cases/roles/delete-role.js'
export { ListRolesInput, type ListRolesError } from './use-cases/roles/list-roles.js'
export { AssignRolesInput, type AssignRolesError } from './use-cases/roles/assign-roles.js'
export { RevokeRoleInput, type RevokeRoleError } from './use-cases/roles/revoke-role.js'
export { SetRolesInput, type SetRolesError } from './use-cases/roles/set-roles.js'
export { CheckPermissionInput, type CheckPermissionError } from './use-cases/roles/check-permission.js'
export { CreateResourceInput, type CreateResourceError } from './use-cases/resources/create-resource.js'
export { ListResourcesInput, type ListResourcesError } from './use-cases/resources/list-resources.js'
export { DeleteResourceInput, type DeleteResourceError } from './use-cases/resources/delete-resource.js'
export {
  CreateDepartmentInput,
  type CreateDepartmentError,
} from './use-cases/departments/create-department.js'
export { ListDepartmentsInput, type ListDepartmentsError } from './use-cases/departments/list-departments.js'
export {
  RenameDepartmentInput,
  type RenameDepartmentError,
} from './use-cases/departments/rename-department.js'
export {
  DeleteDepartmentInput,
  type DeleteDepartmentError,
} from './use-cases/departments/delete-department.js'
export {
  CreateJoinRequestInput,
  type CreateJoinRequestError,
} from './use-cases/join-requests/create-join-request.js'
export {
  ListJoinRequestsInput,
  type ListJoinRequestsError,
} from './use-cases/join-requests/list-join-requests.js'
export {
  ListMyJoinRequestsInput,
  type ListMyJoinRequestsError,
  type MyJoinRequestView,
} from './use-cases/join-requests/list-my-join-requests.js'
export {
  ApproveJoinRequestInput,
  type ApproveJoinRequestError,
} from './use-cases/join-requests/approve-join-request.js'
export {
  DenyJoinRequestInput,
  type DenyJoinRequestError,
} from './use-cases/join-requests/deny-join-request.js'
export {
  CancelJoinRequestInput,
  type CancelJoinRequestError,
} from './use-cases/join-requests/cancel-join-request.js'

export {
  AddSeatsInput,
  AssignLicenseInput,
  CreatePoolInput,
  LicenseSummaryInput,
  RemoveSeatsInput,
  UnassignLicenseInput,
  type AddSeatsError,
  type AssignLicenseError,
  type CreatePoolError,
  type LicenseSummaryError,
  type RemoveSeatsError,
  type UnassignLicenseError,
} from './use-cases/licenses/exports.js'
export {
  AssignNumberInput,
  ImportNumbersInput,
  ListNumbersInput,
  RemoveNumberInput,
  UnassignNumberInput,
  type AssignNumberError,
  type ImportNumbersError,
  type ListNumbersError,
  type RemoveNumberError,
  type UnassignNumberError,
} from './use-cases/numbers/exports.js'
export {
  ApproveConnectionInput,
  ConnectSourceInput,
  DisconnectInput,
  ListConnectionsInput,
  RequestConnectionInput,
  RunDueInput,
  SyncConnectionInput,
  DEFAULT_SYNC_BATCH_SIZE,
  SYNC_LEASE_MS,
  type ApproveConnectionError,
  type ConnectSourceError,
  type DisconnectError,
  type DisconnectOutput,
  type ListConnectionsError,
  type RequestConnectionError,
  type RunDueError,
  type RunDueOutput,
  type DueRun,
  type SyncConnectionError,
  type SyncOptions,
} from './use-cases/connections/exports.js'
export {
  AuthenticateScimInput,
  CreateScimConnectionInput,
  DeprovisionScimUserInput,
  GetScimUserInput,
  ListScimActivityInput,
  ListScimConnectionsInput,
  ListScimUsersInput,
  ProvisionScimUserInput,
  ReplaceScimUserInput,
  RevokeScimTokensInput,
  RotateScimTokenInput,
  ScimUserFields,
  CreateScimGroupInput,
  DeleteScimGroupInput,
  GetScimGroupInput,
  ListScimConnectionGroupsInput,
  ListScimGroupsInput,
  MapScimGroupInput,
  PatchScimGroupInput,
  ReplaceScimGroupInput,
  ScimGroupFields,
  ScimGroupMappingInput,
  type CreateScimGroupError,
  type DeleteScimGroupError,
  type GetScimGroupError,
  type ListScimConnectionGroupsError,
  type ListScimGroupsError,
  type MapScimGroupError,
  type PatchScimGroupError,
  type ReplaceScimGroupError,
  type ScimGroupView,
  type AuthenticateScimError,
  type CreateScimConnectionError,
  type DeprovisionScimUserError,
  type GetScimUserError,
  type ListScimActivityError,
  type ListScimConnectionsError,
  type ListScimUsersError,
  type ProvisionScimUserError,
  type ReplaceScimUserError,
  type RevokeScimTokensError,
  type RotateScimTokenError,
  type ScimApi,
  type ScimConnectionView,
  type ScimPrincipal,
  type ScimTokenSecret,
  type ScimTokenView,
  type ScimUserView,
} from './use-cases/scim/exports.js'

// Test doubles that scripts and demos use outside a test runner. `@roster/core/testing` exports them
// too, beside the vitest conformance suite (which imports vitest, so it only loads under vitest).
export { createMemoryMailer, type MemoryMailer } from './testing/memory-mailer.js'
export { createFixedClock, type FixedClock } from './testing/fixed-clock.js'

// Ports
export type { Clock } from './ports/clock.js'
export type { Random } from './ports/random.js'
export type { Mailer } from './ports/mailer.js'
export type { PasswordHasher } from './ports/password-hasher.js'
export type { DirectoryPerson, DirectorySource } from './ports/directory-source.js'
export { scryptPasswordHasher, type ScryptParams } from './defaults/scrypt-password-hasher.js'
export {
  StorageConflictError,
  isRetryableStorageError,
  type StorageConflictReason,
} from './ports/storage.js'
// The storage port's types live at `@roster/core/storage` (an adapter author's entry point). These root
// re-exports stay, deprecated, for one minor release so existing imports keep compiling meanwhile.
export type {
  Storage,
  StorageTx,
  StorageRepositories,
  DeleteEmptyOrgOutcome,
  AccountsRepository,
  AccountConflictField,
  AccountPatch,
  InsertAccountOutcome,
  UpdateAccountOutcome,
  OrganizationsRepository,
  InsertOrgOutcome,
  UpdateOrgOutcome,
  OrgPatch,
  MembershipsRepository,
  InsertMembershipOutcome,
  MemberRow,
  MemberRowGrant,
  MemberPageQuery,
  GrantsRepository,
  AccessRepository,
  AccessSnapshot,
  TokensRepository,
  AuditRepository,
  AuditQuery,
  OutboxRepository,
  BlocklistRepository,
  BlocklistEntry,
  RateLimitsRepository,
  LicensesRepository,
  InsertPoolOutcome,
  ResizePoolOutcome,
  ClaimSeatOutcome,
  ReleaseSeatOutcome,
  SeatCounts,
  NumbersRepository,
  NumberPageQuery,
  AssignNumberOutcome,
  UnassignNumberOutcome,
  RolesRepository,
  RolePatch,
  InsertRoleOutcome,
  UpdateRoleOutcome,
  DeleteRoleOutcome,
  ResourcesRepository,
  ResourceQuery,
  DepartmentsRepository,
  InsertDepartmentOutcome,
  RenameDepartmentOutcome,
  DeleteDepartmentOutcome,
  JoinRequestsRepository,
  JoinRequestQuery,
  InsertJoinRequestOutcome,
  DecideJoinRequestOutcome,
  ConnectionsRepository,
  ConnectionPatch,
  InsertConnectionOutcome,
  UpdateConnectionOutcome,
  ClaimRunOutcome,
  ConnectionLinksRepository,
  LinkScope,
  LinkPatch,
  InsertLinkOutcome,
} from './ports/deprecated-root-exports.js'

// Mail, outbox, blocklist, audit and events (E1–E3, A11)
export {
  BUILT_IN_MAIL_TEMPLATES,
  ENGLISH_TEMPLATES,
  FRENCH_TEMPLATES,
  escapeHtml,
  mailLayout,
  type CompleteMailTemplateSet,
  type MailBlock,
  type MailContent,
  type MailRecipientData,
  type MailTemplateData,
  type MailTemplateSet,
} from './mail/templates.js'
export { OUTBOX_LEASE_MS } from './mail/dispatch.js'
export {
  DispatchOutboxInput,
  type DispatchOutboxError,
  type DispatchReport,
} from './use-cases/outbox/dispatch-outbox.js'
export {
  ListOutboxInput,
  type ListOutboxError,
  type OutboxMessageView,
} from './use-cases/outbox/list-outbox.js'
export { RequeueMessageInput, type RequeueMessageError } from './use-cases/outbox/requeue-message.js'
export { ReportBounceInput, type ReportBounceError } from './use-cases/mail/report-bounce.js'
export { ListBlocklistInput, type ListBlocklistError } from './use-cases/mail/list-blocklist.js'
export { UnblockEmailInput, type UnblockEmailError } from './use-cases/mail/unblock-email.js'
export type { BlocklistEntryView } from './use-cases/mail/blocklist-entry.js'
export { ListAuditInput, type ListAuditError, type AuditEventView } from './use-cases/audit/list-audit.js'
export type { RosterWildcardHandler } from './events.js'
