import type { ResourceView } from '@roster/core'
import { useCreateResource, useDeleteResource } from '@roster/react'
import { type FormEvent, useRef, useState } from 'react'
import { describeError, issuesByField } from './errors.js'
import { useWidgets } from './i18n/provider.js'
import { useResourceList } from './org-data.js'
import {
  ConfirmDialog,
  focusAfterDialog,
  NoticeLine,
  QueryState,
  TextField,
  useMissingReason,
  useNotice,
  usePermission,
  WidgetRoot,
} from './ui.js'

/** Props of {@link ResourcesManager}. */
export interface ResourcesManagerProps {
  orgId: string
  /**
   * The resource type managed here (default `building`). Its strings are the `buildings.*` keys:
   * override them (e.g. `'buildings.title': 'Sites'`) for another type.
   */
  type?: string
}

/**
 * The org's resources of one type — buildings by default, the places roles are scoped to (R1, R2):
 * add and delete. Changing them needs `resources:manage`; everyone else sees the list and the
 * reason. Deleting asks first, saying that the roles held there go with it.
 *
 * @example
 * ```tsx
 * <ResourcesManager orgId={orgId} />               // buildings
 * <WidgetsProvider strings={{ en: { 'buildings.title': 'Sites' } }}>
 *   <ResourcesManager orgId={orgId} type="site" />
 * </WidgetsProvider>
 * ```
 */
export function ResourcesManager({ orgId, type = 'building' }: ResourcesManagerProps) {
  const { t } = useWidgets()
  const list = useResourceList(orgId, type)
  const mayManage = usePermission(orgId, 'resources:manage')
  const reason = useMissingReason('resources:manage')
  const { notice, notify } = useNotice()
  const [deleting, setDeleting] = useState<ResourceView | null>(null)
  const remove = useDeleteResource()
  const newNameRef = useRef<HTMLInputElement>(null)

  return (
    <WidgetRoot className="rw-resources">
      <section aria-labelledby={`rw-resources-${type}`} className="rw-section">
        <h2 id={`rw-resources-${type}`}>{t('buildings.title')}</h2>
        {mayManage ? (
          <CreateResourceForm orgId={orgId} type={type} inputRef={newNameRef} onCreated={notify} />
        ) : null}
        {mayManage === false ? <p className="rw-hint">{reason}</p> : null}
        <NoticeLine notice={notice} />
        <QueryState query={list} isEmpty={list.resources.length === 0} empty={t('buildings.empty')}>
          <ul className="rw-list">
            {list.resources.map((resource) => (
              <li key={resource.id}>
                <span>{resource.name}</span>
                {mayManage ? (
                  <button
                    type="button"
                    className="rw-button rw-small rw-danger"
                    aria-label={t('buildings.deleteLabel', { name: resource.name })}
                    onClick={() => {
                      remove.reset()
                      setDeleting(resource)
                    }}
                  >
                    {t('common.delete')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </QueryState>
      </section>
      {deleting ? (
        <ConfirmDialog
          title={t('buildings.deleteTitle', { name: deleting.name })}
          description={t('buildings.deleteText', { name: deleting.name })}
          confirmLabel={t('common.delete')}
          busy={remove.isPending}
          error={remove.error}
          onClose={() => setDeleting(null)}
          onConfirm={() =>
            remove.mutate(
              { orgId, resourceId: deleting.id },
              {
                onSuccess: () => {
                  notify(t('buildings.deleted', { name: deleting.name }))
                  setDeleting(null)
                  // The row is gone with its button: focus goes to a control that stays.
                  focusAfterDialog(newNameRef)
                },
              },
            )
          }
        />
      ) : null}
    </WidgetRoot>
  )
}

function CreateResourceForm({
  orgId,
  type,
  inputRef,
  onCreated,
}: {
  orgId: string
  type: string
  inputRef: React.RefObject<HTMLInputElement | null>
  onCreated: (message: string) => void
}) {
  const { t, productName } = useWidgets()
  const create = useCreateResource()
  const [name, setName] = useState('')
  const fieldError = issuesByField(create.error, t).name
  function submit(event: FormEvent) {
    event.preventDefault()
    create.mutate(
      { orgId, type, name },
      {
        onSuccess: (resource) => {
          setName('')
          onCreated(t('buildings.added', { name: resource.name }))
        },
      },
    )
  }
  return (
    <form className="rw-inline-form" onSubmit={submit}>
      <TextField
        id={`rw-new-${type}`}
        label={t('buildings.new')}
        value={name}
        inputRef={inputRef}
        onChange={(value) => {
          setName(value)
          if (create.error) create.reset()
        }}
        error={fieldError}
      />
      <button type="submit" className="rw-button" disabled={!name.trim() || create.isPending}>
        {t('buildings.add')}
      </button>
      {create.error && !fieldError ? (
        <p className="rw-error" role="alert">
          {describeError(create.error, t, productName)}
        </p>
      ) : null}
    </form>
  )
}
