import type { MemberView } from '@roster/core'
import { type MembersFilter, useMembers, useRoles } from '@roster/react'
import { useEffect, useMemo, useRef, useState } from 'react'
import { formatPhone } from './format.js'
import { useWidgets } from './i18n/provider.js'
import { ImportMembersDialog } from './ImportMembersDialog.js'
import { MemberActions } from './MemberActions.js'
import { MemberFormDialog } from './MemberForm.js'
import { MemberPanel } from './MemberPanel.js'
import { MemberBadges, fullName, memberStatus } from './member-status.js'
import { useBuildings, useDepartmentList } from './org-data.js'
import {
  NoticeLine,
  QueryState,
  SelectField,
  useMissingReason,
  useNotice,
  usePermission,
  WidgetRoot,
} from './ui.js'

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return debounced
}

type SortKey = 'name' | 'title' | 'status'
const sorters: Record<SortKey, (m: MemberView) => string> = {
  name: (m) => `${m.lastName} ${m.firstName}`.toLowerCase(),
  title: (m) => (m.title ?? '\uffff').toLowerCase(),
  status: (m) => memberStatus(m).key,
}

/** Props of {@link StaffDirectory}. */
export interface StaffDirectoryProps {
  orgId: string
  /** The org's name, for the table's caption. */
  orgName?: string
  /** Show the "Add staff" and "Import" buttons (to those allowed). Default true. */
  showAdd?: boolean
  /** Show the filters beside the search. Default true. */
  showFilters?: boolean
  numberProduct?: string
  /** Open the add dialog from outside (e.g. a host's own button). */
  adding?: boolean
  onAddingChange?: (adding: boolean) => void
}

/**
 * The staff directory: search, filters, sortable columns, status badges, only the actions each
 * person allows, and a details panel. "Add staff" and "Import" show only to people holding
 * `members:create`. On a phone the table becomes one card per person.
 *
 * @example
 * ```tsx
 * <RosterProvider client={client}>
 *   <StaffDirectory orgId={orgId} orgName="Acme" />
 * </RosterProvider>
 * ```
 */
