import type { RosterError } from '@roster/core'
import {
  useApproveJoinRequest,
  useDenyJoinRequest,
  useJoinRequests,
  useOrg,
  useUpdateOrg,
} from '@roster/react'
import { useState } from 'react'
import { describeError } from './errors.js'

type Notify = (message: string, tone?: 'ok' | 'error') => void

function useFail(notify: Notify) {
  return (error: RosterError) => notify(describeError(error), 'error')
}

/** People asking to join: approve (as employee or guest) or deny with a reason. */
export function JoinRequestsTab({ orgId, notify }: { orgId: string; notify: Notify }) {
  const requests = useJoinRequests({ orgId, status: 'pending' })
  const org = useOrg({ orgId })
  const updateOrg = useUpdateOrg()
  const open = org.data?.settings.joinRequests ?? false
  const approve = useApproveJoinRequest()
  const deny = useDenyJoinRequest()
  const fail = useFail(notify)
  const [reasons, setReasons] = useState<Record<string, string>>({})
  const items = requests.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <section aria-labelledby="requests-title">
      <h2 id="requests-title">Join requests</h2>
      {org.data ? (
        <label className="check setting">
          <input
            type="checkbox"
            checked={open}
            disabled={updateOrg.isPending}
            onChange={(e) => {
              // Read the choice now: React resets a controlled checkbox right after this handler,
              // so by the time the mutation settles `e.target.checked` shows the old value again.
              const joinRequests = e.target.checked
              updateOrg.mutate(
                { orgId, settings: { joinRequests } },
                {
                  onSuccess: () =>
                    notify(joinRequests ? 'People can ask to join again.' : 'Join requests are closed.'),
                  onError: fail,
                },
              )
            }}
          />
          Let people ask to join {org.data.name}
        </label>
      ) : null}
      {requests.error ? <p className="error">{describeError(requests.error)}</p> : null}
      {requests.isSuccess && items.length === 0 ? <p className="muted">No one is waiting.</p> : null}
      <ul className="cards">
        {items.map((r) => {
          const name = `${r.requester.firstName} ${r.requester.lastName}`
          return (
            <li key={r.id} className="card">
              <p>
                <strong>{name}</strong> <span className="muted">{r.requester.email}</span>
              </p>
              {r.message ? <blockquote>{r.message}</blockquote> : null}
              <p className="muted small">Asked {new Date(r.createdAt).toLocaleString()}</p>
              <div className="field">
                <label htmlFor={`reason-${r.id}`}>Reason if you deny (mailed to them)</label>
                <input
                  id={`reason-${r.id}`}
                  value={reasons[r.id] ?? ''}
                  onChange={(e) => setReasons((all) => ({ ...all, [r.id]: e.target.value }))}
                />
              </div>
              <div className="actions">
                <button
                  type="button"
                  className="button primary small"
                  aria-label={`Approve ${name} as an employee`}
                  onClick={() =>
                    approve.mutate(
                      { requestId: r.id, type: 'employee' },
                      { onSuccess: () => notify(`${name} joined the staff.`), onError: fail },
                    )
                  }
                >
                  Approve
                </button>
                <button
                  type="button"
                  className="button small"
                  aria-label={`Approve as guest: ${name}`}
                  onClick={() =>
                    approve.mutate(
                      { requestId: r.id, type: 'guest' },
                      { onSuccess: () => notify(`${name} joined as a guest.`), onError: fail },
                    )
                  }
                >
                  Approve as guest
                </button>
                <button
                  type="button"
                  className="button small danger"
                  aria-label={`Deny ${name}`}
                  onClick={() =>
                    deny.mutate(
                      { requestId: r.id, ...(reasons[r.id] ? { reason: reasons[r.id] } : {}) },
                      { onSuccess: () => notify(`Denied the request of ${name}.`), onError: fail },
                    )
                  }
                >
                  Deny
                </button>
              </div>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
