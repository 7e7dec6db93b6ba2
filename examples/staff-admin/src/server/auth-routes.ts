import { ROSTER_ERRORS, type Roster, type RosterError, rosterError } from '@roster/core'
import type { Context, Hono } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import * as z from 'zod'
import { type ClientLimits, usernameBudgetKey } from './client-limits.js'
import { tooManyRequests } from './rate-limit.js'
import { SESSION_COOKIE, type Sessions, sessionToken } from './session.js'

export function errorResponse(error: RosterError): Response {
  return Response.json(error, { status: ROSTER_ERRORS[error.code]?.status ?? 400 })
}

/**
 * The sign-in body. Only its shape is checked here (bounded strings, so a huge value cannot become a
 * huge budget key); what a username or password may be is `credentials.verify`'s own schema's call.
 */
export const SignInBody = z.object({
  username: z.string().max(1_000),
  password: z.string().max(1_000),
})

/** What `/auth/sign-in` counts a client's attempts at one username under (DS5). */
export function signInBudgetKey(client: string, username: string): string {
  return `${client}\u0000${usernameBudgetKey(username)}`
}

/** Starts a session for the account and sets its cookie on the answer being built in `c`. */
export function startSession(c: Context, sessions: Sessions, accountId: string): void {
  setCookie(c, SESSION_COOKIE, sessions.issue(accountId), {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.req.url.startsWith('https:'),
    path: '/',
    maxAge: sessions.maxAge,
  })
}

/**
 * The host app's own session routes. Sign-in runs `credentials.verify` on the server (it is never
 * exposed over the handler) behind two per-client limits (DS5); sign-out ends the session in the
 * store, not only in the browser (DS4). Both are writes, so `sameOriginJsonWrites` guards them like
 * every other (DS2).
 */
export function mountAuthRoutes(
  app: Hono,
  deps: {
    roster: Roster<string>
    sessions: Sessions
    limits: ClientLimits
    clientOf(c: Context): string
  },
): void {
  const { roster, sessions, limits } = deps

  app.post('/auth/sign-in', async (c) => {
    const client = deps.clientOf(c)
    const fromClient = limits.signIn.take(client)
    if (!fromClient.allowed) {
      return tooManyRequests(
        fromClient.retryAfterSeconds,
        'Too many sign-in attempts from your address; try again later.',
      )
    }
    const body = SignInBody.safeParse(await c.req.json().catch(() => null))
    if (!body.success) {
      return errorResponse(
        rosterError('VALIDATION', {
          message: 'Send { username, password } as JSON strings.',
          details: { issues: body.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
        }),
      )
    }
    const { username, password } = body.data
    // Counted before the check, so concurrent attempts cannot all slip under the budget; the same
    // for every username, existing or not, so a 429 tells nothing about accounts (A15).
    const budgetKey = signInBudgetKey(client, username)
    const atAccount = limits.signInPerAccount.take(budgetKey)
    if (!atAccount.allowed) {
      return tooManyRequests(
        atAccount.retryAfterSeconds,
        'Too many sign-in attempts for this account from your address: use "Forgot your password?", or try again later.',
      )
    }
    const verified = await roster.credentials.verify({ username, password })
    if (verified.isErr()) return errorResponse(verified.error)
    limits.signInPerAccount.forget(budgetKey)
    startSession(c, sessions, verified.value.id)
    return c.json({ accountId: verified.value.id })
  })

  app.post('/auth/sign-out', (c) => {
    sessions.revoke(sessionToken(c.req.header('cookie')))
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.json({ ok: true })
  })

  // The password rule pages show comes from the roster's own policy, never a number of their own.
  app.get('/auth/password-policy', (c) => c.json(roster.context.policy.password))

  app.get('/auth/session', (c) => {
    const accountId = sessions.verify(sessionToken(c.req.header('cookie')))
    return accountId
      ? c.json({ accountId })
      : c.json({ code: 'UNAUTHENTICATED', message: 'Sign in first.' }, 401)
  })
}
