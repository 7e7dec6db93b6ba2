import { useJoinRequests } from '@roster/react'
import {
  DepartmentsManager,
  JoinRequestsAdmin,
  LicensesAndNumbers,
  ResourcesManager,
  RolesEditor,
  ScimConnections,
  StaffDirectory,
} from '@roster/widgets'
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react'
import { ConnectionsTab, MailAndActivityTab } from './MoreTabs.js'

type Notice = { message: string; tone: 'ok' | 'error'; at: number }

const TABS = [
  { id: 'people', label: 'People' },
  { id: 'requests', label: 'Join requests' },
  { id: 'departments', label: 'Departments' },
  { id: 'buildings', label: 'Buildings & roles' },
  { id: 'licenses', label: 'Licenses & numbers' },
  { id: 'sync', label: 'Directory sync' },
  { id: 'scim', label: 'Provisioning (SCIM)' },
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
        {tab === 'people' ? <PeopleTab orgId={orgId} orgName={orgName} /> : null}
        {tab === 'requests' ? <JoinRequestsAdmin orgId={orgId} /> : null}
        {tab === 'departments' ? <DepartmentsManager orgId={orgId} /> : null}
        {tab === 'buildings' ? (
          <div className="two-columns">
            <ResourcesManager orgId={orgId} />
            <RolesEditor orgId={orgId} />
          </div>
        ) : null}
        {tab === 'licenses' ? <LicensesAndNumbers orgId={orgId} /> : null}
        {tab === 'sync' ? <ConnectionsTab orgId={orgId} notify={notify} /> : null}
        {/* The demo server mounts @roster/scim at /scim/v2 of its own origin: the URL the IdP is given. */}
        {tab === 'scim' ? <ScimConnections orgId={orgId} baseUrl={`${location.origin}/scim/v2`} /> : null}
        {tab === 'activity' ? <MailAndActivityTab orgId={orgId} notify={notify} /> : null}
      </div>
    </section>
  )
}

function PeopleTab({ orgId, orgName }: { orgId: string; orgName: string }) {
  // The people list is @roster/widgets' StaffDirectory: search, filters, sorting, the member panel,
  // add and import — shown to those allowed, the reason to the others.
  return <StaffDirectory orgId={orgId} orgName={orgName} />
}
