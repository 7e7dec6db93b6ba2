import type { JoinRequestView, RosterError } from '@roster/core'
import { useCreateJoinRequest } from '@roster/react'
import { type FormEvent, useRef, useState } from 'react'
import { describeError, issuesByField } from './errors.js'
import { useWidgets } from './i18n/provider.js'
import { NoticeLine, TextField, useNotice, WidgetRoot } from './ui.js'

/** Props of {@link RequestToJoin}. */
export interface RequestToJoinProps {
  /** The org's code (its id) when the person came through a link such as `/join?org=…`. */
  initialOrgCode?: string
  /** Called with the request once it is sent. */
  onSent?: (request: JoinRequestView) => void
}

/**
 * Asks to join an org by its code (J1): the org's id, which its admins share as a code or a link,
 * and an optional message to them. Every refusal shows where it belongs — an unknown code at the code
 * field; closed requests, already a member, an account not activated yet, or a request already
 * waiting (withdraw it in {@link MyJoinRequests}) above the button. Put `MyJoinRequests` next to it:
 * a sent request appears there at once.
 *
 * @example
 * ```tsx
 * <RequestToJoin initialOrgCode={new URLSearchParams(location.search).get('org') ?? ''} />
 * <MyJoinRequests />
 * ```
 */
export function RequestToJoin({ initialOrgCode = '', onSent }: RequestToJoinProps) {
  const { t, productName } = useWidgets()
  const create = useCreateJoinRequest()
  const [code, setCode] = useState(initialOrgCode)
  const [message, setMessage] = useState('')
  const [error, setError] = useState<RosterError | null>(null)
  const { notice, notify, clear } = useNotice()
  const codeInput = useRef<HTMLInputElement>(null)
  const issues = issuesByField(error, t)
  const codeError = error?.code === 'ORG_NOT_FOUND' || issues.orgId ? t('join.unknownOrg') : undefined
  const general = error && !codeError && !issues.message ? explain(error) : null

  function explain(failure: RosterError): string {
    if (failure.code === 'INVALID_STATE') {
      const details = (failure.details ?? {}) as { requestId?: string }
      return details.requestId ? t('join.alreadyPending') : t('join.pendingAccount')
    }
    return describeError(failure, t, productName)
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    // aria-disabled, not disabled, while sending: the button keeps the focus (finding 10).
    if (create.isPending) return
    setError(null)
    clear()
    try {
      const request = await create.mutateAsync({
        orgId: code.trim(),
        ...(message.trim() ? { message } : {}),
      })
      setMessage('')
      notify(t('join.sentAny'))
      onSent?.(request)
    } catch (caught) {
      setError(caught as RosterError)
      requestAnimationFrame(() => {
        const bad = document.querySelector<HTMLElement>('.rw-join [aria-invalid="true"]')
        bad?.focus()
      })
    }
  }

  return (
    <WidgetRoot className="rw-join rw-flow">
      <form onSubmit={submit} noValidate aria-labelledby="rw-join-title">
        <h2 id="rw-join-title">{t('join.askTitle')}</h2>
        <TextField
          id="rw-join-code"
          label={t('join.code')}
          value={code}
          onChange={setCode}
          hint={t('join.codeHint')}
          error={codeError}
          required
          inputRef={codeInput}
        />
        <div className="rw-field">
          <label htmlFor="rw-join-message">{t('join.message')}</label>
          <textarea
            id="rw-join-message"
            rows={3}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            aria-invalid={issues.message ? true : undefined}
            aria-describedby={issues.message ? 'rw-join-message-error' : undefined}
          />
          {issues.message ? (
            <p id="rw-join-message-error" className="rw-field-error">
              {issues.message}
            </p>
          ) : null}
        </div>
        {general ? (
          <p className="rw-error" role="alert">
            {general}
          </p>
        ) : null}
        <div className="rw-actions">
          <button
            type="submit"
            className="rw-button rw-primary"
            aria-disabled={create.isPending || undefined}
          >
            {create.isPending ? t('join.sending') : t('join.send')}
          </button>
        </div>
        <NoticeLine notice={notice} />
      </form>
    </WidgetRoot>
  )
}
