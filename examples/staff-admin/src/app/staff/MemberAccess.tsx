import type { GrantView, MemberView, RosterError } from '@roster/core'
import {
  useAssignLicense,
  useAssignNumber,
  useAssignRoles,
  useAuditLog,
  useGrantMatrix,
  useLicenseSummary,
  useRevokeRole,
  useUnassignLicense,
  useUnassignNumber,
} from '@roster/react'
import { useState } from 'react'
import { BuildingRoles } from './BuildingRoles.js'
import { describeError } from './errors.js'
import { describeAction, useAssignableRoles, useAvailableNumbers, useBuildings } from './org-data.js'

type Notify = (message: string, tone?: 'ok' | 'error') => void

/** Roles per building, plus org-wide and every-building grants, for one member. */
export function MemberRoles({
  orgId,
  member,
  notify,
}: {
  orgId: string
  member: MemberView
  notify: Notify
}) {
  const { buildings, isSuccess: buildingsReady } = useBuildings(orgId)
  const { roles, isSuccess: rolesReady } = useAssignableRoles(orgId)
  const revoke = useRevokeRole()
  const broad = member.grants.filter((g) => typeof g.scope !== 'object' || !('resourceId' in g.scope))
  const name = `${member.firstName} ${member.lastName}`
  const label = (g: GrantView) => `${g.roleName} · ${g.scopeName}`
  return (
    <section className="panel-section" aria-labelledby="roles-title">
      <h3 id="roles-title">Roles</h3>
      {broad.length > 0 ? (
        <ul className="chips roomy" aria-label="Organization-wide roles">
          {broad.map((g) => (
            <li key={label(g)} className="chip">
              {label(g)}
              {member.allowedActions.includes('assignRoles') &&
              !(member.isFounder && g.roleId === 'owner') ? (
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={`Remove ${label(g)} from ${name}`}
                  onClick={() =>
                    revoke.mutate(
                      { orgId, accountId: member.accountId, roleId: g.roleId, scope: g.scope },
                      { onError: (e) => notify(describeError(e), 'error') },
                    )
                  }
                >
                  <span aria-hidden="true">×</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {member.allowedActions.includes('assignRoles') && buildingsReady && rolesReady ? (
        <RolesMatrixForm
          key={member.accountId}
          orgId={orgId}
          member={member}
          buildings={buildings}
          roles={roles}
          notify={notify}
        />
      ) : null}
    </section>
  )
}

function RolesMatrixForm({
  orgId,
  member,
  buildings,
  roles,
  notify,
}: {
  orgId: string
  member: MemberView
  buildings: { id: string; name: string }[]
  roles: ReturnType<typeof useAssignableRoles>['roles']
  notify: Notify
}) {
  const matrix = useGrantMatrix({
    resourceIds: buildings.map((b) => b.id),
    current: member.grants,
    defaultRoleId: roles.find((r) => !r.builtIn)?.id ?? 'member',
  })
  const assign = useAssignRoles()
  const revoke = useRevokeRole()
  const [saving, setSaving] = useState(false)
  async function save() {
    setSaving(true)
    try {
      const { assign: added, revoke: removed } = matrix.changes
      if (added.length > 0) await assign.mutateAsync({ orgId, accountId: member.accountId, grants: added })
      for (const grant of removed) {
        await revoke.mutateAsync({ orgId, accountId: member.accountId, ...grant })
      }
      notify(`Saved the roles of ${member.firstName} ${member.lastName}.`)
    } catch (error) {
      notify(describeError(error as RosterError), 'error')
    } finally {
      setSaving(false)
    }
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <BuildingRoles matrix={matrix} buildings={buildings} roles={roles} />
      <div className="actions">
        <button type="submit" className="button primary small" disabled={!matrix.dirty || saving}>
          {saving ? 'Saving…' : 'Save roles'}
        </button>
        {matrix.dirty ? (
          <button type="button" className="button ghost small" onClick={() => matrix.reset()}>
            Undo changes
          </button>
        ) : null}
      </div>
    </form>
  )
}

/** License seats and phone numbers of one member. */
export function MemberSeats({
  orgId,
  member,
  notify,
}: {
  orgId: string
  member: MemberView
  notify: Notify
}) {
  const summary = useLicenseSummary({ orgId })
  const assignLicense = useAssignLicense()
  const unassignLicense = useUnassignLicense()
  const assignNumber = useAssignNumber()
  const unassignNumber = useUnassignNumber()
  const canLicense = member.allowedActions.includes('assignLicense')
  const canNumber = member.allowedActions.includes('assignNumber')
  const { numbers: available } = useAvailableNumbers(orgId, canNumber)
  const [pick, setPick] = useState('')
  const name = `${member.firstName} ${member.lastName}`
  const fail = (error: RosterError) => notify(describeError(error), 'error')
  const input = { orgId, accountId: member.accountId }

  return (
    <>
      <section className="panel-section" aria-labelledby="licenses-title">
        <h3 id="licenses-title">License seats</h3>
        {member.type === 'guest' ? <p className="muted">Guests do not take license seats.</p> : null}
        {summary.data && summary.data.products.length === 0 ? (
          <p className="muted">No licenses bought yet.</p>
        ) : null}
        <ul className="seat-list">
          {summary.data?.products.map((p) => {
            const holds = member.licenses.includes(p.product)
            return (
              <li key={p.product}>
                <span>
                  <strong>{p.product}</strong>{' '}
                  <span className="muted small">
                    {p.available} of {p.seats} free{p.required ? ' · required' : ''}
                  </span>
                </span>
                {holds ? <span className="badge ok">Assigned</span> : null}
                {canLicense ? (
                  holds ? (
                    <button
                      type="button"
                      className="button small"
                      aria-label={`Free seat of ${p.product} held by ${name}`}
                      onClick={() =>
                        unassignLicense.mutate(
                          { ...input, product: p.product },
                          {
                            onSuccess: () => notify(`Freed the ${p.product} seat of ${name}.`),
                            onError: fail,
                          },
                        )
                      }
                    >
                      Free seat
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="button small"
                      aria-label={`Assign seat of ${p.product} to ${name}`}
                      disabled={p.available === 0}
                      onClick={() =>
                        assignLicense.mutate(
                          { ...input, product: p.product },
                          { onSuccess: () => notify(`${name} has a ${p.product} seat.`), onError: fail },
                        )
                      }
                    >
                      Assign seat
                    </button>
                  )
                ) : null}
              </li>
            )
          })}
        </ul>
      </section>

      <section className="panel-section" aria-labelledby="numbers-title">
        <h3 id="numbers-title">Phone numbers</h3>
        {member.numbers.length === 0 ? <p className="muted">No phone number.</p> : null}
        <ul className="seat-list">
          {member.numbers.map((number) => (
            <li key={number}>
              <span className="mono">{number}</span>
              {canNumber ? (
                <button
                  type="button"
                  className="button small"
                  aria-label={`Unassign ${number} from ${name}`}
                  onClick={() =>
                    unassignNumber.mutate(
                      { orgId, number },
                      { onSuccess: () => notify(`${number} is free again.`), onError: fail },
                    )
                  }
                >
                  Unassign
                </button>
              ) : null}
            </li>
          ))}
        </ul>
        {canNumber ? (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault()
              const number = pick || available[0]?.number
              if (!number) return
              assignNumber.mutate(
                { ...input, number },
                {
                  onSuccess: () => {
                    setPick('')
                    notify(`${number} is now ${name}'s.`)
                  },
                  onError: fail,
                },
              )
            }}
          >
            <div className="field">
              <label htmlFor="assign-number">Available numbers</label>
              <select id="assign-number" value={pick} onChange={(e) => setPick(e.target.value)}>
                {available.length === 0 ? <option value="">None available</option> : null}
                {available.map((n) => (
                  <option key={n.number} value={n.number}>
                    {n.number}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="submit"
              className="button small"
              disabled={available.length === 0 || assignNumber.isPending}
            >
              Assign number
            </button>
          </form>
        ) : null}
      </section>
    </>
  )
}

/** The member's recent history from the audit log. */
export function MemberActivity({ orgId, accountId }: { orgId: string; accountId: string }) {
  const log = useAuditLog({ orgId, targetId: accountId, limit: 10 })
  const events = log.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <section className="panel-section" aria-labelledby="activity-title">
      <h3 id="activity-title">Activity</h3>
      {log.error ? <p className="muted">{describeError(log.error)}</p> : null}
      {log.isSuccess && events.length === 0 ? <p className="muted">Nothing recorded yet.</p> : null}
      <ol className="activity">
        {events.map((event) => (
          <li key={event.id}>
            <span>{describeAction(event.action)}</span>{' '}
            <time className="muted small" dateTime={event.at}>
              {new Date(event.at).toLocaleString()}
            </time>
          </li>
        ))}
      </ol>
    </section>
  )
}
