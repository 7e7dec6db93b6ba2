import { useMember } from '@roster/react'
import { useState } from 'react'
import { describeError } from './errors.js'
import { MemberActivity, MemberRoles, MemberSeats } from './MemberAccess.js'
import { MemberActions } from './MemberActions.js'
import { MemberForm } from './MemberForm.js'
import { Modal } from './Modal.js'
import { Badges } from './StatusBadge.js'

/** One person's details, actions, and (as the core offers them) roles, seats and numbers. */
export function MemberPanel({
  orgId,
  accountId,
  onClose,
  notify,
}: {
  orgId: string
  accountId: string
  onClose: () => void
  notify: (message: string, tone?: 'ok' | 'error') => void
}) {
  const member = useMember({ orgId, accountId })
  const [editing, setEditing] = useState(false)
  const m = member.data
  const name = m ? `${m.firstName} ${m.lastName}` : 'Staff member'

  return (
    <Modal title={name} onClose={onClose} variant="side">
      {member.error ? (
        <p className="error" role="alert">
          {member.error.code === 'NOT_FOUND'
            ? 'This person is no longer on the staff list.'
            : describeError(member.error)}
        </p>
      ) : null}
      {m ? (
        <>
          <Badges member={m} />
          <dl className="details">
            <dt>Email</dt>
            <dd>{m.email}</dd>
            <dt>Username</dt>
            <dd>{m.username}</dd>
            <dt>Title</dt>
            <dd>{m.title ?? '—'}</dd>
            <dt>Phone</dt>
            <dd>{m.phone ?? '—'}</dd>
            <dt>Department</dt>
            <dd>{m.department?.name ?? '—'}</dd>
            <dt>Type</dt>
            <dd>{m.type === 'guest' ? 'Guest' : 'Employee'}</dd>
            <dt>Member since</dt>
            <dd>{new Date(m.createdAt).toLocaleDateString()}</dd>
          </dl>
          <MemberActions orgId={orgId} member={m} onEdit={() => setEditing(true)} notify={notify} />
          <MemberRoles orgId={orgId} member={m} notify={notify} />
          {m.type === 'employee' || m.numbers.length > 0 ? (
            <MemberSeats orgId={orgId} member={m} notify={notify} />
          ) : null}
          <MemberActivity orgId={orgId} accountId={m.accountId} />
          {editing ? (
            <MemberForm orgId={orgId} member={m} onClose={() => setEditing(false)} onSaved={notify} />
          ) : null}
        </>
      ) : null}
    </Modal>
  )
}
