import type { JoinRequestView, RosterError } from '@roster/core'
import {
  useApproveJoinRequest,
  useDenyJoinRequest,
  useJoinRequests,
  useOrg,
  useUpdateOrg,
} from '@roster/react'
import { useId, useRef, useState } from 'react'
import { describeError } from './errors.js'
import { formatDateTime } from './format.js'
import { useWidgets } from './i18n/provider.js'
import { fullName } from './member-status.js'
import {
  Dialog,
  focusAfterDialog,
  NoticeLine,
  QueryState,
  TextField,
  useMissingReason,
  useNotice,
  usePermission,
  WidgetRoot,
} from './ui.js'

/** Props of {@link JoinRequestsAdmin}. */
export interface JoinRequestsAdminProps {
  orgId: string
  /** Show the decided requests (approved, denied, withdrawn) below the waiting ones. Default true. */
  showHistory?: boolean
}

/**
 * The admin side of join requests (J1, J2): who is waiting with their message, approve as an
 * employee or a guest, deny with an optional reason (mailed to them) after a question, and the
 * history of decided requests with the reason given. Deciding needs `join-requests:decide`;
 * opening or closing requests for the org needs `org:update`. A request someone else decided
 * meanwhile says so on its own card.
 *
 * @example
 * ```tsx
 * <JoinRequestsAdmin orgId={orgId} />
 * ```
 */
export function JoinRequestsAdmin({ orgId, showHistory = true }: JoinRequestsAdminProps) {
  const { t } = useWidgets()
  const pending = useJoinRequests({ orgId, status: 'pending' })
  const mayDecide = usePermission(orgId, 'join-requests:decide')
  const reason = useMissingReason('join-requests:decide')
  const { notice, notify } = useNotice()
  const [denying, setDenying] = useState<JoinRequestView | null>(null)
  // The approval lives here, not in the card: the card unmounts when the refreshed list drops it,
  // and a mutation's per-call onSuccess never runs for a component that is gone.
  const approve = useApproveJoinRequest()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const waiting = pending.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <WidgetRoot className="rw-join-requests">
      <section aria-labelledby="rw-requests-title" className="rw-section">
        <h2 id="rw-requests-title" ref={headingRef} tabIndex={-1}>
          {t('requests.title')}
        </h2>
        <JoinRequestsSetting orgId={orgId} notify={notify} />
        {mayDecide === false && pending.data ? <p className="rw-hint">{reason}</p> : null}
        <NoticeLine notice={notice} />
        <h3 className="rw-small-title">{t('requests.pending')}</h3>
        <QueryState query={pending} isEmpty={waiting.length === 0} empty={t('requests.empty')}>
          <ul className="rw-list rw-cards">
            {waiting.map((request) => (
              <PendingRequest
                key={request.id}
                request={request}
                mayDecide={mayDecide === true}
                approve={approve}
                onDeny={() => setDenying(request)}
                onApproved={(message) => {
                  notify(message)
                  // The card is gone with its buttons: focus goes to the section's heading.
                  headingRef.current?.focus()
                }}
              />
            ))}
          </ul>
          {pending.hasNextPage ? (
            <button type="button" className="rw-button" onClick={() => void pending.fetchNextPage()}>
              {t('common.showMore')}
            </button>
          ) : null}
        </QueryState>
      </section>
      {showHistory ? <RequestHistory orgId={orgId} /> : null}
      {denying ? (
        <DenyDialog
          request={denying}
          onClose={(message) => {
            setDenying(null)
            if (message) {
              notify(message)
              focusAfterDialog(headingRef)
            }
          }}
        />
      ) : null}
    </WidgetRoot>
  )
}

function JoinRequestsSetting({ orgId, notify }: { orgId: string; notify: (message: string) => void }) {
  const { t, productName } = useWidgets()
  const org = useOrg({ orgId })
  const mayUpdate = usePermission(orgId, 'org:update')
  const update = useUpdateOrg()
  if (!org.data || !mayUpdate) return null
  const open = org.data.settings.joinRequests
  return (
    <div className="rw-field">
      <label className="rw-check">
        <input
          type="checkbox"
          checked={open}
          disabled={update.isPending}
          onChange={(event) => {
            // Read the choice now: React resets a controlled checkbox right after this handler.
            const joinRequests = event.target.checked
            update.mutate(
              { orgId, settings: { joinRequests } },
              { onSuccess: () => notify(joinRequests ? t('requests.opened') : t('requests.closed')) },
            )
          }}
        />
        {t('requests.open', { org: org.data.name })}
      </label>
      {update.error ? (
        <p className="rw-error" role="alert">
          {describeError(update.error, t, productName)}
        </p>
      ) : null}
    </div>
  )
}

