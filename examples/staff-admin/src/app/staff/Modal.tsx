import { type ReactNode, useEffect, useId, useRef } from 'react'

/**
 * A modal dialog on the native `<dialog>`: focus is trapped and restored by the browser, Escape
 * closes it, and it is labelled by its title.
 */
export function Modal({
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
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const descriptionId = useId()
  useEffect(() => {
    const dialog = ref.current
    // No close() on cleanup: it would fire `close` (and onClose) under StrictMode's re-run;
    // an unmounted dialog leaves the top layer by itself.
    if (dialog && !dialog.open) dialog.showModal()
  }, [])
  return (
    <dialog
      ref={ref}
      className={`modal ${variant}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={onClose}
    >
      <div className="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={() => ref.current?.close()}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {description ? (
        <p id={descriptionId} className="muted">
          {description}
        </p>
      ) : null}
      {children}
    </dialog>
  )
}

/**
 * A yes/no question in a {@link Modal}: the confirm button (`tone` `primary` or `danger`, disabled
 * while `busy`) runs `onConfirm`; the other button, like Escape, only closes.
 */
export function ConfirmModal({
  title,
  description,
  confirmLabel,
  cancelLabel,
  tone,
  busy,
  onConfirm,
  onClose,
}: {
  title: ReactNode
  description: ReactNode
  confirmLabel: ReactNode
  cancelLabel: string
  tone: 'primary' | 'danger'
  busy: boolean
  onConfirm: () => void
  onClose: () => void
}) {
  return (
    <Modal title={title} description={description} onClose={onClose}>
      <div className="actions">
        <button type="button" className={`button ${tone}`} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="button ghost" onClick={onClose}>
          {cancelLabel}
        </button>
      </div>
    </Modal>
  )
}
