import type { RoleView } from '@roster/core'
import {
  type RegisteredClient,
  type RosterInput,
  useDefineRole,
  useDeleteRole,
  useRoles,
  useUpdateRole,
} from '@roster/react'
import { type FormEvent, useRef, useState } from 'react'
import { describeError, issuesByField } from './errors.js'
import { useWidgets } from './i18n/provider.js'
import {
  ConfirmDialog,
  focusAfterDialog,
  Dialog,
  NoticeLine,
  QueryState,
  TextField,
  useMissingReason,
  useNotice,
  usePermission,
  WidgetRoot,
} from './ui.js'

type Permission = RosterInput<RegisteredClient['roles']['define']>['permissions'][number]

/** Props of {@link RolesEditor}. */
export interface RolesEditorProps {
  orgId: string
}

/**
 * The org's roles: the built-in ones (read-only, R4) and the org's own, each with its permissions in
 * words ("Add staff", not `members:create`). People holding `roles:manage` create roles, change a
 * custom role's name and permissions after creation (it applies at once wherever the role is held),
 * and delete one after a question; a role still held is refused inside that question (R4). Only
 * permissions the editor holds can be given (R3): the server's refusal shows in the form.
 * Where a role is held — in the whole org, at every building or at some — is the member's
 * `MemberRolesEditor`.
 *
 * @example
 * ```tsx
 * <WidgetsProvider permissionNames={{ 'doors:open': 'Open doors' }}>
 *   <RolesEditor orgId={orgId} />
 * </WidgetsProvider>
 * ```
 */
