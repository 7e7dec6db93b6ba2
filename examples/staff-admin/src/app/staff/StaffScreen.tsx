import type { MemberView } from '@roster/core'
import { type MembersFilter, useJoinRequests, useMembers, useRoles } from '@roster/react'
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react'
import { describeError } from './errors.js'
import { MemberActions } from './MemberActions.js'
import { ImportDialog } from './ImportDialog.js'
import { MemberForm } from './MemberForm.js'
import { MemberPanel } from './MemberPanel.js'
import { SelectField } from './SelectField.js'
import { Badges } from './StatusBadge.js'
import { useBuildings, useDepartmentList } from './org-data.js'
import { ConnectionsTab, MailAndActivityTab } from './MoreTabs.js'
import { BuildingsTab, DepartmentsTab, JoinRequestsTab, LicensesTab } from './OrgTabs.js'

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return debounced
}

type Notice = { message: string; tone: 'ok' | 'error'; at: number }

const TABS = [
  { id: 'people', label: 'People' },
  { id: 'requests', label: 'Join requests' },
  { id: 'departments', label: 'Departments' },
  { id: 'buildings', label: 'Buildings & roles' },
  { id: 'licenses', label: 'Licenses & numbers' },
  { id: 'sync', label: 'Directory sync' },
  { id: 'activity', label: 'Mail & activity' },
] as const
type TabId = (typeof TABS)[number]['id']

/**
 * The staff-management screen: a searchable, filterable people list with status badges and only
 * the actions each person allows, add/edit dialogs and a details panel with roles per building,
 * seats and numbers; join requests, departments, buildings and roles, licenses and the number
 * pool. Every read and write goes through `@roster/react` hooks; drop it into any app under a
 * `RosterProvider`.
 */
export function StaffScreen({ orgId, orgName }: { orgId: string; orgName: string }) {
  const [tab, setTab] = useState<TabId>('people')
  const [notice, setNotice] = useState<Notice | null>(null)
  const [adding, setAdding] = useState(false)
  const notify = useCallback((message: string, tone: 'ok' | 'error' = 'ok') => {
    setNotice({ message, tone, at: Date.now() })
  }, [])
  useEffect(() => {
    if (!notice) return
    const timer = setTimeout(() => setNotice((n) => (n === notice ? null : n)), 8000)
    return () => clearTimeout(timer)
  }, [notice])
  const pending = useJoinRequests({ orgId, status: 'pending' })
  const pendingCount = pending.data?.pages.reduce((n, p) => n + p.items.length, 0) ?? 0
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({})

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (!delta) return
    event.preventDefault()
    const next = TABS[(index + delta + TABS.length) % TABS.length]!
    setTab(next.id)
    tabRefs.current[next.id]?.focus()
  }

  return (
    <section aria-labelledby="staff-title">
      <div className="page-head">
        <div>
          <p className="eyebrow">{orgName}</p>
          <h1 id="staff-title">Staff</h1>
        </div>
        <button
          type="button"
          className="button primary"
          onClick={() => {
            setTab('people')
            setAdding(true)
          }}
        >
          Add staff
        </button>
      </div>

      <output className="notice-area">
        {notice ? (
          <p key={notice.at} className={`notice ${notice.tone}`}>
            {notice.message}
          </p>
        ) : null}
      </output>

      <div role="tablist" aria-label="Staff administration" className="tabs">
        {TABS.map((t, index) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[t.id] = el
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="tab"
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => onTabKey(e, index)}
          >
            {t.label}
            {t.id === 'requests' && pendingCount > 0 ? (
              <span className="count">
                {pendingCount}
                <span className="visually-hidden"> pending</span>
              </span>
            ) : null}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
        {tab === 'people' ? (
          <PeopleTab orgId={orgId} orgName={orgName} notify={notify} adding={adding} setAdding={setAdding} />
        ) : null}
        {tab === 'requests' ? <JoinRequestsTab orgId={orgId} notify={notify} /> : null}
        {tab === 'departments' ? <DepartmentsTab orgId={orgId} notify={notify} /> : null}
        {tab === 'buildings' ? <BuildingsTab orgId={orgId} notify={notify} /> : null}
        {tab === 'licenses' ? <LicensesTab orgId={orgId} notify={notify} /> : null}
        {tab === 'sync' ? <ConnectionsTab orgId={orgId} notify={notify} /> : null}
        {tab === 'activity' ? <MailAndActivityTab orgId={orgId} notify={notify} /> : null}
      </div>
    </section>
  )
}

