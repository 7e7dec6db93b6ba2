import type { SyncReport } from '@roster/core'
import {
  useBlocklist,
  useConnections,
  useDisconnect,
  useOutbox,
  useRequeueMessage,
  useSyncConnection,
  useUnblockEmail,
} from '@roster/react'
import { AuditLog } from '@roster/widgets'
import { useState } from 'react'
import { describeError } from './errors.js'
import { ConfirmModal } from './Modal.js'

type Notify = (message: string, tone?: 'ok' | 'error') => void

function summarize(report: SyncReport): string {
  const parts = [
    `${report.added} added`,
    `${report.updated} updated`,
    `${report.disabled} disabled`,
    `${report.removed} removed`,
    `${report.unchanged} unchanged`,
  ]
  return `${parts.join(', ')}${report.errors.length ? `; ${report.errors.length} could not be synced` : ''}.`
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never')

/** Directory sources and org connections: what they manage, when they last ran, sync now. */
export function ConnectionsTab({ orgId, notify }: { orgId: string; notify: Notify }) {
  const connections = useConnections({ orgId })
  const sync = useSyncConnection()
  const disconnect = useDisconnect()
  const [ending, setEnding] = useState<{ id: string; name: string } | null>(null)
  const [reports, setReports] = useState<Record<string, SyncReport>>({})
  return (
    <section aria-labelledby="connections-title">
      <h2 id="connections-title">Directory sync</h2>
      <p className="muted">
        People listed by a connected directory join as guests; the fields it provides are managed there.
      </p>
      {connections.error ? <p className="error">{describeError(connections.error)}</p> : null}
      {connections.data?.length === 0 ? <p className="muted">No connections.</p> : null}
      <ul className="cards">
        {connections.data?.map((c) => {
          const name = c.sourceKey ?? 'Connected organization'
          const report = reports[c.id]
          return (
            <li key={c.id} className="card">
              <p>
                <strong>{name}</strong>{' '}
                <span className={`badge ${c.status === 'active' ? 'ok' : 'wait'}`}>{c.status}</span>{' '}
                {c.running ? <span className="badge info">Syncing…</span> : null}
              </p>
              <dl className="details">
                <dt>Kind</dt>
                <dd>{c.kind === 'directory' ? 'Directory source' : 'Organization'}</dd>
                <dt>Manages</dt>
                <dd>{c.managedFields.join(', ') || '—'}</dd>
                <dt>Last completed</dt>
                <dd>{when(c.lastCompletedAt)}</dd>
                <dt>Schedule</dt>
                <dd>{c.intervalMinutes ? `every ${c.intervalMinutes} minutes` : 'on demand'}</dd>
              </dl>
              <button
                type="button"
                className="button primary small"
                aria-label={`Sync now: ${name}`}
                disabled={sync.isPending || c.running || c.status !== 'active'}
                onClick={() =>
                  sync.mutate(
                    { connectionId: c.id },
                    {
                      onSuccess: (r) => {
                        setReports((all) => ({ ...all, [c.id]: r }))
                        notify(`Synced ${name}: ${summarize(r)}`)
                      },
                      onError: (e) => notify(describeError(e), 'error'),
                    },
                  )
                }
              >
                {sync.isPending && sync.variables?.connectionId === c.id ? 'Syncing…' : 'Sync now'}
              </button>
              <button
                type="button"
                className="button small danger"
                aria-label={`Disconnect ${name}`}
                onClick={() => setEnding({ id: c.id, name })}
              >
                Disconnect
              </button>
              {report ? (
                <p className="small">
                  Last run: {summarize(report)}
                  {report.errors.map((e) => (
                    <span key={e.externalId} className="block error">
                      {e.externalId}: {e.message}
                    </span>
                  ))}
                </p>
              ) : null}
            </li>
          )
        })}
      </ul>
      {ending ? (
        <ConfirmModal
          title={`Disconnect ${ending.name}?`}
          description="The people it brought in lose their guest access here."
          confirmLabel={`Disconnect ${ending.name}`}
          cancelLabel="Keep"
          tone="danger"
          busy={disconnect.isPending}
          onConfirm={() =>
            disconnect.mutate(
              { connectionId: ending.id },
              {
                onSuccess: () => {
                  notify(`Disconnected ${ending.name}.`)
                  setEnding(null)
                },
                onError: (e) => {
                  notify(describeError(e), 'error')
                  setEnding(null)
                },
              },
            )
          }
          onClose={() => setEnding(null)}
        />
      ) : null}
    </section>
  )
}

/** Outgoing mail with its delivery state, bounced addresses, and the org's audit log (@roster/widgets' AuditLog). */
export function MailAndActivityTab({ orgId, notify }: { orgId: string; notify: Notify }) {
  const outbox = useOutbox({ orgId, limit: 20 })
  const requeue = useRequeueMessage()
  const blocklist = useBlocklist({ orgId })
  const unblock = useUnblockEmail()
  const mail = outbox.data?.pages.flatMap((p) => p.items) ?? []
  const blocked = blocklist.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <div className="two-columns">
      <div>
        <section aria-labelledby="mail-title">
          <h2 id="mail-title">Mail</h2>
          {outbox.error ? <p className="error">{describeError(outbox.error)}</p> : null}
          <ul className="seat-list">
            {mail.map((m) => (
              <li key={m.id}>
                <span>
                  {m.subject}
                  <span className="muted small block">
                    to {m.to} · {new Date(m.createdAt).toLocaleString()}
                  </span>
                </span>
                <span
                  className={`badge ${m.status === 'sent' ? 'ok' : m.status === 'pending' ? 'wait' : 'off'}`}
                >
                  {m.status}
                </span>
                {m.status === 'dead' || m.status === 'blocked' ? (
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Retry the mail to ${m.to}`}
                    onClick={() =>
                      requeue.mutate(
                        { orgId, messageId: m.id },
                        { onError: (e) => notify(describeError(e), 'error') },
                      )
                    }
                  >
                    Retry
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="blocked-title">
          <h2 id="blocked-title">Bounced addresses</h2>
          {blocked.length === 0 ? <p className="muted">None: every member's address accepts mail.</p> : null}
          <ul className="seat-list">
            {blocked.map((b) => (
              <li key={b.email}>
                <span>
                  {b.email} <span className="muted small">{b.kind}</span>
                </span>
                <button
                  type="button"
                  className="button small"
                  aria-label={`Unblock ${b.email}`}
                  onClick={() =>
                    unblock.mutate(
                      { email: b.email },
                      {
                        onSuccess: () => notify(`Mail to ${b.email} will be sent again.`),
                        onError: (e) => notify(describeError(e), 'error'),
                      },
                    )
                  }
                >
                  Unblock
                </button>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <AuditLog orgId={orgId} />
    </div>
  )
}
