import { useConfirmEmail, useRequestPasswordReset, useResetPassword } from '@roster/react'
import { useEffect, useRef, useState } from 'react'
import { Link } from '../router.js'
import { issuesByField } from '../staff/errors.js'

function PasswordField({
  id,
  label,
  value,
  onChange,
  error,
  autoComplete = 'new-password',
}: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  error?: string | undefined
  autoComplete?: string
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}

/** "Forgot your password?": mails a reset link (the answer is the same for unknown addresses). */
export function ForgotPasswordPage() {
  const request = useRequestPasswordReset()
  const [email, setEmail] = useState('')
  return (
    <section className="card narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Reset your password</h1>
      {request.isSuccess ? (
        <output className="block">
          If an account uses {email}, a reset link is on its way. In this demo, open the{' '}
          <Link href="/mailbox">Dev mailbox</Link>.
        </output>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            request.mutate({ email })
          }}
        >
          <div className="field">
            <label htmlFor="forgot-email">Your email</label>
            <input
              id="forgot-email"
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          {request.error ? (
            <p className="error" role="alert">
              {request.error.message}
            </p>
          ) : null}
          <button type="submit" className="button primary" disabled={request.isPending}>
            Mail me a reset link
          </button>
        </form>
      )}
    </section>
  )
}

/** The page a reset link opens. */
export function ResetPasswordPage({ token }: { token: string }) {
  const reset = useResetPassword()
  const [password, setPassword] = useState('')
  const issues = issuesByField(reset.error)
  if (reset.isSuccess) {
    return (
      <section className="card narrow" aria-labelledby="reset-title">
        <h1 id="reset-title">Your password is changed</h1>
        <Link className="button primary" href="/sign-in">
          Go to sign in
        </Link>
      </section>
    )
  }
  return (
    <section className="card narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          reset.mutate({ token, password })
        }}
      >
        <PasswordField
          id="reset-password"
          label="New password"
          value={password}
          onChange={setPassword}
          error={issues.password}
        />
        {reset.error && !issues.password ? (
          <p className="error" role="alert">
            {reset.error.message} <Link href="/forgot-password">Ask for a new link</Link>.
          </p>
        ) : null}
        <button type="submit" className="button primary" disabled={reset.isPending || !token}>
          Save the new password
        </button>
      </form>
    </section>
  )
}

/** The page an email-change confirmation link opens: confirms at once. */
export function ConfirmEmailPage({ token }: { token: string }) {
  const confirm = useConfirmEmail()
  const started = useRef(false)
  useEffect(() => {
    if (started.current || !token) return
    started.current = true
    confirm.mutate({ token })
  }, [token, confirm])
  return (
    <section className="card narrow" aria-labelledby="confirm-title">
      <h1 id="confirm-title">Confirm your new email</h1>
      {confirm.isPending ? <p className="muted">Confirming…</p> : null}
      {confirm.isSuccess ? <output className="block">Your email is now {confirm.data.email}.</output> : null}
      {confirm.error ? (
        <p className="error" role="alert">
          {confirm.error.message}
        </p>
      ) : null}
    </section>
  )
}
