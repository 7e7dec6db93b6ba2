import type { MemberView } from '@roster/core'
import { type MembersFilter, useMembers } from '@roster/react'
import { useCallback, useEffect, useRef, useState } from 'react'
import { describeError } from './errors.js'
import { MemberActions } from './MemberActions.js'
import { MemberForm } from './MemberForm.js'
import { MemberPanel } from './MemberPanel.js'
import { Badges } from './StatusBadge.js'

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return debounced
}

type Notice = { message: string; tone: 'ok' | 'error'; at: number }

/**
 * The staff-management screen: a searchable, filterable people list with status badges and only
 * the actions each person allows, add/edit dialogs and a details panel. Every read and write goes
 * through `@roster/react` hooks; drop it into any app under a `RosterProvider`.
 */
export function StaffScreen({ orgId, orgName }: { orgId: string; orgName: string }) {
  const [search, setSearch] = useState('')
  const [status, setStatus] = useState<MembersFilter['status'] | ''>('')
  const [type, setType] = useState<MembersFilter['type'] | ''>('')
  const [adding, setAdding] = useState(false)
  const [editing, setEditing] = useState<MemberView | null>(null)
  const [openId, setOpenId] = useState<string | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)
  const debouncedSearch = useDebounced(search.trim(), 250)

  const members = useMembers({
    orgId,
    ...(debouncedSearch ? { search: debouncedSearch } : {}),
    ...(status ? { status } : {}),
    ...(type ? { type } : {}),
  })
  const rows = members.data?.pages.flatMap((page) => page.items) ?? []
  const notify = useCallback((message: string, tone: 'ok' | 'error' = 'ok') => {
    setNotice({ message, tone, at: Date.now() })
  }, [])

  const noticeRef = useRef<HTMLOutputElement>(null)
  useEffect(() => {
    if (!notice) return
    const timer = setTimeout(() => setNotice((n) => (n === notice ? null : n)), 8000)
    return () => clearTimeout(timer)
  }, [notice])

  return (
    <section aria-labelledby="staff-title">
      <div className="page-head">
        <div>
          <p className="eyebrow">{orgName}</p>
          <h1 id="staff-title">Staff</h1>
        </div>
        <button type="button" className="button primary" onClick={() => setAdding(true)}>
          Add staff
        </button>
      </div>

      <output ref={noticeRef} className="notice-area">
        {notice ? (
          <p key={notice.at} className={`notice ${notice.tone}`}>
            {notice.message}
          </p>
        ) : null}
      </output>

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
        <div className="field">
          <label htmlFor="staff-status">Status</label>
          <select
            id="staff-status"
            value={status}
            onChange={(e) => setStatus(e.target.value as MembersFilter['status'] | '')}
          >
            <option value="">All</option>
            <option value="active">Active</option>
            <option value="invited">Invited</option>
            <option value="disabled">Disabled</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="staff-type">Type</label>
          <select
            id="staff-type"
            value={type}
            onChange={(e) => setType(e.target.value as MembersFilter['type'] | '')}
          >
            <option value="">Everyone</option>
            <option value="employee">Employees</option>
            <option value="guest">Guests</option>
          </select>
        </div>
      </search>

      {members.error ? (
        <p className="error" role="alert">
          {describeError(members.error)}
        </p>
      ) : null}

      <div className="table-wrap" aria-busy={members.isFetching}>
        <table className="staff-table">
          <caption className="visually-hidden">Staff of {orgName}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Roles</th>
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
                <td>{member.title ?? <span className="muted">—</span>}</td>
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
                  <MemberActions
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

      {adding ? <MemberForm orgId={orgId} onClose={() => setAdding(false)} onSaved={notify} /> : null}
      {editing ? (
        <MemberForm orgId={orgId} member={editing} onClose={() => setEditing(null)} onSaved={notify} />
      ) : null}
      {openId ? (
        <MemberPanel orgId={orgId} accountId={openId} onClose={() => setOpenId(null)} notify={notify} />
      ) : null}
    </section>
  )
}
