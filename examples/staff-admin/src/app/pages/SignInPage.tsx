import type { RosterError } from '@roster/core'
import { rosterKeys } from '@roster/react'
import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link, navigate } from '../router.js'
import { signIn } from '../session.js'

export function SignInPage({ signedIn, next = '/' }: { signedIn: boolean; next?: string }) {
  const queryClient = useQueryClient()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<RosterError | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const session = await signIn(username, password)
      // Another person may have been signed in: drop their cached roster data.
      queryClient.removeQueries({ queryKey: rosterKeys.all })
      queryClient.setQueryData(['session'], session)
      navigate(next, { replace: true })
    } catch (caught) {
      setError(caught as RosterError)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card narrow" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      {signedIn ? <p className="muted">You are signed in; signing in again switches account.</p> : null}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="username">Username or email</label>
          <input
            id="username"
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </div>
        {error ? (
          <p className="error" role="alert">
            {error.code === 'INVALID_CREDENTIALS' ? 'The username or password is wrong.' : error.message}
          </p>
        ) : null}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        <Link href="/sign-up">New here? Create an account</Link>
      </p>
      <p className="hint">
        The demo login is printed in the terminal that started the server (<code>fay@acme.test</code>).
      </p>
    </section>
  )
}