function PendingRequest({
  request,
  mayDecide,
  approve,
  onDeny,
  onApproved,
}: {
  request: JoinRequestView
  mayDecide: boolean
  approve: ReturnType<typeof useApproveJoinRequest>
  onDeny: () => void
  onApproved: (message: string) => void
}) {
  const { t, locale, productName } = useWidgets()
  const name = fullName(request.requester)
  // The one approval of the widget: its error and busy state belong to the card it was about.
  const mine = approve.variables?.requestId === request.id
  const error: RosterError | null = mine ? approve.error : null
  return (
    <li className="rw-card">
      <p>
        <strong>{name}</strong> <span className="rw-muted">{request.requester.email}</span>
      </p>
      {request.message ? <blockquote className="rw-quote">{request.message}</blockquote> : null}
      <p className="rw-muted rw-small">
        {t('requests.asked', { when: formatDateTime(request.createdAt, locale) })}
      </p>
      {error ? (
        <p className="rw-error" role="alert">
          {describeError(error, t, productName)}
        </p>
      ) : null}
      {mayDecide ? (
        <div className="rw-row-actions">
          <button
            type="button"
            className="rw-button rw-primary rw-small"
            aria-label={t('requests.approveLabel', { name })}
            disabled={mine && approve.isPending}
            onClick={() =>
              approve.mutate(
                { requestId: request.id, type: 'employee' },
                { onSuccess: () => onApproved(t('requests.approved', { name })) },
              )
            }
          >
            {t('requests.approve')}
          </button>
          <button
            type="button"
            className="rw-button rw-small"
            aria-label={t('requests.approveGuestLabel', { name })}
            disabled={mine && approve.isPending}
            onClick={() =>
              approve.mutate(
                { requestId: request.id, type: 'guest' },
                { onSuccess: () => onApproved(t('requests.approvedGuest', { name })) },
              )
            }
          >
            {t('requests.approveGuest')}
          </button>
          <button
            type="button"
            className="rw-button rw-small rw-danger"
            aria-label={t('requests.denyLabel', { name })}
            disabled={mine && approve.isPending}
            onClick={onDeny}
          >
            {t('requests.deny')}
          </button>
        </div>
      ) : null}
    </li>
  )
}

/** Denying asks first and takes the reason the requester is mailed (optional). */
function DenyDialog({ request, onClose }: { request: JoinRequestView; onClose: (message?: string) => void }) {
  const { t, productName } = useWidgets()
  const deny = useDenyJoinRequest()
  const [reason, setReason] = useState('')
  const name = fullName(request.requester)
  return (
    <Dialog
      title={t('requests.denyTitle', { name })}
      description={t('requests.denyText', { email: request.requester.email })}
      onClose={() => onClose()}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault()
          deny.mutate(
            { requestId: request.id, ...(reason.trim() ? { reason: reason.trim() } : {}) },
            { onSuccess: () => onClose(t('requests.denied', { name })) },
          )
        }}
      >
        <TextField
          id="rw-deny-reason"
          label={t('requests.reason')}
          value={reason}
          onChange={setReason}
          autoFocus
        />
        {deny.error ? (
          <p className="rw-error" role="alert">
            {describeError(deny.error, t, productName)}
          </p>
        ) : null}
        <div className="rw-actions">
          <button type="submit" className="rw-button rw-danger" disabled={deny.isPending}>
            {t('requests.deny')}
          </button>
          <button type="button" className="rw-button rw-ghost" onClick={() => onClose()}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

function RequestHistory({ orgId }: { orgId: string }) {
  const { t, locale } = useWidgets()
  const all = useJoinRequests({ orgId })
  const titleId = useId()
  // One list of every status, pending left out: the decided ones in the order the server keeps.
  const decided = (all.data?.pages.flatMap((page) => page.items) ?? []).filter((r) => r.status !== 'pending')
  return (
    <section aria-labelledby={titleId} className="rw-section">
      <h3 id={titleId} className="rw-small-title">
        {t('requests.history')}
      </h3>
      <QueryState
        query={all}
        isEmpty={decided.length === 0 && !all.hasNextPage}
        empty={t('requests.historyEmpty')}
      >
        <ul className="rw-list">
          {decided.map((request) => (
            <li key={request.id}>
              <span>
                <strong>{fullName(request.requester)}</strong>{' '}
                <span className="rw-muted rw-small">{request.requester.email}</span>
              </span>
              <span className={`rw-badge ${request.status === 'approved' ? 'rw-ok' : 'rw-off'}`}>
                {t(`requests.status.${request.status}` as 'requests.status.approved')}
              </span>
              {request.decidedAt ? (
                <span className="rw-muted rw-small">{formatDateTime(request.decidedAt, locale)}</span>
              ) : null}
              {request.reason ? (
                <span className="rw-block rw-small">
                  {t('requests.reasonGiven', { reason: request.reason })}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
        {all.hasNextPage ? (
          <button type="button" className="rw-button" onClick={() => void all.fetchNextPage()}>
            {t('common.showMore')}
          </button>
        ) : null}
      </QueryState>
    </section>
  )
}
