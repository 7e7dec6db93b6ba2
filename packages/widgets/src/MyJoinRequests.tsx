import type { MyJoinRequestView, RosterError } from '@roster/core'
import { useCancelJoinRequest, useMyJoinRequests } from '@roster/react'
import { useRef, useState } from 'react'
import { focusAfterDialog } from './focus.js'
import { formatDate } from './format.js'
import { useWidgets, type WidgetStringKey } from './i18n/provider.js'
import { ConfirmDialog, NoticeLine, QueryState, useNotice, WidgetRoot } from './ui.js'

/** Props of {@link MyJoinRequests}. */
export interface MyJoinRequestsProps {
  /** Called when the person opens an org whose request was approved (your app's org page). */
  onOpenOrg?: (orgId: string) => void
}

/**
 * The requester's side of join requests (J2): every request the signed-in person sent, newest first,
 * each with what it means and what they can do — waiting (withdraw it, confirmed first), approved
 * (open the org), denied with the admins' reason (ask again), withdrawn. Loading, a failed load
 * (with retry) and "no requests" are told apart.
 *
 * @example
 * ```tsx
 * <MyJoinRequests onOpenOrg={(orgId) => navigate(`/orgs/${orgId}`)} />
 * ```
 */
export function MyJoinRequests({ onOpenOrg }: MyJoinRequestsProps) {
  const { t } = useWidgets()
  const mine = useMyJoinRequests()
  const { notice, notify } = useNotice()
  const heading = useRef<HTMLHeadingElement>(null)
  return (
    <WidgetRoot className="rw-my-requests rw-flow">
      <section aria-labelledby="rw-my-requests-title">
        <h2 id="rw-my-requests-title" ref={heading} tabIndex={-1}>
          {t('myRequests.title')}
        </h2>
        <NoticeLine notice={notice} />
        <QueryState
          query={mine}
          isEmpty={mine.data?.length === 0}
          empty={t('myRequests.empty')}
          loading={t('myRequests.loading')}
        >
          <ul className="rw-cards">
            {mine.data?.map((request) => (
              <RequestCard
                key={request.id}
                request={request}
                onOpenOrg={onOpenOrg}
                onWithdrawn={() => {
                  notify(t('join.cancelled'))
                  // The withdraw button is gone with the pending state: focus stays in the list.
                  focusAfterDialog(heading.current)
                }}
              />
            ))}
          </ul>
        </QueryState>
      </section>
    </WidgetRoot>
  )
}

function RequestCard({
  request,
  onOpenOrg,
  onWithdrawn,
}: {
  request: MyJoinRequestView
  onOpenOrg: ((orgId: string) => void) | undefined
  onWithdrawn: () => void
}) {
  const { t, locale } = useWidgets()
  const cancel = useCancelJoinRequest()
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<RosterError | null>(null)
  const org = request.org.name ?? t('myRequests.deletedOrg')
  const titleId = `rw-request-${request.id}`
  return (
    <li className="rw-card" aria-labelledby={titleId}>
      <div className="rw-card-head">
        <h3 id={titleId}>{org}</h3>
        <span className={`rw-badge rw-request-${request.status}`}>
          {t(`myRequests.status.${request.status}` as WidgetStringKey)}
        </span>
      </div>
      <p className="rw-muted">
        {t('myRequests.asked', { when: formatDate(request.createdAt, locale) })}
        {request.decidedAt
          ? ` · ${t('myRequests.decided', { when: formatDate(request.decidedAt, locale) })}`
          : ''}
      </p>
      {request.message ? <p>{t('myRequests.yourMessage', { message: request.message })}</p> : null}
      {request.status === 'pending' ? <p>{t('myRequests.pendingHelp', { org })}</p> : null}
      {request.status === 'approved' ? <p>{t('myRequests.approvedHelp', { org })}</p> : null}
      {request.status === 'denied' ? (
        <>
          <p>
            {request.reason ? t('myRequests.reason', { reason: request.reason }) : t('myRequests.noReason')}
          </p>
          <p className="rw-muted">{t('myRequests.deniedHelp')}</p>
        </>
      ) : null}
      <div className="rw-actions">
        {request.status === 'pending' ? (
          <button
            type="button"
            className="rw-button rw-ghost"
            aria-label={t('myRequests.withdrawLabel', { org })}
            onClick={() => {
              setError(null)
              setConfirming(true)
            }}
          >
            {t('join.cancel')}
          </button>
        ) : null}
        {request.status === 'approved' && onOpenOrg && request.org.name ? (
          <button type="button" className="rw-button rw-primary" onClick={() => onOpenOrg(request.org.id)}>
            {t('myRequests.open', { org })}
          </button>
        ) : null}
      </div>
      {confirming ? (
        <ConfirmDialog
          title={t('myRequests.withdrawTitle', { org })}
          description={t('myRequests.withdrawText')}
          confirmLabel={t('join.cancel')}
          busy={cancel.isPending}
          error={error}
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            try {
              await cancel.mutateAsync({ requestId: request.id })
              setConfirming(false)
              onWithdrawn()
            } catch (caught) {
              setError(caught as RosterError)
            }
          }}
        />
      ) : null}
    </li>
  )
}
