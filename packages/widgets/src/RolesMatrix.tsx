import type { Grant, MemberView, RoleView } from '@roster/core'
import { useAssignRoles, useGrantMatrix, useRevokeRole } from '@roster/react'
import { useMemo, useState } from 'react'
import { useWidgets } from './i18n/provider.js'
import { fullName } from './member-status.js'
import { useAssignableRoles, useBuildings } from './org-data.js'
import { NoticeLine, SelectField, useNotice } from './ui.js'

type Matrix = ReturnType<typeof useGrantMatrix>

/**
 * Roles per building: tick buildings, pick a role for each, copy one building's role to every
 * selected building, or select every building at once. Presentational over `useGrantMatrix`.
 *
 * @example
 * ```tsx
 * const matrix = useGrantMatrix({ resourceIds: buildings.map((b) => b.id) })
 * <BuildingRolesMatrix matrix={matrix} buildings={buildings} roles={roles} />
 * ```
 */
export function BuildingRolesMatrix({
  matrix,
  buildings,
  roles,
  legend,
}: {
  matrix: Matrix
  buildings: { id: string; name: string }[]
  roles: RoleView[]
  legend?: string
}) {
  const { t } = useWidgets()
  if (buildings.length === 0) return <p className="rw-muted">{t('roles.noBuildings')}</p>
  const roleName = (id: string) => roles.find((r) => r.id === id)?.name ?? id
  return (
    <fieldset className="rw-matrix">
      <legend>{legend ?? t('roles.perBuilding')}</legend>
      <div className="rw-matrix-actions">
        <button
          type="button"
          className="rw-button rw-small"
          onClick={matrix.selectAll}
          disabled={matrix.allSelected}
        >
          {t('roles.selectAll')}
        </button>
        <button type="button" className="rw-button rw-small rw-ghost" onClick={matrix.clear}>
          {t('roles.clear')}
        </button>
      </div>
      <ul className="rw-matrix-rows">
        {buildings.map((building) => {
          const selected = matrix.isSelected(building.id)
          const checkboxId = `rw-building-${building.id}`
          return (
            <li key={building.id} className="rw-matrix-row">
              <label className="rw-check" htmlFor={checkboxId}>
                <input
                  id={checkboxId}
                  type="checkbox"
                  checked={selected}
                  onChange={(e) => matrix.toggle(building.id, e.target.checked)}
                />
                {building.name}
              </label>
              <select
                aria-label={t('roles.roleAt', { building: building.name })}
                value={matrix.roleAt(building.id)}
                disabled={!selected}
                onChange={(e) => matrix.setRole(building.id, e.target.value)}
              >
                {selected ? null : <option value="">{t('common.none')}</option>}
                {roles.map((role) => (
                  <option key={role.id} value={role.id}>
                    {role.name}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="rw-button rw-small rw-ghost"
                disabled={!selected}
                aria-label={t('roles.copyLabel', {
                  role: selected ? roleName(matrix.roleAt(building.id)) : '',
                  building: building.name,
                })}
                onClick={() => matrix.copyToAll(building.id)}
              >
                {t('roles.copyToAll')}
              </button>
            </li>
          )
        })}
      </ul>
    </fieldset>
  )
}

const isOrg = (g: Grant) => g.scope === 'org'
const isEveryBuilding = (g: Grant) =>
  typeof g.scope === 'object' && 'all' in g.scope && g.scope.resourceType === 'building'

/**
 * A member's roles, editable: one role in the whole organization, one at every building (present
 * and future: the "select all" grant), and roles per building. Saved in one go; errors show here.
 * Shown read-only when the member's `allowedActions` lacks `assignRoles`.
 *
 * @example
 * ```tsx
 * <MemberRolesEditor orgId={orgId} member={member} />
 * ```
 */
export function MemberRolesEditor({ orgId, member }: { orgId: string; member: MemberView }) {
  const { t } = useWidgets()
  const { buildings, isSuccess: buildingsReady } = useBuildings(orgId)
  const rolesQuery = useAssignableRoles(orgId)
  const allRoles = rolesQuery.data ?? []
  const editable = member.allowedActions.includes('assignRoles')
  const orgGrant = member.grants.find(isOrg)
  const everyGrant = member.grants.find(isEveryBuilding)
  // The notice lives here, not in the form: the form starts over (new key) once the saved grants
  // come back, and the "Saved" message must outlive it.
  const rolesNotice = useNotice()
  if (!editable)
    return (
      <section className="rw-section" aria-labelledby="rw-roles-title">
        <h3 id="rw-roles-title">{t('roles.title')}</h3>
        <ul className="rw-chips rw-roomy">
          {member.grants.map((g) => (
            <li key={`${g.roleId}-${g.scopeName}`} className="rw-chip">
              {g.roleName} ·{' '}
              {isOrg(g) ? t('roles.orgWide') : isEveryBuilding(g) ? t('roles.everyBuilding') : g.scopeName}
            </li>
          ))}
        </ul>
      </section>
    )
  if (!buildingsReady || !rolesQuery.isSuccess) return <p className="rw-muted">{t('common.loading')}</p>
  return (
    <RolesForm
      key={`${member.accountId}-${member.grants.map((g) => g.roleId + g.scopeName).join()}`}
      orgId={orgId}
      member={member}
      buildings={buildings}
      roles={rolesQuery.roles}
      orgRoles={allRoles}
      initialOrgRole={orgGrant?.roleId ?? ''}
      initialEveryRole={everyGrant?.roleId ?? ''}
      rolesNotice={rolesNotice}
    />
  )
}

function RolesForm({
  orgId,
  member,
  buildings,
  roles,
  orgRoles,
  initialOrgRole,
  initialEveryRole,
  rolesNotice,
}: {
  orgId: string
  member: MemberView
  buildings: { id: string; name: string }[]
  roles: RoleView[]
  orgRoles: RoleView[]
  initialOrgRole: string
  initialEveryRole: string
  rolesNotice: ReturnType<typeof useNotice>
}) {
  const { t } = useWidgets()
  const resourceIds = useMemo(() => buildings.map((b) => b.id), [buildings])
  const matrix = useGrantMatrix({
    resourceIds,
    current: member.grants,
    defaultRoleId: roles.find((r) => !r.builtIn)?.id ?? 'member',
  })
  const [orgRole, setOrgRole] = useState(initialOrgRole)
  const [everyRole, setEveryRole] = useState(initialEveryRole)
  const assign = useAssignRoles()
  const revoke = useRevokeRole()
  const [saving, setSaving] = useState(false)
  const { notice, notify, fail } = rolesNotice
  const founderOwner = member.isFounder && initialOrgRole === 'owner'
  const dirty = matrix.dirty || orgRole !== initialOrgRole || everyRole !== initialEveryRole
  const name = fullName(member)

  async function save() {
    setSaving(true)
    try {
      const grants: Grant[] = [...matrix.changes.assign]
      const revokes: Grant[] = [...matrix.changes.revoke]
      if (orgRole !== initialOrgRole) {
        if (orgRole) grants.push({ roleId: orgRole, scope: 'org' })
        if (initialOrgRole) revokes.push({ roleId: initialOrgRole, scope: 'org' })
      }
      if (everyRole !== initialEveryRole) {
        if (everyRole) grants.push({ roleId: everyRole, scope: { resourceType: 'building', all: true } })
        if (initialEveryRole)
          revokes.push({ roleId: initialEveryRole, scope: { resourceType: 'building', all: true } })
      }
      // Grant first, then revoke: a failure half-way leaves the person with more access, never none.
      if (grants.length > 0) await assign.mutateAsync({ orgId, accountId: member.accountId, grants })
      for (const grant of revokes) await revoke.mutateAsync({ orgId, accountId: member.accountId, ...grant })
      notify(t('roles.saved', { name }))
    } catch (error) {
      fail(error as never)
    } finally {
      setSaving(false)
    }
  }
  const options = (list: RoleView[]) => [
    { value: '', label: t('roles.noRole') },
    ...list.map((r) => ({ value: r.id, label: r.name })),
  ]
  return (
    <section className="rw-section" aria-labelledby="rw-roles-title">
      <h3 id="rw-roles-title">{t('roles.title')}</h3>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <div className="rw-grid-2">
          <SelectField
            id="rw-org-role"
            label={t('roles.orgRole')}
            value={orgRole}
            onChange={setOrgRole}
            disabled={founderOwner}
            options={options(orgRoles)}
          />
          <SelectField
            id="rw-every-role"
            label={t('roles.everyRole')}
            value={everyRole}
            onChange={setEveryRole}
            options={options(roles)}
          />
        </div>
        <BuildingRolesMatrix matrix={matrix} buildings={buildings} roles={roles} />
        <NoticeLine notice={notice} />
        <div className="rw-actions">
          <button type="submit" className="rw-button rw-primary rw-small" disabled={!dirty || saving}>
            {saving ? t('common.saving') : t('roles.save')}
          </button>
          {dirty ? (
            <button
              type="button"
              className="rw-button rw-ghost rw-small"
              onClick={() => {
                matrix.reset()
                setOrgRole(initialOrgRole)
                setEveryRole(initialEveryRole)
              }}
            >
              {t('roles.undo')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  )
}
