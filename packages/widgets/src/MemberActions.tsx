import type { MemberView, RosterError } from '@roster/core'
import {
  useDisableMember,
  useEnableMember,
  useRemoveMember,
  useResendActivation,
  useTransferFoundership,
} from '@roster/react'
import { useState } from 'react'
import { useWidgets } from './i18n/provider.js'
import { fullName } from './member-status.js'
import { ConfirmDialog } from './ui.js'

/** Props of {@link MemberActions}. */
export interface MemberActionsProps {
  orgId: string
  member: MemberView
  onEdit?: () => void
  /** Success and failure messages, shown by the caller next to these buttons. */
  notify: (message: string, tone?: 'ok' | 'error') => void
  fail: (error: RosterError) => void
  /** Called after the member is removed (move focus somewhere that still exists). */
  onRemoved?: () => void
  compact?: boolean
}

/**
 * The buttons for one member — only those in `allowedActions`, which the server computed for the
 * signed-in person, so every button shown will work. Removing and handing over foundership ask
 * first.
 *
 * @example
 * ```tsx
 * const { notify, fail } = useNotice()
 * <MemberActions orgId={orgId} member={member} notify={notify} fail={fail} onEdit={() => setEditing(true)} />
 * ```
 */
export function MemberActions({
  orgId,
  member,
  onEdit,
  notify,
  fail,
  onRemoved,
  compact = false,
}: MemberActionsProps) {
  const { t } = useWidgets()
  const disable = useDisableMember()
  const enable = useEnableMember()
  const remove = useRemoveMember()
  const resend = useResendActivation()
  const transfer = useTransferFoundership()
  const [confirming, setConfirming] = useState(false)
  const [handingOver, setHandingOver] = useState(false)
  const name = fullName(member)
  const can = (action: MemberView['allowedActions'][number]) => member.allowedActions.includes(action)
  const input = { orgId, accountId: member.accountId }

  return (
    <div className={`rw-row-actions${compact ? ' rw-compact' : ''}`}>
      {can('edit') && onEdit ? (
        <button
          type="button"
          className="rw-button rw-small"
          aria-label={t('member.editLabel', { name })}
          onClick={onEdit}
        >
          {t('member.edit')}
        </button>
      ) : null}
      {can('resendActivation') ? (
        <button
          type="button"
          className="rw-button rw-small"
          aria-label={t('member.resendLabel', { name })}
          disabled={resend.isPending}
          onClick={() =>
            resend.mutate(input, {
              onSuccess: () => notify(t('member.resent', { email: member.email })),
              onError: fail,
            })
          }
        >
          {t('member.resend')}
        </button>
      ) : null}
      {can('disable') ? (
        <button
          type="button"
          className="rw-button rw-small"
          aria-label={t('member.disableLabel', { name })}
          disabled={disable.isPending}
          onClick={() =>
            disable.mutate(input, { onSuccess: () => notify(t('member.disabled', { name })), onError: fail })
          }
        >
          {t('member.disable')}
        </button>
      ) : null}
      {can('enable') ? (
        <button
          type="button"
          className="rw-button rw-small"
          aria-label={t('member.enableLabel', { name })}
          disabled={enable.isPending}
          onClick={() =>
            enable.mutate(input, { onSuccess: () => notify(t('member.enabled', { name })), onError: fail })
          }
        >
          {t('member.enable')}
        </button>
      ) : null}
      {can('remove') ? (
        <button
          type="button"
          className="rw-button rw-small rw-danger"
          aria-label={t('member.removeLabel', { name })}
          onClick={() => setConfirming(true)}
        >
          {t('member.remove')}
        </button>
      ) : null}
      {can('transferFoundership') && !compact ? (
        <button
          type="button"
          className="rw-button rw-small"
          aria-label={t('member.makeFounderLabel', { name })}
          onClick={() => setHandingOver(true)}
        >
          {t('member.makeFounder')}
        </button>
      ) : null}
      {handingOver ? (
        <ConfirmDialog
          title={t('member.makeFounderTitle', { name })}
          description={t('member.makeFounderText')}
          confirmLabel={t('member.makeFounderTitle', { name }).replace(/\s?\?$/, '')}
          tone="primary"
          busy={transfer.isPending}
          error={transfer.error}
          onConfirm={() =>
            transfer.mutate(
              { orgId, toAccountId: member.accountId },
              {
                onSuccess: () => {
                  setHandingOver(false)
                  notify(t('member.nowFounder', { name }))
                },
              },
            )
          }
          onClose={() => setHandingOver(false)}
        />
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t('member.removeTitle', { name })}
          description={t('member.removeText')}
          confirmLabel={t('member.removeLabel', { name })}
          busy={remove.isPending}
          error={remove.error}
          onConfirm={() =>
            // mutateAsync, not mutate's callbacks: the refetch drops this row (and this component)
            // before they would run, and TanStack skips mutate callbacks of an unmounted component.
            remove
              .mutateAsync(input)
              .then(
                () => {
                  setConfirming(false)
                  notify(t('member.removed', { name }))
                  onRemoved?.()
                },
                () => {
                  // The error shows in the dialog, where the act happened.
                },
              )
          }
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </div>
  )
}
