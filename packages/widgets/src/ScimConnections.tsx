import type { ScimConnectionView, ScimGroupView } from '@roster/core'
import {
  useCreateScimConnection,
  useLicenseSummary,
  useMapScimGroup,
  useRevokeScimTokens,
  useRotateScimToken,
  useScimActivity,
  useScimConnections,
  useScimGroups,
} from '@roster/react'
import { type FormEvent, useState } from 'react'
import { describeError, issuesByField } from './errors.js'
import { describeAction, formatDateTime } from './format.js'
import { useWidgets } from './i18n/provider.js'
import { useAssignableRoles, useDepartmentList } from './org-data.js'
import {
  ConfirmDialog,
  NoticeLine,
  QueryState,
  SelectField,
  TextField,
  useMissingReason,
  useNotice,
  usePermission,
  WidgetRoot,
} from './ui.js'

/** Props of {@link ScimConnections}. */
export interface ScimConnectionsProps {
  orgId: string
  /** The SCIM base URL the IdP is given, e.g. `https://app.example.com/scim/v2`. */
  baseUrl: string
  /** Activity events per page (1..200, default 20); "Older" reads the next page by cursor. */
  activityPageSize?: number
}

type Credential = 'activation-link' | 'sso' | 'none'
type Deprovision = 'disable' | 'remove'

/**
 * The org's SCIM provisioning connections (SC1, SC8, SC10; `connections:manage`): each with its
 * credential policy and tokens (last four, created, last used, revoked). Creates one; rotates or
 * revokes its tokens after a question — a new token is shown once, with a Copy button and the base
 * URL to paste into the IdP. Maps the groups the IdP pushed to a role (every resource), a department
 * or a license product, and lists what the connection's requests changed, newest first. Without
 * the permission it shows the reason instead of the controls.
 *
 * @example
 * ```tsx
 * <ScimConnections orgId={orgId} baseUrl={`${location.origin}/scim/v2`} />
 * ```
 */
export function ScimConnections({ orgId, baseUrl, activityPageSize = 20 }: ScimConnectionsProps) {
  const { t } = useWidgets()
  const mayManage = usePermission(orgId, 'connections:manage')
  const reason = useMissingReason('connections:manage')
  const { notice, notify } = useNotice()
  // The secret of the last create or rotate: shown once, gone when dismissed or on the next act.
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null)
  const [selected, setSelected] = useState<string | null>(null)
  const list = useScimConnections({ orgId }, { enabled: mayManage === true })
  const connections = list.data ?? []
  const current = connections.find((c) => c.connectionId === selected) ?? connections[0]

  return (
    <WidgetRoot className="rw-scim">
      <section aria-labelledby="rw-scim-title" className="rw-section">
        <h2 id="rw-scim-title">{t('scim.title')}</h2>
        <p className="rw-muted">{t('scim.text')}</p>
        {mayManage === false ? <p className="rw-hint">{reason}</p> : null}
        {mayManage ? (
          <>
            <CreateScimConnectionForm
              orgId={orgId}
              onCreated={(name, token) => {
                setSecret({ name, token })
                notify(t('scim.created', { name }))
              }}
            />
            <NoticeLine notice={notice} />
            {secret ? (
              <TokenOnce secret={secret} baseUrl={baseUrl} onDismiss={() => setSecret(null)} />
            ) : null}
            <QueryState query={list} isEmpty={connections.length === 0} empty={t('scim.empty')}>
              <ConnectionsTable
                orgId={orgId}
                connections={connections}
                selectedId={current?.connectionId}
                onSelect={setSelected}
                onToken={(name, token) => {
                  setSecret({ name, token })
                  notify(t('scim.rotated', { name }))
                }}
                onRevoked={(name) => {
                  setSecret(null)
                  notify(t('scim.revoked', { name }))
                }}
              />
            </QueryState>
          </>
        ) : null}
      </section>
      {mayManage && current ? (
        <>
          <ScimGroupsSection orgId={orgId} connection={current} />
          <ScimActivitySection
            key={current.connectionId}
            orgId={orgId}
            connection={current}
            pageSize={activityPageSize}
          />
        </>
      ) : null}
    </WidgetRoot>
  )
}

