import type { MemberView } from '@roster/core'
import { useWidgets, type WidgetStringKey } from './i18n/provider.js'

/** The one status a person reads first: disabled, waiting for activation, invited or active. */
export function memberStatus(member: MemberView): {
  key: WidgetStringKey
  tone: 'ok' | 'wait' | 'off' | 'info'
} {
  if (member.membershipStatus === 'disabled') return { key: 'status.disabled', tone: 'off' }
  if (member.accountStatus === 'pending_activation') return { key: 'status.pending', tone: 'wait' }
  if (member.accountStatus === 'disabled') return { key: 'status.accountDisabled', tone: 'off' }
  if (member.membershipStatus === 'invited') return { key: 'status.invited', tone: 'info' }
  return { key: 'status.active', tone: 'ok' }
}

/** Status, founder, guest and missing-license badges of one member. */
export function MemberBadges({ member }: { member: MemberView }) {
  const { t } = useWidgets()
  const status = memberStatus(member)
  return (
    <span className="rw-badges">
      <span className={`rw-badge rw-${status.tone}`}>{t(status.key)}</span>
      {member.isFounder ? <span className="rw-badge rw-info">{t('status.founder')}</span> : null}
      {member.type === 'guest' ? <span className="rw-badge rw-neutral">{t('status.guest')}</span> : null}
      {!member.licensed ? <span className="rw-badge rw-wait">{t('status.missingLicense')}</span> : null}
    </span>
  )
}

export const fullName = (m: { firstName: string; lastName: string }) => `${m.firstName} ${m.lastName}`
