// The widgets' building blocks: dialogs on React Aria Components (focus trap, Escape, focus
// restore, labelled by the title), the loading / failure / empty trio, fields, and notices shown
// where the act happened.
import type { RosterError } from '@roster/core'
import { useCan } from '@roster/react'
import { type ReactNode, type Ref, useCallback, useEffect, useId, useState } from 'react'
import { Dialog as AriaDialog, Heading, Modal, ModalOverlay } from 'react-aria-components'
import { describeError } from './errors.js'
import { useWidgets } from './i18n/provider.js'

/** A modal dialog; `variant: 'side'` is a full-height panel (a sheet on phones). */
export function Dialog({
  title,
  description,
  onClose,
  children,
  variant = 'center',
}: {
  title: ReactNode
  description?: ReactNode
  onClose: () => void
  children: ReactNode
  variant?: 'center' | 'side'
}) {
  const { t, rootClassName } = useWidgets()
  const descriptionId = useId()
  return (
    // The overlay portals to <body>: it carries the root class so the theme's variables apply.
    <ModalOverlay
      isOpen
      isDismissable
      onOpenChange={(open) => {
        if (!open) onClose()
      }}
      className={`${rootClassName} rw-overlay`}
    >
      <Modal className={`rw-modal rw-${variant}`}>
        <AriaDialog className="rw-dialog" aria-describedby={description ? descriptionId : undefined}>
          <div className="rw-modal-head">
            <Heading slot="title">{title}</Heading>
            <button type="button" className="rw-icon-button" aria-label={t('common.close')} onClick={onClose}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
          {description ? (
            <p id={descriptionId} className="rw-muted">
              {description}
            </p>
          ) : null}
          {children}
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  )
}

/** A yes/no question. Cancel has the first focus for a dangerous act. */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  tone = 'danger',
  busy = false,
  error,
  onConfirm,
  onClose,
  children,
}: {
  title: ReactNode
  description: ReactNode
  confirmLabel: ReactNode
  /** Choices the act needs (e.g. where a department's members go), above the buttons. */
  children?: ReactNode
  tone?: 'primary' | 'danger'
  busy?: boolean
  error?: RosterError | null
  onConfirm: () => void
  onClose: () => void
}) {
  const { t, productName } = useWidgets()
  return (
    <Dialog title={title} description={description} onClose={onClose}>
      {children}
      {error ? (
        <p className="rw-error" role="alert">
          {describeError(error, t, productName)}
        </p>
      ) : null}
      <div className="rw-actions">
        <button type="button" className={`rw-button rw-${tone}`} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
        {/* biome-ignore lint/a11y/noAutofocus: a dangerous act starts on the safe answer */}
        <button type="button" className="rw-button rw-ghost" onClick={onClose} autoFocus={tone === 'danger'}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  )
}

interface QueryLike {
  isPending: boolean
  error: RosterError | null
  refetch: () => unknown
}

/**
 * Loading, failure and empty, each told apart: a failed load is never shown as an empty list, and
 * a refusal says so instead of showing nothing.
 */
export function QueryState({
  query,
  isEmpty,
  empty,
  loading,
  children,
}: {
  query: QueryLike
  isEmpty?: boolean
  empty?: ReactNode
  loading?: ReactNode
  children: ReactNode
}) {
  const { t, productName } = useWidgets()
  if (query.error) {
    if (query.error.code === 'FORBIDDEN')
      return <p className="rw-muted rw-state">{t('common.noPermission')}</p>
    return (
      <div className="rw-state rw-failed" role="alert">
        <p>{t('common.failed', { message: describeError(query.error, t, productName) })}</p>
        <button type="button" className="rw-button rw-small" onClick={() => void query.refetch()}>
          {t('common.retry')}
        </button>
      </div>
    )
  }
  if (query.isPending)
    return (
      <output className="rw-muted rw-state rw-block" aria-busy="true">
        {loading ?? t('common.loading')}
      </output>
    )
  if (isEmpty) return <p className="rw-muted rw-state rw-empty">{empty}</p>
  return <>{children}</>
}

export type Notice = { message: string; tone: 'ok' | 'error'; at: number } | null