function CreateScimConnectionForm({
  orgId,
  onCreated,
}: {
  orgId: string
  onCreated: (name: string, token: string) => void
}) {
  const { t, productName } = useWidgets()
  const create = useCreateScimConnection()
  const [name, setName] = useState('')
  const [credential, setCredential] = useState<Credential>('activation-link')
  const [ssoProvider, setSsoProvider] = useState('')
  const [deprovision, setDeprovision] = useState<Deprovision>('disable')
  const fields = issuesByField(create.error, t)
  function submit(event: FormEvent) {
    event.preventDefault()
    create.mutate(
      {
        orgId,
        name,
        credential,
        deprovision,
        ...(credential === 'sso' ? { ssoProvider } : {}),
      },
      {
        onSuccess: (created) => {
          setName('')
          setSsoProvider('')
          onCreated(created.connection.name, created.secret.token)
        },
      },
    )
  }
  const edited = () => {
    if (create.error) create.reset()
  }
  return (
    <form className="rw-inline-form" onSubmit={submit} aria-label={t('scim.new')}>
      <TextField
        id="rw-scim-name"
        label={t('scim.name')}
        value={name}
        onChange={(value) => {
          setName(value)
          edited()
        }}
        error={fields.name}
      />
      <SelectField
        id="rw-scim-credential"
        label={t('scim.credential')}
        value={credential}
        onChange={(value) => {
          setCredential(value as Credential)
          edited()
        }}
        options={(['activation-link', 'sso', 'none'] as const).map((value) => ({
          value,
          label: t(`scim.credential.${value}`),
        }))}
      />
      {credential === 'sso' ? (
        <TextField
          id="rw-scim-sso"
          label={t('scim.ssoProvider')}
          value={ssoProvider}
          onChange={(value) => {
            setSsoProvider(value)
            edited()
          }}
          error={fields.ssoProvider}
        />
      ) : null}
      <SelectField
        id="rw-scim-deprovision"
        label={t('scim.deprovision')}
        value={deprovision}
        onChange={(value) => {
          setDeprovision(value as Deprovision)
          edited()
        }}
        options={(['disable', 'remove'] as const).map((value) => ({
          value,
          label: t(`scim.deprovision.${value}`),
        }))}
      />
      <button
        type="submit"
        className="rw-button"
        disabled={!name.trim() || (credential === 'sso' && !ssoProvider.trim()) || create.isPending}
      >
        {t('scim.create')}
      </button>
      {create.error && !fields.name && !fields.ssoProvider ? (
        <p className="rw-error" role="alert">
          {describeError(create.error, t, productName)}
        </p>
      ) : null}
    </form>
  )
}

/** The token of a create or a rotate, this once: it is stored only as a hash (X1). */
function TokenOnce({
  secret,
  baseUrl,
  onDismiss,
}: {
  secret: { name: string; token: string }
  baseUrl: string
  onDismiss: () => void
}) {
  const { t } = useWidgets()
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null)
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret.token)
      setCopied('ok')
    } catch {
      // No clipboard (an insecure origin, a refused permission): the token stays selectable.
      setCopied('failed')
    }
  }
  return (
    <section className="rw-card rw-scim-secret" aria-label={t('scim.tokenTitle', { name: secret.name })}>
      <h3>{t('scim.tokenTitle', { name: secret.name })}</h3>
      <p className="rw-hint">{t('scim.tokenOnce')}</p>
      <dl className="rw-scim-facts">
        <dt>{t('scim.baseUrl')}</dt>
        <dd>
          <code>{baseUrl}</code>
        </dd>
        <dt>{t('scim.token')}</dt>
        <dd>
          <code data-testid="rw-scim-token">{secret.token}</code>
        </dd>
      </dl>
      <div className="rw-actions">
        <button type="button" className="rw-button rw-small" onClick={() => void copy()}>
          {t('scim.copy')}
        </button>
        <button type="button" className="rw-button rw-small rw-ghost" onClick={onDismiss}>
          {t('scim.done')}
        </button>
        <output>{copied ? t(copied === 'ok' ? 'scim.copied' : 'scim.copyFailed') : null}</output>
      </div>
    </section>
  )
}