export function StaffDirectory({
  orgId,
  orgName = '',
  showAdd = true,
  showFilters = true,
  numberProduct,
  adding: addingProp,
  onAddingChange,
}: StaffDirectoryProps) {
  const { t, productName } = useWidgets()
  const [search, setSearch] = useState('')
  const [status, setStatus] = useState<MembersFilter['status'] | ''>('')
  const [type, setType] = useState<MembersFilter['type'] | ''>('')
  const [departmentId, setDepartmentId] = useState('')
  const [roleId, setRoleId] = useState('')
  const [resourceId, setResourceId] = useState('')
  const [licensed, setLicensed] = useState<'' | 'yes' | 'no'>('')
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'name', dir: 1 })
  const [addingState, setAddingState] = useState(false)
  const adding = addingProp ?? addingState
  const setAdding = (value: boolean) => {
    setAddingState(value)
    onAddingChange?.(value)
  }
  const [editing, setEditing] = useState<MemberView | null>(null)
  const [importing, setImporting] = useState(false)
  const [openId, setOpenId] = useState<string | null>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const { notice, notify, fail } = useNotice()
  const debouncedSearch = useDebounced(search.trim(), 250)
  const { departments } = useDepartmentList(orgId)
  const { buildings } = useBuildings(orgId)
  const roles = useRoles({ orgId })
  const mayCreate = usePermission(orgId, 'members:create')
  const createReason = useMissingReason('members:create')

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
  const loaded = members.data?.pages.flatMap((page) => page.items) ?? []
  const rows = useMemo(() => {
    const key = sorters[sort.key]
    return [...loaded].sort((a, b) => key(a).localeCompare(key(b)) * sort.dir)
  }, [loaded, sort])
  const filtered = Boolean(
    debouncedSearch || status || type || departmentId || roleId || resourceId || licensed,
  )

  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        className="rw-sort"
        onClick={() => setSort((s) => ({ key, dir: s.key === key ? (-s.dir as 1 | -1) : 1 }))}
      >
        {label}
        <span aria-hidden="true">{sort.key === key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  )

  return (
    <WidgetRoot className="rw-directory">
      {showAdd && mayCreate ? (
        <div className="rw-toolbar-actions">
          <button type="button" className="rw-button rw-primary" onClick={() => setAdding(true)}>
            {t('staff.add')}
          </button>
          <button type="button" className="rw-button" onClick={() => setImporting(true)}>
            {t('staff.import')}
          </button>
        </div>
      ) : null}
      {showAdd && mayCreate === false ? <p className="rw-hint">{createReason}</p> : null}
      <search className="rw-toolbar" aria-label={t('staff.filters')}>
        <div className="rw-field rw-grow">
          <label htmlFor="rw-staff-search">{t('staff.search')}</label>
          <input
            ref={searchRef}
            id="rw-staff-search"
            type="search"
            placeholder={t('staff.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        {showFilters ? (
          <>
            <SelectField
              id="rw-staff-status"
              label={t('staff.status')}
              value={status ?? ''}
              onChange={(value) => setStatus(value as MembersFilter['status'] | '')}
              options={[
                { value: '', label: t('staff.status.all') },
                { value: 'active', label: t('staff.status.active') },
                { value: 'invited', label: t('staff.status.invited') },
                { value: 'disabled', label: t('staff.status.disabled') },
              ]}
            />
            <SelectField
              id="rw-staff-department"
              label={t('staff.department')}
              value={departmentId}
              onChange={setDepartmentId}
              options={[
                { value: '', label: t('staff.any') },
                ...departments.map((d) => ({ value: d.id, label: d.name })),
              ]}
            />
            <SelectField
              id="rw-staff-role"
              label={t('staff.role')}
              value={roleId}
              onChange={setRoleId}
              options={[
                { value: '', label: t('staff.any') },
                ...(roles.data ?? []).map((r) => ({ value: r.id, label: r.name })),
              ]}
            />
            <SelectField
              id="rw-staff-building"
              label={t('staff.building')}
              value={resourceId}
              onChange={setResourceId}
              options={[
                { value: '', label: t('staff.any') },
                ...buildings.map((b) => ({ value: b.id, label: b.name })),
              ]}
            />
            <SelectField
              id="rw-staff-licensed"
              label={t('staff.licenses')}
              value={licensed}
              onChange={(value) => setLicensed(value as '' | 'yes' | 'no')}
              options={[
                { value: '', label: t('staff.any') },
                { value: 'no', label: t('staff.missingSeat') },
                { value: 'yes', label: t('staff.complete') },
              ]}
            />
            <SelectField
              id="rw-staff-type"
              label={t('staff.type')}
              value={type ?? ''}
              onChange={(value) => setType(value as MembersFilter['type'] | '')}
              options={[
                { value: '', label: t('staff.everyone') },
                { value: 'employee', label: t('staff.employees') },
                { value: 'guest', label: t('staff.guests') },
              ]}
            />
          </>
        ) : null}
      </search>
      <NoticeLine notice={notice} />
      <QueryState
        query={members}
        loading={t('staff.loading')}
        isEmpty={rows.length === 0}
        empty={filtered ? t('staff.empty') : t('staff.emptyOrg')}
      >
        <p className="rw-muted rw-small" aria-live="polite">
          {members.hasNextPage
            ? t('staff.shownSome', { shown: rows.length })
            : t('staff.shown', { shown: rows.length, total: rows.length })}
        </p>
        <div className="rw-table-wrap" aria-busy={members.isFetching}>
          <table className="rw-table rw-staff-table">
            <caption className="rw-visually-hidden">{t('staff.caption', { org: orgName })}</caption>
            <thead>
              <tr>
                {header('name', t('staff.col.name'))}
                {header('title', t('staff.col.title'))}
                {header('status', t('staff.col.status'))}
                <th scope="col">{t('staff.col.roles')}</th>
                <th scope="col">{t('staff.col.seats')}</th>
                <th scope="col">
                  <span className="rw-visually-hidden">{t('staff.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((member) => (
                <tr key={member.accountId} data-testid={`member-${member.email}`}>
                  <td data-label={t('staff.col.name')}>
                    <button
                      type="button"
                      className="rw-link-button"
                      onClick={() => setOpenId(member.accountId)}
                    >
                      {fullName(member)}
                    </button>
                    <span className="rw-muted rw-small rw-block">{member.email}</span>
                  </td>
                  <td data-label={t('staff.col.title')}>
                    {member.title ?? <span className="rw-muted">{t('common.none')}</span>}
                    {member.department ? (
                      <span className="rw-muted rw-small rw-block">{member.department.name}</span>
                    ) : null}
                  </td>
                  <td data-label={t('staff.col.status')}>
                    <MemberBadges member={member} />
                  </td>
                  <td data-label={t('staff.col.roles')}>
                    {member.grants.length === 0 ? (
                      <span className="rw-muted">{t('common.none')}</span>
                    ) : (
                      <ul className="rw-chips">
                        {member.grants.map((g) => (
                          <li key={`${g.roleId}-${g.scopeName}`} className="rw-chip">
                            {g.roleName}
                            {typeof g.scope === 'object'
                              ? ` · ${'all' in g.scope ? t('roles.everyBuilding') : g.scopeName}`
                              : ''}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td data-label={t('staff.col.seats')}>
                    {member.licenses.length + member.numbers.length === 0 ? (
                      <span className="rw-muted">{t('common.none')}</span>
                    ) : (
                      <ul className="rw-chips">
                        {member.licenses.map((l) => (
                          <li key={l} className="rw-chip">
                            {productName(l)}
                          </li>
                        ))}
                        {member.numbers.map((n) => (
                          <li key={n} className="rw-chip rw-mono">
                            {formatPhone(n)}
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
                      fail={fail}
                      onRemoved={() => searchRef.current?.focus()}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {members.hasNextPage ? (
          <button
            type="button"
            className="rw-button"
            disabled={members.isFetchingNextPage}
            onClick={() => void members.fetchNextPage()}
          >
            {members.isFetchingNextPage ? t('common.loading') : t('common.showMore')}
          </button>
        ) : null}
      </QueryState>

      {importing ? (
        <ImportMembersDialog orgId={orgId} onClose={() => setImporting(false)} onImported={notify} />
      ) : null}
      {adding ? <MemberFormDialog orgId={orgId} onClose={() => setAdding(false)} onSaved={notify} /> : null}
      {editing ? (
        <MemberFormDialog orgId={orgId} member={editing} onClose={() => setEditing(null)} onSaved={notify} />
      ) : null}
      {openId ? (
        <MemberPanel
          orgId={orgId}
          accountId={openId}
          onClose={() => setOpenId(null)}
          onRemoved={(message) => {
            notify(message)
            searchRef.current?.focus()
          }}
          {...(numberProduct ? { numberProduct } : {})}
        />
      ) : null}
    </WidgetRoot>
  )
}
