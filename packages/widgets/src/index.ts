// @roster/widgets: embeddable staff-management components on @roster/react. Explicit named exports only.
export {
  WidgetsProvider,
  useWidgets,
  humanizeSlug,
  humanizePermission,
  type WidgetsProviderProps,
  type WidgetsContext,
  type WidgetLocale,
  type WidgetStrings,
  type WidgetStringKey,
} from './i18n/provider.js'
export { en as enStrings } from './i18n/en.js'
export { fr as frStrings } from './i18n/fr.js'
export { describeError, issuesByField } from './errors.js'
export { formatPhone, formatDate, formatDateTime } from './format.js'
export { parseStaffCsv, toCsv, type CsvPerson, type ParsedCsv } from './csv.js'
export {
  Dialog,
  ConfirmDialog,
  QueryState,
  NoticeLine,
  useNotice,
  usePermission,
  TextField,
  SelectField,
  WidgetRoot,
  type Notice,
  type SelectOption,
} from './ui.js'
export { MemberBadges, memberStatus } from './member-status.js'
export { StaffDirectory, type StaffDirectoryProps } from './StaffDirectory.js'
export { MemberPanel, type MemberPanelProps } from './MemberPanel.js'
export { MemberActions, type MemberActionsProps } from './MemberActions.js'
export { MemberFormDialog, type MemberFormDialogProps } from './MemberForm.js'
export { ImportMembersDialog, type ImportMembersDialogProps } from './ImportMembersDialog.js'
export { MemberSeats, type MemberSeatsProps } from './MemberSeats.js'
export { BuildingRolesMatrix, MemberRolesEditor } from './RolesMatrix.js'
export { DepartmentsManager, type DepartmentsManagerProps } from './Departments.js'
export { ResourcesManager, type ResourcesManagerProps } from './Resources.js'
export { RolesEditor, type RolesEditorProps } from './RolesEditor.js'
export { LicensesAndNumbers, type LicensesAndNumbersProps } from './LicensesAndNumbers.js'
export { SignUpForm, type SignUpFormProps } from './SignUpForm.js'
export { RequestToJoin, type RequestToJoinProps } from './RequestToJoin.js'
export { MyJoinRequests, type MyJoinRequestsProps } from './MyJoinRequests.js'
export { MyOrganizations, type MyOrganizationsProps } from './MyOrganizations.js'
export { JoinRequestsAdmin, type JoinRequestsAdminProps } from './JoinRequestsAdmin.js'
export { AuditLog, type AuditLogProps } from './AuditLog.js'
export { MyAccount, type MyAccountProps } from './MyAccount.js'
export { ScimConnections, type ScimConnectionsProps } from './ScimConnections.js'
