import type { RosterError } from '@roster/core'

// The host app's own session routes (server/app.ts): sign-in verifies the password on the server
// and sets an HttpOnly cookie, which then authenticates every call to the Roster handler.

export interface Session {
  accountId: string
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  })
  const json = (await response.json().catch(() => null)) as T | RosterError | null
  if (!response.ok)
    throw (json ?? { code: 'NETWORK_ERROR', message: 'The server did not answer.' }) as RosterError
  return json as T
}

export const signIn = (username: string, password: string) =>
  post<Session>('/auth/sign-in', { username, password })
export const signOut = () => post<{ ok: true }>('/auth/sign-out', {})

export async function fetchSession(): Promise<Session | null> {
  const response = await fetch('/auth/session', { credentials: 'same-origin' })
  return response.ok ? ((await response.json()) as Session) : null
}

/** The server's password length rule (`policy.password`), for the pages that set a password. */
export async function fetchPasswordPolicy(): Promise<{ minLength: number; maxLength: number }> {
  const response = await fetch('/auth/password-policy', { credentials: 'same-origin' })
  return response.ok
    ? ((await response.json()) as { minLength: number; maxLength: number })
    : { minLength: 12, maxLength: 128 }
}