/** A notice for one widget or section: `notify(text)` or `fail(error)`; it fades after 10 s. */
export function useNotice() {
  const { t, productName } = useWidgets()
  const [notice, setNotice] = useState<Notice>(null)
  const notify = useCallback((message: string, tone: 'ok' | 'error' = 'ok') => {
    setNotice({ message, tone, at: Date.now() })
  }, [])
  const fail = useCallback(
    (error: RosterError) =>
      setNotice({ message: describeError(error, t, productName), tone: 'error', at: Date.now() }),
    [t, productName],
  )
  useEffect(() => {
    if (!notice || notice.tone === 'error') return
    const timer = setTimeout(() => setNotice((n) => (n === notice ? null : n)), 10_000)
    return () => clearTimeout(timer)
  }, [notice])
  const clear = useCallback(() => setNotice(null), [])
  return { notice, notify, fail, clear }
}

/** Where a section's notice shows: a polite status for success, an alert for a failure. */
export function NoticeLine({ notice }: { notice: Notice }) {
  return (
    <div className="rw-notice-area">
      <output className="rw-block">
        {notice?.tone === 'ok' ? (
          <p key={notice.at} className="rw-notice rw-ok">
            {notice.message}
          </p>
        ) : null}
      </output>
      <div role="alert">
        {notice?.tone === 'error' ? (
          <p key={notice.at} className="rw-notice rw-bad">
            {notice.message}
          </p>
        ) : null}
      </div>
    </div>
  )
}

/**
 * Whether the signed-in person holds `permission` in the org (at `resource` if given):
 * `undefined` while asking, so nothing flickers in and out.
 */
export function usePermission(orgId: string, permission: string, resource?: string): boolean | undefined {
  const can = useCan({
    orgId,
    // biome-ignore lint/suspicious/noExplicitAny: host permissions widen the registered union
    permission: permission as any,
    ...(resource ? { resource } : {}),
  })
  return can.data
}

/** The reason a control is off: "Needs the “Add staff” permission." */
export function useMissingReason(permission: string): string {
  const { t, permissionName } = useWidgets()
  return t('common.disabledReason', { permission: permissionName(permission) })
}

/** A labelled text input with its hint and its error, tied by `aria-describedby`. */
export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  type = 'text',
  required,
  disabled,
  autoComplete,
  autoFocus,
  inputRef,
}: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  error?: string | undefined
  hint?: string | undefined
  type?: string
  required?: boolean
  disabled?: boolean | undefined
  autoComplete?: string
  autoFocus?: boolean
  inputRef?: Ref<HTMLInputElement>
}) {
  const { t } = useWidgets()
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ')
  return (
    <div className="rw-field">
      <label htmlFor={id}>
        {label}
        {required ? <span className="rw-required"> {t('common.required')}</span> : null}
      </label>
      <input
        ref={inputRef}
        id={id}
        type={type}
        value={value}
        autoComplete={autoComplete ?? 'off'}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        required={required}
        disabled={disabled}
        // biome-ignore lint/a11y/noAutofocus: a dialog's first field takes the first focus
        autoFocus={autoFocus}
      />
      {hint ? (
        <p id={`${id}-hint`} className="rw-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="rw-field-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}

/** One choice of a {@link SelectField}. */
export interface SelectOption {
  value: string
  label: string
}

/** A labelled native `<select>`: the platform's own picker on phones. */
export function SelectField({
  id,
  label,
  value,
  onChange,
  options,
  disabled,
}: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  options: readonly SelectOption[]
  disabled?: boolean | undefined
}) {
  return (
    <div className="rw-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/** The root every widget renders in: the theme's scope (CSS variables, no global rules). */
export function WidgetRoot({ children, className }: { children: ReactNode; className?: string }) {
  const { rootClassName } = useWidgets()
  return <div className={`${rootClassName}${className ? ` ${className}` : ''}`}>{children}</div>
}

/**
 * Moves focus to `target` once a closing dialog has let go of it: React Aria restores focus to the
 * control that opened the dialog as it unmounts — a row's button that is gone with the row, which
 * leaves focus on `<body>` — so the move waits two frames, after that restore.
 */
export function focusAfterDialog(target: { current: HTMLElement | null }): void {
  requestAnimationFrame(() => requestAnimationFrame(() => target.current?.focus()))
}
