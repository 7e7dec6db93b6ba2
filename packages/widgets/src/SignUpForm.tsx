import type { RosterError } from '@roster/core'
import { useSignUp } from '@roster/react'
import { type FormEvent, type ReactNode, useRef, useState } from 'react'
import { describeError, issuesByField } from './errors.js'
import { useWidgets } from './i18n/provider.js'
import { SelectField, TextField, WidgetRoot } from './ui.js'

/** Props of {@link SignUpForm}. */
export interface SignUpFormProps {
  /** Languages offered (codes the widgets and your mail templates speak). Default en, fr. */
  languages?: readonly string[]
  /** Called with the address once the server answered (the same answer whether or not it was taken, EN1). */
  onSignedUp?: (email: string) => void
  /** Shown under the form, e.g. your app's "Already have an account? Sign in" link. */
  footer?: ReactNode
  /** Shown with the "check your inbox" answer, e.g. where a demo's mail can be read. */
  doneExtra?: ReactNode
}

/**
 * Self-service sign-up (A3): names, email and language; the server mails an activation link and the
 * person chooses their password when following it (A8). The answer is the same whether or not the
 * address already has an account (EN1), so the form says "if this address can receive mail…". Field
 * issues show beside their fields in the reader's language; a bounced address (`EMAIL_BLOCKED`) at
 * the email field; anything else above the button. First focus goes to the first field.
 *
 * @example
 * ```tsx
 * <SignUpForm onSignedUp={(email) => track('sign-up', email)} footer={<a href="/sign-in">Sign in</a>} />
 * ```
 */
export function SignUpForm({ languages = ['en', 'fr'], onSignedUp, footer, doneExtra }: SignUpFormProps) {
  const { t, locale, productName } = useWidgets()
  const signUp = useSignUp()
  const [fields, setFields] = useState({
    firstName: '',
    lastName: '',
    email: '',
    language: languages.includes(locale) ? locale : (languages[0] ?? 'en'),
  })
  const [error, setError] = useState<RosterError | null>(null)
  const [doneFor, setDoneFor] = useState<string | null>(null)
  const firstInput = useRef<HTMLInputElement>(null)
  const set = (key: keyof typeof fields) => (value: string) => setFields((f) => ({ ...f, [key]: value }))
  const issues = issuesByField(error, t)
  if (error?.code === 'EMAIL_BLOCKED') issues.email = describeError(error, t, productName)
  // What no field shows (a rate limit, the network, an issue of a field not on the form) shows above the button.
  const onAField = ['firstName', 'lastName', 'email'].some((field) => issues[field])
  const general = error && !onAField ? describeError(error, t, productName) : null

  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(null)
    try {
      await signUp.mutateAsync({
        email: fields.email,
        firstName: fields.firstName,
        lastName: fields.lastName,
        language: fields.language,
      })
      setDoneFor(fields.email)
      onSignedUp?.(fields.email)
    } catch (caught) {
      setError(caught as RosterError)
      // The first bad field takes focus, so a keyboard or screen-reader user lands on what to fix.
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('.rw-signup [aria-invalid="true"]')?.focus(),
      )
    }
  }

  return (
    <WidgetRoot className="rw-signup rw-flow">
      {doneFor ? (
        <section aria-labelledby="rw-signup-done">
          <h2 id="rw-signup-done" tabIndex={-1} ref={(h) => h?.focus()}>
            {t('signup.doneTitle')}
          </h2>
          <output className="rw-block">{t('signup.done', { email: doneFor })}</output>
          {doneExtra}
          <div className="rw-actions">
            <button
              type="button"
              className="rw-button rw-ghost"
              onClick={() => {
                setDoneFor(null)
                setFields((f) => ({ ...f, email: '' }))
                requestAnimationFrame(() => firstInput.current?.focus())
              }}
            >
              {t('signup.again')}
            </button>
          </div>
        </section>
      ) : (
        <form onSubmit={submit} noValidate aria-labelledby="rw-signup-title">
          <h2 id="rw-signup-title">{t('signup.title')}</h2>
          <p className="rw-muted">{t('signup.text')}</p>
          <div className="rw-grid-2">
            <TextField
              id="rw-signup-first"
              label={t('signup.firstName')}
              value={fields.firstName}
              onChange={set('firstName')}
              error={issues.firstName}
              autoComplete="given-name"
              required
              autoFocus
              inputRef={firstInput}
            />
            <TextField
              id="rw-signup-last"
              label={t('signup.lastName')}
              value={fields.lastName}
              onChange={set('lastName')}
              error={issues.lastName}
              autoComplete="family-name"
              required
            />
          </div>
          <TextField
            id="rw-signup-email"
            label={t('signup.email')}
            type="email"
            value={fields.email}
            onChange={set('email')}
            error={issues.email}
            autoComplete="email"
            required
          />
          <SelectField
            id="rw-signup-language"
            label={t('signup.language')}
            value={fields.language}
            onChange={set('language')}
            options={languages.map((code) => ({ value: code, label: t(`lang.${code}` as 'lang.en') }))}
          />
          {general ? (
            <p className="rw-error" role="alert">
              {general}
            </p>
          ) : null}
          <div className="rw-actions">
            <button type="submit" className="rw-button rw-primary" disabled={signUp.isPending}>
              {signUp.isPending ? t('signup.submitting') : t('signup.submit')}
            </button>
          </div>
          {footer}
        </form>
      )}
    </WidgetRoot>
  )
}
