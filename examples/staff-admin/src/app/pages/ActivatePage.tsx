import { useActivate, useRequestNewLink } from '@roster/react'
import { useWidgets } from '@roster/widgets'
import { type FormEvent, useState } from 'react'
import { Link } from '../router.js'
import { issuesByField } from '../staff/errors.js'

/** The page an activation link opens: choose a password, and the account is active. */
export function ActivatePage({ token }: { token: string }) {
  const activate = useActivate()
  const { passwordMinLength } = useWidgets()
  const newLink = useRequestNewLink()
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [email, setEmail] = useState('')
  const [mismatch, setMismatch] = useState(false)

  function submit(event: FormEvent) {
    event.preventDefault()
    setMismatch(password !== confirm)
    if (password === confirm) activate.mutate({ token, password })
  }

  if (activate.isSuccess) {
    return (
      <section className="card narrow" aria-labelledby="activate-title">
        <h1 id="activate-title">Your account is active</h1>
        <output className="block">
          Welcome, {activate.data.firstName}. Sign in with <strong>{activate.data.username}</strong> and your
          new password.
        </output>
        <Link className="button primary" href="/sign-in">
          Go to sign in
        </Link>
      </section>
    )
  }

  const expired = activate.error?.code === 'TOKEN_EXPIRED' || activate.error?.code === 'TOKEN_INVALID'
  const fieldIssues = issuesByField(activate.error)
  return (
    <section className="card narrow" aria-labelledby="activate-title">
      <h1 id="activate-title">Activate your account</h1>
      <p className="muted">Choose a password of at least {passwordMinLength} characters.</p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="new-password">New password</label>
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={Boolean(fieldIssues.password)}
            aria-describedby={fieldIssues.password ? 'new-password-error' : undefined}
            required
          />
          {fieldIssues.password ? (
            <p id="new-password-error" className="field-error">
              {fieldIssues.password}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="confirm-password">Repeat the password</label>
          <input
            id="confirm-password"
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            aria-invalid={mismatch}
            aria-describedby={mismatch ? 'confirm-error' : undefined}
            required
          />
          {mismatch ? (
            <p id="confirm-error" className="field-error">
              The two passwords differ.
            </p>
          ) : null}
        </div>
        {activate.error && !fieldIssues.password ? (
          <p className="error" role="alert">
            {activate.error.message}
          </p>
        ) : null}
        <button type="submit" className="button primary" disabled={activate.isPending || !token}>
          {activate.isPending ? 'Activating…' : 'Activate my account'}
        </button>
      </form>
      {expired || !token ? (
        <form
          className="new-link"
          onSubmit={(e) => {
            e.preventDefault()
            newLink.mutate({ email })
          }}
        >
          <h2>Get a new link</h2>
          <div className="field">
            <label htmlFor="new-link-email">Your email</label>
            <input
              id="new-link-email"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <button type="submit" className="button">
            Mail me a new link
          </button>
          {newLink.isSuccess ? (
            <output className="block">
              If this address has a pending account, a new link is on its way.
            </output>
          ) : null}
        </form>
      ) : null}
    </section>
  )
}
