import { useMember } from '@roster/react'
import { useState } from 'react'
import { formatDate, formatPhone } from './format.js'
import { useWidgets } from './i18n/provider.js'
import { MemberActions } from './MemberActions.js'
import { MemberFormDialog } from './MemberForm.js'
import { MemberBadges, fullName } from './member-status.js'
import { MemberSeats } from './MemberSeats.js'
import { MemberRolesEditor } from './RolesMatrix.js'
import { Dialog, NoticeLine, QueryState, useNotice } from './ui.js'

/** Props of {@link MemberPanel}. */
export interface MemberPanelProps {
  orgId: string
  accountId: string
  onClose: () => void
  /** Called once the member was removed from the panel (the panel closes itself). */
  onRemoved?: (message: string) => void
  numberProduct?: string
}

/**
 * One person's details, actions, roles (org-wide, every building, per building), seats, numbers
 * and history, in a side panel (a full-screen sheet on phones). Every failure shows inside the
 * panel, next to what was tried.
 *
 * @example
 * ```tsx
 * {openId ? <MemberPanel orgId={orgId} accountId={openId} onClose={() => setOpenId(null)} /> : null}
 * ```
 */
export function MemberPanel({ orgId, accountId, onClose, onRemoved, numberProduct }: MemberPanelProps) {
  const { t, locale } = useWidgets()
  const member = useMember({ orgId, accountId })
  const [editing, setEditing] = useState(false)
  const { notice, notify, fail } = useNotice()
  const m = member.data
  const name = m ? fullName(m) : t('member.details')

  return (
    <Dialog title={name} onClose={onClose} variant="side">
      <QueryState
        query={{
          ...member,
          // A member removed meanwhile is not a failure to retry.
          error: member.error?.code === 'NOT_FOUND' ? null : member.error,
        }}
        isEmpty={!m}
        empty={t('member.gone')}
      >
        {m ? (
          <>
            <MemberBadges member={m} />
            <dl className="rw-details">
              <dt>{t('member.email')}</dt>
              <dd>{m.email}</dd>
              <dt>{t('member.username')}</dt>
              <dd>{m.username}</dd>
              <dt>{t('member.title')}</dt>
              <dd>{m.title ?? t('common.none')}</dd>
              <dt>{t('member.phone')}</dt>
              <dd>{m.phone ? formatPhone(m.phone) : t('common.none')}</dd>
              <dt>{t('member.department')}</dt>
              <dd>{m.department?.name ?? t('common.none')}</dd>
              <dt>{t('member.type')}</dt>
              <dd>{m.type === 'guest' ? t('member.guest') : t('member.employee')}</dd>
              <dt>{t('member.since')}</dt>
              <dd>{formatDate(m.createdAt, locale)}</dd>
            </dl>
            <NoticeLine notice={notice} />
            <MemberActions
              orgId={orgId}
              member={m}
              onEdit={() => setEditing(true)}
              notify={notify}
              fail={fail}
              onRemoved={() => {
                onRemoved?.(t('member.removed', { name }))
                onClose()
              }}
            />
            <MemberRolesEditor orgId={orgId} member={m} />
            <MemberSeats orgId={orgId} member={m} {...(numberProduct ? { numberProduct } : {})} />
            {editing ? (
              <MemberFormDialog orgId={orgId} member={m} onClose={() => setEditing(false)} onSaved={notify} />
            ) : null}
          </>
        ) : null}
      </QueryState>
    </Dialog>
  )
}