function PeopleTab({
  orgId,
  orgName,
  notify,
  adding,
  setAdding,
}: {
  orgId: string
  orgName: string
  notify: (message: string, tone?: 'ok' | 'error') => void
  adding: boolean
  setAdding: (adding: boolean) => void
}) {
  const [search, setSearch] = useState('')
  const [status, setStatus] = useState<MembersFilter['status'] | ''>('')
  const [type, setType] = useState<MembersFilter['type'] | ''>('')
  const [departmentId, setDepartmentId] = useState('')
  const [roleId, setRoleId] = useState('')
  const [resourceId, setResourceId] = useState('')
  const [licensed, setLicensed] = useState<'' | 'yes' | 'no'>('')
  const { buildings } = useBuildings(orgId)
  const [editing, setEditing] = useState<MemberView | null>(null)
  const [importing, setImporting] = useState(false)
  const [openId, setOpenId] = useState<string | null>(null)
  const debouncedSearch = useDebounced(search.trim(), 250)
  const { departments } = useDepartmentList(orgId)
  const roles = useRoles({ orgId })

  const members = useMembers({
    orgId,
    ...(debouncedSearch ? { search: debouncedSearch } : {}),
    ...(status ? { status } : {}),
    ...(type ? { type } : {}),
    ...(departmentId ? { departmentId } : {}),
    ...(roleId ? { roleId } : {}),
    ...(resourceId ? { resourceId } : {}),
    ...(licensed ? { licensed: licensed === 'yes' } : {}),
  })
  const rows = members.data?.pages.flatMap((page) => page.items) ?? []

  return (
    <>
      <search className="toolbar" aria-label="Filter staff">
        <div className="field grow">
          <label htmlFor="staff-search">Search</label>
          <input
            id="staff-search"
            type="search"
            placeholder="Name, email or username"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <SelectField
          id="staff-status"
          label="Status"
          value={status ?? ''}
          onChange={(value) => setStatus(value as MembersFilter['status'] | '')}
          options={[
            { value: '', label: 'All' },
            { value: 'active', label: 'Active' },
            { value: 'invited', label: 'Invited' },
            { value: 'disabled', label: 'Disabled' },
          ]}
        />
        <SelectField
          id="staff-department"
          label="Department"
          value={departmentId}
          onChange={setDepartmentId}
          options={[{ value: '', label: 'All' }, ...departments.map((d) => ({ value: d.id, label: d.name }))]}
        />
        <SelectField
          id="staff-role"
          label="Role"
          value={roleId}
          onChange={setRoleId}
          options={[
            { value: '', label: 'Any' },
            ...(roles.data ?? []).map((r) => ({ value: r.id, label: r.name })),
          ]}
        />
        <SelectField
          id="staff-building"
          label="Building"
          value={resourceId}
          onChange={setResourceId}
          options={[{ value: '', label: 'Any' }, ...buildings.map((b) => ({ value: b.id, label: b.name }))]}
        />
        <SelectField
          id="staff-licensed"
          label="Licenses"
          value={licensed}
          onChange={(value) => setLicensed(value as '' | 'yes' | 'no')}
          options={[
            { value: '', label: 'Any' },
            { value: 'no', label: 'Missing a required seat' },
            { value: 'yes', label: 'Complete' },
          ]}
        />
        <SelectField
          id="staff-type"
          label="Type"
          value={type ?? ''}
          onChange={(value) => setType(value as MembersFilter['type'] | '')}
          options={[
            { value: '', label: 'Everyone' },
            { value: 'employee', label: 'Employees' },
            { value: 'guest', label: 'Guests' },
          ]}
        />
      </search>

      {members.error ? (
        <p className="error" role="alert">
          {describeError(members.error)}
        </p>
      ) : null}

      <div className="list-head">
        <p className="muted small">
          {members.isSuccess ? `${rows.length}${members.hasNextPage ? '+' : ''} shown` : ''}
        </p>
        <button type="button" className="button small" onClick={() => setImporting(true)}>
          Import from CSV
        </button>
      </div>
      <div className="table-wrap" aria-busy={members.isFetching}>
        <table className="staff-table">
          <caption className="visually-hidden">Staff of {orgName}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Roles</th>
              <th scope="col">Seats</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((member) => (
              <tr key={member.accountId} data-testid={`member-${member.email}`}>
                <td>
                  <button type="button" className="link-button" onClick={() => setOpenId(member.accountId)}>
                    {member.firstName} {member.lastName}
                  </button>
                  <span className="muted small block">{member.email}</span>
                </td>
                <td>
                  {member.title ?? <span className="muted">—</span>}
                  {member.department ? (
                    <span className="muted small block">{member.department.name}</span>
                  ) : null}
                </td>
                <td>
                  <Badges member={member} />
                </td>
                <td>
                  {member.grants.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <ul className="chips">
                      {member.grants.map((g) => (
                        <li key={`${g.roleId}-${g.scopeName}`} className="chip">
                          {g.roleName}
                          {typeof g.scope === 'object' ? ` · ${g.scopeName}` : ''}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {member.licenses.length + member.numbers.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <ul className="chips">
                      {member.licenses.map((l) => (
                        <li key={l} className="chip">
                          {l}
                        </li>
                      ))}
                      {member.numbers.map((n) => (
                        <li key={n} className="chip mono">
                          {n}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <MemberActions
                    compact
                    orgId={orgId}
                    member={member}
                    onEdit={() => setEditing(member)}
                    notify={notify}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {members.isSuccess && rows.length === 0 ? (
          <p className="empty">No one matches these filters.</p>
        ) : null}
        {members.isPending ? <p className="empty muted">Loading staff…</p> : null}
      </div>
      {members.hasNextPage ? (
        <button
          type="button"
          className="button"
          disabled={members.isFetchingNextPage}
          onClick={() => void members.fetchNextPage()}
        >
          {members.isFetchingNextPage ? 'Loading…' : 'Show more'}
        </button>
      ) : null}

      {importing ? <ImportDialog orgId={orgId} onClose={() => setImporting(false)} notify={notify} /> : null}
      {adding ? <MemberForm orgId={orgId} onClose={() => setAdding(false)} onSaved={notify} /> : null}
      {editing ? (
        <MemberForm orgId={orgId} member={editing} onClose={() => setEditing(null)} onSaved={notify} />
      ) : null}
      {openId ? (
        <MemberPanel orgId={orgId} accountId={openId} onClose={() => setOpenId(null)} notify={notify} />
      ) : null}
    </>
  )
}
