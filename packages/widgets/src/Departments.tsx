import type { DepartmentView, RosterError } from '@roster/core'
import { useCreateDepartment, useDeleteDepartment, useRenameDepartment } from '@roster/react'
import { type FormEvent, useRef, useState } from 'react'
import { describeError, issuesByField } from './errors.js'
import { useWidgets } from './i18n/provider.js'
import { useDepartmentList } from './org-data.js'
import {
  ConfirmDialog,
  focusAfterDialog,
  NoticeLine,
  QueryState,
  SelectField,
  TextField,
  useMissingReason,
  useNotice,
  usePermission,
  WidgetRoot,
} from './ui.js'

/** Props of {@link DepartmentsManager}. */
export interface DepartmentsManagerProps {
  orgId: string
}

/**
 * The org's departments with their member counts: create, rename, delete. Changing them needs
 * `departments:manage`; everyone else sees the list and the reason the controls are missing.
 * Deleting asks first; a department that still has members is deleted only by moving them into
 * another one (D2), chosen in the same dialog. Errors show beside the act that failed.
 *
 * @example
 * ```tsx
 * <RosterProvider client={client}>
 *   <DepartmentsManager orgId={orgId} />
 * </RosterProvider>
 * ```
 */
export function DepartmentsManager({ orgId }: DepartmentsManagerProps) {
  const { t } = useWidgets()
  const list = useDepartmentList(orgId)
  const mayManage = usePermission(orgId, 'departments:manage')
  const reason = useMissingReason('departments:manage')
  const { notice, notify } = useNotice()
  const [editing, setEditing] = useState<string | null>(null)
  const [deleting, setDeleting] = useState<DepartmentView | null>(null)
  const newNameRef = useRef<HTMLInputElement>(null)

  return (
    <WidgetRoot className="rw-departments">
      <section aria-labelledby="rw-departments-title" className="rw-section">
        <h2 id="rw-departments-title">{t('departments.title')}</h2>
        {mayManage ? <CreateDepartmentForm orgId={orgId} inputRef={newNameRef} onCreated={notify} /> : null}
        {mayManage === false ? <p className="rw-hint">{reason}</p> : null}
        <NoticeLine notice={notice} />
        <QueryState query={list} isEmpty={list.departments.length === 0} empty={t('departments.empty')}>
          <div className="rw-table-wrap">
            <table className="rw-table">
              <caption className="rw-visually-hidden">{t('departments.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('staff.department')}</th>
                  <th scope="col">{t('departments.members')}</th>
                  {mayManage ? (
                    <th scope="col">
                      <span className="rw-visually-hidden">{t('staff.col.actions')}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {list.departments.map((d) => (
                  <tr key={d.id}>
                    <td>
                      {editing === d.id ? (
                        <RenameDepartmentForm
                          orgId={orgId}
                          department={d}
                          onDone={(message) => {
                            setEditing(null)
                            if (message) notify(message)
                          }}
                        />
                      ) : (
                        d.name
                      )}
                    </td>
                    <td>{d.memberCount}</td>
                    {mayManage ? (
                      <td>
                        <div className="rw-row-actions">
                          {editing === d.id ? null : (
                            <button
                              type="button"
                              className="rw-button rw-small"
                              aria-label={t('departments.renameLabel', { name: d.name })}
                              onClick={() => setEditing(d.id)}
                            >
                              {t('departments.rename')}
                            </button>
                          )}
                          <button
                            type="button"
                            className="rw-button rw-small rw-danger"
                            aria-label={t('departments.deleteLabel', { name: d.name })}
                            onClick={() => setDeleting(d)}
                          >
                            {t('common.delete')}
                          </button>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </QueryState>
      </section>
      {deleting ? (
        <DeleteDepartmentDialog
          orgId={orgId}
          department={deleting}
          others={list.departments.filter((d) => d.id !== deleting.id)}
          onClose={(message) => {
            setDeleting(null)
            if (message) {
              notify(message)
              // The row is gone with its button: focus goes to a control that stays.
              focusAfterDialog(newNameRef)
            }
          }}
        />
      ) : null}
    </WidgetRoot>
  )
}

function CreateDepartmentForm({
  orgId,
  inputRef,
  onCreated,
}: {
  orgId: string
  inputRef: React.RefObject<HTMLInputElement | null>
  onCreated: (message: string) => void
}) {
  const { t, productName } = useWidgets()
  const create = useCreateDepartment()
  const [name, setName] = useState('')
  const fieldError = issuesByField(create.error, t).name
  function submit(event: FormEvent) {
    event.preventDefault()
    create.mutate(
      { orgId, name },
      {
        onSuccess: (department) => {
          setName('')
          onCreated(t('departments.created', { name: department.name }))
        },
      },
    )
  }
  return (
    <form className="rw-inline-form" onSubmit={submit}>
      <TextField
        id="rw-new-department"
        label={t('departments.new')}
        value={name}
        inputRef={inputRef}
        onChange={(value) => {
          setName(value)
          if (create.error) create.reset()
        }}
        error={fieldError}
      />
      <button type="submit" className="rw-button" disabled={!name.trim() || create.isPending}>
        {t('departments.create')}
      </button>
      {create.error && !fieldError ? (
        <p className="rw-error" role="alert">
          {describeError(create.error, t, productName)}
        </p>
      ) : null}
    </form>
  )
}

function RenameDepartmentForm({
  orgId,
  department,
  onDone,
}: {
  orgId: string
  department: DepartmentView
  onDone: (message?: string) => void
}) {
  const { t, productName } = useWidgets()
  const rename = useRenameDepartment()
  const [name, setName] = useState(department.name)
  const error: RosterError | null = rename.error
  const fieldError = issuesByField(error, t).name
  return (
    <form
      className="rw-inline-form"
      onSubmit={(event) => {
        event.preventDefault()
        rename.mutate(
          { orgId, departmentId: department.id, name },
          { onSuccess: (d) => onDone(t('departments.renamed', { name: d.name })) },
        )
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone()
      }}
    >
      <TextField
        id={`rw-rename-${department.id}`}
        label={t('departments.newName', { name: department.name })}
        value={name}
        onChange={setName}
        error={fieldError ?? (error ? describeError(error, t, productName) : undefined)}
        autoFocus
      />
      <button type="submit" className="rw-button rw-small" disabled={!name.trim() || rename.isPending}>
        {t('common.save')}
      </button>
      <button type="button" className="rw-button rw-small rw-ghost" onClick={() => onDone()}>
        {t('common.cancel')}
      </button>
    </form>
  )
}

function DeleteDepartmentDialog({
  orgId,
  department,
  others,
  onClose,
}: {
  orgId: string
  department: DepartmentView
  others: DepartmentView[]
  onClose: (message?: string) => void
}) {
  const { t } = useWidgets()
  const remove = useDeleteDepartment()
  const occupied = department.memberCount > 0
  const [target, setTarget] = useState(others[0]?.id ?? '')
  const targetName = others.find((d) => d.id === target)?.name ?? ''
  // Members must go somewhere (D2): with no other department the delete cannot be offered.
  const blocked = occupied && others.length === 0
  return (
    <ConfirmDialog
      title={t('departments.deleteTitle', { name: department.name })}
      description={
        blocked
          ? t('departments.notEmptyNoTarget', { count: department.memberCount })
          : occupied
            ? t('departments.deleteMoveText', { count: department.memberCount })
            : t('departments.deleteText')
      }
      confirmLabel={t('common.delete')}
      busy={remove.isPending || blocked}
      error={remove.error}
      onClose={() => onClose()}
      onConfirm={() =>
        remove.mutate(
          { orgId, departmentId: department.id, ...(occupied ? { moveMembersTo: target } : {}) },
          {
            onSuccess: (result) =>
              onClose(
                result.moved > 0
                  ? t('departments.deletedMoved', {
                      name: department.name,
                      count: result.moved,
                      target: targetName,
                    })
                  : t('departments.deleted', { name: department.name }),
              ),
          },
        )
      }
    >
      {occupied && !blocked ? (
        <SelectField
          id="rw-move-members-to"
          label={t('departments.moveTo')}
          value={target}
          onChange={setTarget}
          options={others.map((d) => ({ value: d.id, label: d.name }))}
        />
      ) : null}
    </ConfirmDialog>
  )
}
