import type { MemberView } from '@roster/core'

/** The one status a person reads first: disabled, waiting for activation, invited or active. */
export function memberStatus(member: MemberView): { label: string; tone: 'ok' | 'wait' | 'off' | 'info' } {
  if (member.membershipStatus === 'disabled') return { label: 'Disabled', tone: 'off' }
  if (member.accountStatus === 'pending_activation') return { label: 'Awaiting activation', tone: 'wait' }
  if (member.accountStatus === 'disabled') return { label: 'Account disabled', tone: 'off' }
  if (member.membershipStatus === 'invited') return { label: 'Invited', tone: 'info' }
  return { label: 'Active', tone: 'ok' }
}

export function StatusBadge({ member }: { member: MemberView }) {
  const status = memberStatus(member)
  return <span className={`badge ${status.tone}`}>{status.label}</span>
}

export function Badges({ member }: { member: MemberView }) {
  return (
    <span className="badges">
      <StatusBadge member={member} />
      {member.isFounder ? <span className="badge info">Founder</span> : null}
      {member.type === 'guest' ? <span className="badge neutral">Guest</span> : null}
      {!member.licensed ? <span className="badge wait">Missing license</span> : null}
    </span>
  )
}