function ConnectionsTable({
  orgId,
  connections,
  selectedId,
  onSelect,
  onToken,
  onRevoked,
}: {
  orgId: string
  connections: ScimConnectionView[]
  selectedId: string | undefined
  onSelect: (connectionId: string) => void
  onToken: (name: string, token: string) => void
  onRevoked: (name: string) => void
}) {
  const { t, locale } = useWidgets()
  const [asking, setAsking] = useState<{ act: 'rotate' | 'revoke'; connection: ScimConnectionView } | null>(
    null,
  )
  const when = (iso: string | null) => (iso ? formatDateTime(iso, locale) : t('scim.never'))
  return (
    <div className="rw-table-wrap">
      <table className="rw-table">
        <caption className="rw-visually-hidden">{t('scim.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('scim.name')}</th>
            <th scope="col">{t('scim.credential')}</th>
            <th scope="col">{t('scim.tokens')}</th>
            <th scope="col">
              <span className="rw-visually-hidden">{t('staff.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {connections.map((c) => (
            <tr key={c.connectionId} aria-current={c.connectionId === selectedId ? 'true' : undefined}>
              <th scope="row">{c.name}</th>
              <td>
                {t(`scim.credential.${c.credential}`)}
                {c.ssoProvider ? ` (${c.ssoProvider})` : ''}
                <br />
                <span className="rw-muted">{t(`scim.deprovision.${c.deprovision}`)}</span>
              </td>
              <td>
                {c.tokens.length === 0 ? (
                  t('scim.noTokens')
                ) : (
                  <ul className="rw-scim-tokens">
                    {c.tokens.map((token) => (
                      <li key={token.id}>
                        {t('scim.tokenLine', {
                          hint: token.hint,
                          created: formatDateTime(token.createdAt, locale),
                          used: when(token.lastUsedAt),
                        })}
                        {token.revokedAt ? (
                          <span className="rw-badge">
                            {' '}
                            {t('scim.revokedAt', { at: formatDateTime(token.revokedAt, locale) })}
                          </span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                <div className="rw-row-actions">
                  <button
                    type="button"
                    className="rw-button rw-small rw-ghost"
                    aria-label={t('scim.showLabel', { name: c.name })}
                    aria-pressed={c.connectionId === selectedId}
                    onClick={() => onSelect(c.connectionId)}
                  >
                    {t('scim.show')}
                  </button>
                  <button
                    type="button"
                    className="rw-button rw-small"
                    aria-label={t('scim.rotateLabel', { name: c.name })}
                    onClick={() => setAsking({ act: 'rotate', connection: c })}
                  >
                    {t('scim.rotate')}
                  </button>
                  <button
                    type="button"
                    className="rw-button rw-small rw-danger"
                    aria-label={t('scim.revokeLabel', { name: c.name })}
                    disabled={c.tokens.every((token) => token.revokedAt !== null)}
                    onClick={() => setAsking({ act: 'revoke', connection: c })}
                  >
                    {t('scim.revoke')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {asking?.act === 'rotate' ? (
        <RotateDialog
          orgId={orgId}
          connection={asking.connection}
          onClose={(token) => {
            setAsking(null)
            if (token) onToken(asking.connection.name, token)
          }}
        />
      ) : null}
      {asking?.act === 'revoke' ? (
        <RevokeDialog
          orgId={orgId}
          connection={asking.connection}
          onClose={(done) => {
            setAsking(null)
            if (done) onRevoked(asking.connection.name)
          }}
        />
      ) : null}
    </div>
  )
}

function RotateDialog({
  orgId,
  connection,
  onClose,
}: {
  orgId: string
  connection: ScimConnectionView
  onClose: (token?: string) => void
}) {
  const { t } = useWidgets()
  const rotate = useRotateScimToken()
  return (
    <ConfirmDialog
      title={t('scim.rotateTitle', { name: connection.name })}
      description={t('scim.rotateText')}
      confirmLabel={t('scim.rotate')}
      busy={rotate.isPending}
      error={rotate.error}
      onClose={() => onClose()}
      onConfirm={() =>
        rotate.mutate(
          { orgId, connectionId: connection.connectionId },
          { onSuccess: (secret) => onClose(secret.token) },
        )
      }
    />
  )
}

function RevokeDialog({
  orgId,
  connection,
  onClose,
}: {
  orgId: string
  connection: ScimConnectionView
  onClose: (done?: boolean) => void
}) {
  const { t } = useWidgets()
  const revoke = useRevokeScimTokens()
  return (
    <ConfirmDialog
      title={t('scim.revokeTitle', { name: connection.name })}
      description={t('scim.revokeText')}
      confirmLabel={t('scim.revoke')}
      busy={revoke.isPending}
      error={revoke.error}
      onClose={() => onClose()}
      onConfirm={() =>
        revoke.mutate({ orgId, connectionId: connection.connectionId }, { onSuccess: () => onClose(true) })
      }
    />
  )
}

/** A mapping as a select value: `role:<id>`, `department:<id>`, `license:<product>`, or '' (none). */
function mappingValue(group: ScimGroupView): string {
  const m = group.mapping
  if (!m) return ''
  if (m.kind === 'role') return `role:${m.roleId}`
  if (m.kind === 'department') return `department:${m.departmentId}`
  return `license:${m.product}`
}

function ScimGroupsSection({ orgId, connection }: { orgId: string; connection: ScimConnectionView }) {
  const { t } = useWidgets()
  const groups = useScimGroups({ orgId, connectionId: connection.connectionId })
  const items = groups.data?.items ?? []
  const { notice, notify } = useNotice()
  return (
    <section aria-labelledby="rw-scim-groups-title" className="rw-section">
      <h3 id="rw-scim-groups-title">{t('scim.groups', { name: connection.name })}</h3>
      <NoticeLine notice={notice} />
      <QueryState query={groups} isEmpty={items.length === 0} empty={t('scim.groupsEmpty')}>
        <div className="rw-table-wrap">
          <table className="rw-table">
            <caption className="rw-visually-hidden">{t('scim.groups', { name: connection.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('scim.group')}</th>
                <th scope="col">{t('scim.groupMembers')}</th>
                <th scope="col">{t('scim.mapping')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((group) => (
                <tr key={group.id}>
                  <th scope="row">{group.displayName}</th>
                  <td>{group.memberCount}</td>
                  <td>
                    <MapGroupForm orgId={orgId} connection={connection} group={group} onMapped={notify} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </QueryState>
    </section>
  )
}

function MapGroupForm({
  orgId,
  connection,
  group,
  onMapped,
}: {
  orgId: string
  connection: ScimConnectionView
  group: ScimGroupView
  onMapped: (message: string) => void
}) {
  const { t, productName } = useWidgets()
  // Not `owner`: the founder's role is held org-wide by people, never handed out by a group.
  const { roles } = useAssignableRoles(orgId)
  const { departments } = useDepartmentList(orgId)
  const licenses = useLicenseSummary({ orgId })
  const map = useMapScimGroup()
  const [value, setValue] = useState(mappingValue(group))
  const options = [
    { value: '', label: t('scim.unmapped') },
    ...roles.map((role) => ({
      value: `role:${role.id}`,
      label: t('scim.mapRole', { name: role.name }),
    })),
    ...departments.map((d) => ({
      value: `department:${d.id}`,
      label: t('scim.mapDepartment', { name: d.name }),
    })),
    ...(licenses.data?.products ?? []).map((pool) => ({
      value: `license:${pool.product}`,
      label: t('scim.mapLicense', { name: productName(pool.product) }),
    })),
  ]
  function submit(event: FormEvent) {
    event.preventDefault()
    const [kind, ...rest] = value.split(':')
    const id = rest.join(':')
    const mapping =
      kind === 'role'
        ? { kind: 'role' as const, roleId: id, resourceIds: 'every' as const }
        : kind === 'department'
          ? { kind: 'department' as const, departmentId: id }
          : kind === 'license'
            ? { kind: 'license' as const, product: id }
            : null
    map.mutate(
      { orgId, connectionId: connection.connectionId, groupId: group.id, mapping },
      {
        onSuccess: (mapped) =>
          onMapped(
            mapped.mapping
              ? t('scim.mapped', {
                  name: mapped.displayName,
                  to: options.find((o) => o.value === value)?.label ?? value,
                })
              : t('scim.unmappedDone', { name: mapped.displayName }),
          ),
      },
    )
  }
  return (
    <form className="rw-inline-form" onSubmit={submit}>
      <SelectField
        id={`rw-scim-map-${group.id}`}
        label={t('scim.mapLabel', { name: group.displayName })}
        value={value}
        onChange={(next) => {
          setValue(next)
          if (map.error) map.reset()
        }}
        options={options}
      />
      <button
        type="submit"
        className="rw-button rw-small"
        aria-label={t('scim.applyLabel', { name: group.displayName })}
        disabled={map.isPending || value === mappingValue(group)}
      >
        {t('scim.apply')}
      </button>
      {map.error ? (
        <p className="rw-error" role="alert">
          {describeError(map.error, t, productName)}
        </p>
      ) : null}
    </form>
  )
}

function ScimActivitySection({
  orgId,
  connection,
  pageSize,
}: {
  orgId: string
  connection: ScimConnectionView
  pageSize: number
}) {
  const { t, locale } = useWidgets()
  // The cursors of the pages seen: "Older" pushes the page's next cursor, "Newer" pops it.
  const [cursors, setCursors] = useState<string[]>([])
  const cursor = cursors.at(-1)
  const activity = useScimActivity({
    orgId,
    connectionId: connection.connectionId,
    limit: pageSize,
    ...(cursor ? { cursor } : {}),
  })
  const events = activity.data?.items ?? []
  const next = activity.data?.nextCursor ?? null
  return (
    <section aria-labelledby="rw-scim-activity-title" className="rw-section">
      <h3 id="rw-scim-activity-title">{t('scim.activity', { name: connection.name })}</h3>
      <QueryState query={activity} isEmpty={events.length === 0} empty={t('scim.activityEmpty')}>
        <div className="rw-table-wrap">
          <table className="rw-table">
            <caption className="rw-visually-hidden">{t('scim.activity', { name: connection.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.target')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <td>{formatDateTime(event.at, locale)}</td>
                  <td>{describeAction(event.action)}</td>
                  <td>
                    {event.targetType} <code>{event.targetId}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </QueryState>
      <div className="rw-actions">
        {cursors.length > 0 ? (
          <button
            type="button"
            className="rw-button rw-small rw-ghost"
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            {t('scim.newer')}
          </button>
        ) : null}
        {next ? (
          <button
            type="button"
            className="rw-button rw-small"
            disabled={activity.isFetching}
            onClick={() => setCursors((c) => [...c, next])}
          >
            {t('scim.older')}
          </button>
        ) : null}
      </div>
    </section>
  )
}
