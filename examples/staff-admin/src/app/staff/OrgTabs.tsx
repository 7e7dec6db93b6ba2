import type { RosterError } from '@roster/core'
import {
  useAddSeats,
  useApproveJoinRequest,
  useCreatePool,
  useDenyJoinRequest,
  useImportNumbers,
  useJoinRequests,
  useLicenseSummary,
  useNumbers,
  useOrg,
  useRemoveNumber,
  useRemoveSeats,
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

/** Seats per product (buy, give back) and the phone-number pool (import, remove). */
export function LicensesTab({ orgId, notify }: { orgId: string; notify: Notify }) {
  const summary = useLicenseSummary({ orgId })
  const addSeats = useAddSeats()
  const removeSeats = useRemoveSeats()
  const createPool = useCreatePool()
  const numbers = useNumbers({ orgId, limit: 200 })
  const importNumbers = useImportNumbers()
  const removeNumber = useRemoveNumber()
  const fail = useFail(notify)
  const [product, setProduct] = useState('')
  const [seats, setSeats] = useState('5')
  const [toImport, setToImport] = useState('')
  const pool = numbers.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <div className="two-columns">
      <section aria-labelledby="seats-title">
        <h2 id="seats-title">License seats</h2>
        <p className="muted">Billing counts every purchased seat, assigned or not.</p>
        <table className="simple-table">
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Assigned</th>
              <th scope="col">Seats</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.data?.products.map((p) => (
              <tr key={p.product}>
                <td>
                  {p.product} {p.required ? <span className="badge info">Required</span> : null}
                </td>
                <td>{p.assigned}</td>
                <td>{p.seats}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="button small"
                    onClick={() =>
                      addSeats.mutate({ orgId, product: p.product, count: 1 }, { onError: fail })
                    }
                  >
                    +1<span className="visually-hidden"> {p.product} seat</span>
                  </button>
                  <button
                    type="button"
                    className="button small"
                    disabled={p.available === 0}
                    onClick={() =>
                      removeSeats.mutate({ orgId, product: p.product, count: 1 }, { onError: fail })
                    }
                  >
                    −1<span className="visually-hidden"> {p.product} seat</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {summary.data ? (
          <p className="muted small">{summary.data.billableSeats} billable seats in all.</p>
        ) : null}
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault()
            createPool.mutate(
              { orgId, product, seats: Number(seats) },
              {
                onSuccess: () => {
                  setProduct('')
                  notify(`Bought ${seats} ${product} seats.`)
                },
                onError: fail,
              },
            )
          }}
        >
          <div className="field">
            <label htmlFor="new-product">New product</label>
            <input id="new-product" value={product} onChange={(e) => setProduct(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="new-seats">Seats</label>
            <input
              id="new-seats"
              type="number"
              min={1}
              value={seats}
              onChange={(e) => setSeats(e.target.value)}
            />
          </div>
          <button type="submit" className="button" disabled={!product.trim()}>
            Buy
          </button>
        </form>
      </section>
      <section aria-labelledby="pool-title">
        <h2 id="pool-title">Phone numbers</h2>
        <ul className="seat-list">
          {pool.map((n) => (
            <li key={n.number}>
              <span className="mono">{n.number}</span>
              <span className={`badge ${n.status === 'available' ? 'ok' : 'info'}`}>
                {n.status === 'available' ? 'Available' : 'Assigned'}
              </span>
              {n.status === 'available' ? (
                <button
                  type="button"
                  className="button small danger"
                  aria-label={`Remove ${n.number} from the pool`}
                  onClick={() => removeNumber.mutate({ orgId, number: n.number }, { onError: fail })}
                >
                  Remove
                </button>
              ) : null}
            </li>
          ))}
        </ul>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            const list = toImport
              .split(/[\n,;]+/)
              .map((s) => s.trim())
              .filter(Boolean)
            importNumbers.mutate(
              { orgId, numbers: list },
              {
                onSuccess: (report) => {
                  setToImport('')
                  const skipped = list.length - report.imported.length
                  notify(
                    `Imported ${report.imported.length} numbers${skipped ? `; ${skipped} skipped` : ''}.`,
                  )
                },
                onError: fail,
              },
            )
          }}
        >
          <div className="field">
            <label htmlFor="import-numbers">Import numbers (one per line, international format)</label>
            <textarea
              id="import-numbers"
              rows={3}
              value={toImport}
              onChange={(e) => setToImport(e.target.value)}
            />
          </div>
          <button type="submit" className="button" disabled={!toImport.trim()}>
            Import
          </button>
        </form>
      </section>
    </div>
  )
}
