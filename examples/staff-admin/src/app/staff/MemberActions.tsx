import type { MemberView, RosterError } from '@roster/core'
import {
  useDisableMember,
  useEnableMember,
  useRemoveMember,
  useResendActivation,
  useTransferFoundership,
} from '@roster/react'
import { useState } from 'react'
import { describeError } from './errors.js'
import { Modal } from './Modal.js'

/**
 * The buttons for one member — only those in `allowedActions`, which the server computed for the
 * signed-in person, so every button shown will work.
 */
export function MemberActions({
  orgId,
  member,
  onEdit,
  notify,
  compact = false,
}: {
  orgId: string
  member: MemberView
  onEdit: () => void
  notify: (message: string, tone?: 'ok' | 'error') => void
  compact?: boolean
}) {
  const disable = useDisableMember()
  const enable = useEnableMember()
  const remove = useRemoveMember()
  const resend = useResendActivation()
  const transfer = useTransferFoundership()
  const [confirming, setConfirming] = useState(false)
  const [handingOver, setHandingOver] = useState(false)
  const name = `${member.firstName} ${member.lastName}`
  const can = (action: MemberView['allowedActions'][number]) => member.allowedActions.includes(action)
  const input = { orgId, accountId: member.accountId }
  const fail = (error: RosterError) => notify(describeError(error), 'error')

  return (
    <div className={`row-actions${compact ? ' compact' : ''}`}>
      {can('edit') ? (
        <button type="button" className="button small" aria-label={`Edit ${name}`} onClick={onEdit}>
          Edit
        </button>
      ) : null}
      {can('resendActivation') ? (
        <button
          type="button"
          className="button small"
          aria-label={`Resend activation email to ${name}`}
          disabled={resend.isPending}
          onClick={() =>
            resend.mutate(input, {
              onSuccess: () => notify(`A new activation link was mailed to ${member.email}.`),
              onError: fail,
            })
          }
        >
          Resend activation
        </button>
      ) : null}
      {can('disable') ? (
        <button
          type="button"
          className="button small"
          aria-label={`Disable ${name}`}
          disabled={disable.isPending}
          onClick={() =>
            disable.mutate(input, { onSuccess: () => notify(`${name} is disabled.`), onError: fail })
          }
        >
          Disable
        </button>
      ) : null}
      {can('enable') ? (
        <button
          type="button"
          className="button small"
          aria-label={`Enable ${name}`}
          disabled={enable.isPending}
          onClick={() =>
            enable.mutate(input, { onSuccess: () => notify(`${name} is enabled.`), onError: fail })
          }
        >
          Enable
        </button>
      ) : null}
      {can('remove') ? (
        <button
          type="button"
          className="button small danger"
          aria-label={`Remove ${name}`}
          onClick={() => setConfirming(true)}
        >
          Remove
        </button>
      ) : null}
      {can('transferFoundership') && !compact ? (
        <button
          type="button"
          className="button small"
          aria-label={`Make founder: ${name}`}
          onClick={() => setHandingOver(true)}
        >
          Make founder
        </button>
      ) : null}
      {handingOver ? (
        <Modal
          title={`Make ${name} the founder?`}
          description="The founder cannot be removed and alone can delete the organization. You keep your roles."
          onClose={() => setHandingOver(false)}
        >
          <div className="actions">
            <button
              type="button"
              className="button primary"
              disabled={transfer.isPending}
              onClick={() =>
                transfer.mutate(
                  { orgId, toAccountId: member.accountId },
                  {
                    onSuccess: () => {
                      setHandingOver(false)
                      notify(`${name} is now the founder.`)
                    },
                    onError: (error) => {
                      setHandingOver(false)
                      fail(error)
                    },
                  },
                )
              }
            >
              Make {name} the founder
            </button>
            <button type="button" className="button ghost" onClick={() => setHandingOver(false)}>
              Cancel
            </button>
          </div>
        </Modal>
      ) : null}
      {confirming ? (
        <Modal
          title={`Remove ${name}?`}
          description="They lose access to this organization at once; their license seats and phone numbers are freed."
          onClose={() => setConfirming(false)}
        >
          <div className="actions">
            <button
              type="button"
              className="button danger"
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate(input, {
                  onSuccess: () => {
                    setConfirming(false)
                    notify(`${name} was removed.`)
                  },
                  onError: (error) => {
                    setConfirming(false)
                    fail(error)
                  },
                })
              }
            >
              Remove {name}
            </button>
            <button type="button" className="button ghost" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </div>
        </Modal>
      ) : null}
    </div>
  )
}