export function RolesEditor({ orgId }: RolesEditorProps) {
  const { t, permissionName } = useWidgets()
  const roles = useRoles({ orgId })
  const mayManage = usePermission(orgId, 'roles:manage')
  const reason = useMissingReason('roles:manage')
  const { notice, notify } = useNotice()
  const [editing, setEditing] = useState<RoleView | 'new' | null>(null)
  const [deleting, setDeleting] = useState<RoleView | null>(null)
  const remove = useDeleteRole()
  const newButton = useRef<HTMLButtonElement>(null)
  // The owner role holds every permission the deployment knows, Roster's and the host's own.
  const everyPermission = roles.data?.find((role) => role.allPermissions)?.permissions ?? []

  return (
    <WidgetRoot className="rw-roles-editor">
      <section aria-labelledby="rw-roles-title" className="rw-section">
        <h2 id="rw-roles-title">{t('rolesList.title')}</h2>
        {mayManage ? (
          <div className="rw-toolbar-actions">
            <button
              ref={newButton}
              type="button"
              className="rw-button rw-primary"
              onClick={() => setEditing('new')}
            >
              {t('rolesList.new')}
            </button>
          </div>
        ) : null}
        {mayManage === false ? <p className="rw-hint">{reason}</p> : null}
        <NoticeLine notice={notice} />
        <QueryState query={roles} isEmpty={(roles.data ?? []).length === 0} empty={t('rolesList.empty')}>
          <ul className="rw-list rw-role-list">
            {(roles.data ?? []).map((role) => (
              <li key={role.id} className="rw-role">
                <div className="rw-role-head">
                  <h3 className="rw-small-title">{role.name}</h3>
                  {role.builtIn ? (
                    <span className="rw-badge rw-neutral">{t('rolesList.builtIn')}</span>
                  ) : null}
                  {mayManage && !role.builtIn ? (
                    <span className="rw-row-actions">
                      <button
                        type="button"
                        className="rw-button rw-small"
                        aria-label={t('rolesList.editLabel', { name: role.name })}
                        onClick={() => setEditing(role)}
                      >
                        {t('member.edit')}
                      </button>
                      <button
                        type="button"
                        className="rw-button rw-small rw-danger"
                        aria-label={t('rolesList.deleteLabel', { name: role.name })}
                        onClick={() => {
                          remove.reset()
                          setDeleting(role)
                        }}
                      >
                        {t('common.delete')}
                      </button>
                    </span>
                  ) : null}
                </div>
                {role.allPermissions ? (
                  <p className="rw-muted rw-small">{t('rolesList.every')}</p>
                ) : (
                  <ul className="rw-chips" aria-label={t('rolesList.permissionsOf', { name: role.name })}>
                    {role.permissions.map((permission) => (
                      <li key={permission} className="rw-chip">
                        {permissionName(permission)}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </QueryState>
      </section>
      {editing ? (
        <RoleFormDialog
          orgId={orgId}
          role={editing === 'new' ? null : editing}
          everyPermission={everyPermission}
          onClose={(message) => {
            setEditing(null)
            if (message) notify(message)
          }}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('rolesList.deleteTitle', { name: deleting.name })}
          description={t('rolesList.deleteText')}
          confirmLabel={t('common.delete')}
          busy={remove.isPending}
          error={remove.error}
          onClose={() => setDeleting(null)}
          onConfirm={() =>
            remove.mutate(
              { orgId, roleId: deleting.id },
              {
                onSuccess: () => {
                  notify(t('rolesList.deleted', { name: deleting.name }))
                  setDeleting(null)
                  // The role's row went with its button: focus goes to a control that stays.
                  focusAfterDialog(newButton)
                },
              },
            )
          }
        />
      ) : null}
    </WidgetRoot>
  )
}

/** The sorted groups of a permission list: `members:*` together, Roster's areas first. */
function byArea(permissions: readonly string[]): [string, string[]][] {
  const groups = new Map<string, string[]>()
  for (const permission of permissions) {
    const area = permission.split(':')[0] ?? permission
    groups.set(area, [...(groups.get(area) ?? []), permission])
  }
  return [...groups.entries()]
}

function RoleFormDialog({
  orgId,
  role,
  everyPermission,
  onClose,
}: {
  orgId: string
  role: RoleView | null
  everyPermission: readonly string[]
  onClose: (message?: string) => void
}) {
  const { t, productName, permissionName } = useWidgets()
  const define = useDefineRole()
  const update = useUpdateRole()
  const mutation = role ? update : define
  const [name, setName] = useState(role?.name ?? '')
  const [picked, setPicked] = useState<Set<string>>(new Set(role?.permissions ?? []))
  const issues = issuesByField(mutation.error, t)
  const permissionsIssue = issues.permissions
  const otherError = mutation.error && !issues.name && !permissionsIssue ? mutation.error : null

  function submit(event: FormEvent) {
    event.preventDefault()
    // The names come from the server's own list (the owner role's), host permissions included;
    // the registered union cannot know those, hence the cast.
    const permissions = [...picked] as Permission[]
    if (role)
      update.mutate(
        { orgId, roleId: role.id, name, permissions },
        { onSuccess: (saved) => onClose(t('rolesList.saved', { name: saved.name })) },
      )
    else
      define.mutate(
        { orgId, name, permissions },
        { onSuccess: (created) => onClose(t('rolesList.created', { name: created.name })) },
      )
  }

  return (
    <Dialog
      title={role ? t('rolesList.editTitle', { name: role.name }) : t('rolesList.new')}
      description={role ? t('rolesList.editText') : undefined}
      onClose={() => onClose()}
    >
      <form onSubmit={submit}>
        <TextField
          id="rw-role-name"
          label={t('rolesList.name')}
          value={name}
          onChange={setName}
          error={issues.name}
          required
          autoFocus
        />
        <fieldset
          className="rw-matrix"
          aria-describedby={permissionsIssue ? 'rw-role-permissions-error' : undefined}
        >
          <legend>{t('rolesList.permissions')}</legend>
          {byArea(everyPermission).map(([area, permissions]) => (
            <div key={area} className="rw-permission-group">
              {permissions.map((permission) => (
                <label key={permission} className="rw-check">
                  <input
                    type="checkbox"
                    checked={picked.has(permission)}
                    onChange={(event) => {
                      const checked = event.target.checked
                      setPicked((current) => {
                        const next = new Set(current)
                        if (checked) next.add(permission)
                        else next.delete(permission)
                        return next
                      })
                    }}
                  />
                  {permissionName(permission)}
                </label>
              ))}
            </div>
          ))}
          {permissionsIssue ? (
            <p id="rw-role-permissions-error" className="rw-field-error">
              {permissionsIssue}
            </p>
          ) : null}
        </fieldset>
        {otherError ? (
          <p className="rw-error" role="alert">
            {describeError(otherError, t, productName)}
          </p>
        ) : null}
        <div className="rw-actions">
          <button
            type="submit"
            className="rw-button rw-primary"
            disabled={!name.trim() || picked.size === 0 || mutation.isPending}
          >
            {mutation.isPending ? t('common.saving') : role ? t('common.save') : t('rolesList.create')}
          </button>
          <button type="button" className="rw-button rw-ghost" onClick={() => onClose()}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
