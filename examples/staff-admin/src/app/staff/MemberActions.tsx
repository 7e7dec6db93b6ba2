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
import { ConfirmModal } from './Modal.js'

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
        <ConfirmModal
          title={`Make ${name} the founder?`}
          description="The founder cannot be removed and alone can delete the organization. You keep your roles."
          confirmLabel={`Make ${name} the founder`}
          cancelLabel="Cancel"
          tone="primary"
          busy={transfer.isPending}
          onConfirm={() =>
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
          onClose={() => setHandingOver(false)}
        />
      ) : null}
      {confirming ? (
        <ConfirmModal
          title={`Remove ${name}?`}
          description="They lose access to this organization at once; their license seats and phone numbers are freed."
          confirmLabel={`Remove ${name}`}
          cancelLabel="Keep"
          tone="danger"
          busy={remove.isPending}
          onConfirm={() =>
            // mutateAsync, not mutate's callbacks: the refetch drops this row (and this component)
            // before they would run, and TanStack skips mutate callbacks of an unmounted component.
            remove
              .mutateAsync(input)
              .then(
                () => {
                  setConfirming(false)
                  notify(`${name} was removed.`)
                },
                (error) => {
                  setConfirming(false)
                  fail(error)
                },
              )
          }
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </div>
  )
}
