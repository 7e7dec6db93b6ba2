import type { MyOrgView, RosterError } from '@roster/core'
import { useAcceptInvitation, useDeclineInvitation, useLeaveOrg, useMyOrgs } from '@roster/react'
import { useRef, useState } from 'react'
import { describeError } from './errors.js'
import { focusAfterDialog } from './focus.js'
import { formatDate } from './format.js'
import { useWidgets, type WidgetStringKey } from './i18n/provider.js'
import { ConfirmDialog, NoticeLine, QueryState, useNotice, WidgetRoot } from './ui.js'

/** Props of {@link MyOrganizations}. */
export interface MyOrganizationsProps {
  /** Called when the person opens an org where they are an active member (your app's org page). */
  onOpenOrg?: (orgId: string) => void
}

/**
 * The signed-in person's organizations (A2b), each with what their membership means for them: an
 * active member opens it or leaves it (confirmed first; a founder is told why they cannot, O2); an
 * invited one accepts or declines; a disabled one reads that an admin disabled their access and whom
 * to ask — never a bare "you belong to no organization" (issue 18, finding 4). Errors show on the
 * card where the act happened.
 *
 * @example
 * ```tsx
 * <MyOrganizations onOpenOrg={(orgId) => navigate(`/orgs/${orgId}`)} />
 * ```
 */
export function MyOrganizations({ onOpenOrg }: MyOrganizationsProps) {
  const { t } = useWidgets()
  const orgs = useMyOrgs()
  const { notice, notify } = useNotice()
  const heading = useRef<HTMLHeadingElement>(null)
  return (
    <WidgetRoot className="rw-my-orgs rw-flow">
      <section aria-labelledby="rw-my-orgs-title">
        <h2 id="rw-my-orgs-title" ref={heading} tabIndex={-1}>
          {t('myOrgs.title')}
        </h2>
        <NoticeLine notice={notice} />
        <QueryState
          query={orgs}
          isEmpty={orgs.data?.length === 0}
          empty={t('myOrgs.empty')}
          loading={t('myOrgs.loading')}
        >
          <ul className="rw-cards">
            {orgs.data?.map((entry) => (
              <OrgCard
                key={entry.org.id}
                entry={entry}
                onOpenOrg={onOpenOrg}
                onDone={(message) => {
                  notify(message)
                  // The card's buttons change or go with the membership: focus stays in the section.
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

function OrgCard({
  entry,
  onOpenOrg,
  onDone,
}: {
  entry: MyOrgView
  onOpenOrg: ((orgId: string) => void) | undefined
  onDone: (message: string) => void
}) {
  const { t, locale, productName } = useWidgets()
  const accept = useAcceptInvitation()
  const decline = useDeclineInvitation()
  const leave = useLeaveOrg()
  const [leaving, setLeaving] = useState(false)
  const [error, setError] = useState<RosterError | null>(null)
  const org = entry.org.name
  const orgId = entry.org.id
  const titleId = `rw-org-${orgId}`
  const run = async (act: () => Promise<unknown>, message: string) => {
    setError(null)
    try {
      await act()
      onDone(message)
    } catch (caught) {
      setError(caught as RosterError)
    }
  }
  return (
    <li className="rw-card" aria-labelledby={titleId}>
      <div className="rw-card-head">
        <h3 id={titleId}>{org}</h3>
        <span className={`rw-badge rw-membership-${entry.membershipStatus}`}>
          {t(`myOrgs.status.${entry.membershipStatus}` as WidgetStringKey)}
        </span>
        {entry.isFounder ? <span className="rw-badge">{t('myOrgs.founder')}</span> : null}
        {entry.type === 'guest' ? <span className="rw-badge">{t('myOrgs.guest')}</span> : null}
      </div>
      <p className="rw-muted">{t('myOrgs.since', { when: formatDate(entry.memberSince, locale) })}</p>
      {entry.membershipStatus === 'disabled' ? <p>{t('myOrgs.disabledHelp', { org })}</p> : null}
      {entry.membershipStatus === 'invited' ? <p>{t('myOrgs.invitedHelp', { org })}</p> : null}
      {entry.isFounder ? <p className="rw-muted">{t('myOrgs.founderCannotLeave', { org })}</p> : null}
      {error && !leaving ? (
        <p className="rw-error" role="alert">
          {describeError(error, t, productName)}
        </p>
      ) : null}
      <div className="rw-actions">
        {entry.membershipStatus === 'active' && onOpenOrg ? (
          <button type="button" className="rw-button rw-primary" onClick={() => onOpenOrg(orgId)}>
            {t('myOrgs.open', { org })}
          </button>
        ) : null}
        {entry.membershipStatus === 'invited' ? (
          <>
            <button
              type="button"
              className="rw-button rw-primary"
              aria-label={t('myOrgs.acceptLabel', { org })}
              disabled={accept.isPending}
              onClick={() => run(() => accept.mutateAsync({ orgId }), t('myOrgs.accepted', { org }))}
            >
              {t('account.accept')}
            </button>
            <button
              type="button"
              className="rw-button rw-ghost"
              aria-label={t('myOrgs.declineLabel', { org })}
              disabled={decline.isPending}
              onClick={() => run(() => decline.mutateAsync({ orgId }), t('myOrgs.declined', { org }))}
            >
              {t('account.decline')}
            </button>
          </>
        ) : null}
        {entry.membershipStatus !== 'invited' && !entry.isFounder ? (
          <button
            type="button"
            className="rw-button rw-ghost"
            aria-label={t('myOrgs.leaveLabel', { org })}
            onClick={() => {
              setError(null)
              setLeaving(true)
            }}
          >
            {t('account.leave')}
          </button>
        ) : null}
      </div>
      {leaving ? (
        <ConfirmDialog
          title={t('account.leaveTitle', { org })}
          description={t('account.leaveText', { org })}
          confirmLabel={t('account.leave')}
          busy={leave.isPending}
          error={error}
          onClose={() => setLeaving(false)}
          onConfirm={async () => {
            try {
              await leave.mutateAsync({ orgId })
              setLeaving(false)
              onDone(t('myOrgs.left', { org }))
            } catch (caught) {
              setError(caught as RosterError)
            }
          }}
        />
      ) : null}
    </li>
  )
}
