import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { getRequestListener } from '@hono/node-server'
import { createRoster, ROSTER_ERRORS, type Roster, type RosterError } from '@roster/core'
import { createRosterHandler } from '@roster/core/http'
import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { DEMO_DIRECTORY_SOURCES } from './directory.js'
import { createSessions, loadSecret, SESSION_COOKIE, type Sessions } from './session.js'
import {
  createDevMailbox,
  DEMO_LOGIN,
  DEMO_PERMISSIONS,
  type DemoOrg,
  type DevMailbox,
  ensureDemoOrg,
} from './seed.js'
import { createStaticHandler } from './static.js'
import { createStorage, type DemoStorage } from './storage.js'

const here = dirname(fileURLToPath(import.meta.url))

export interface DemoOptions {
  /** Where PGlite and the session secret live. Default `examples/staff-admin/.data`. */
  dataDir?: string
  /** Default 127.0.0.1. */
  host?: string
  /** Default 3000; 0 picks a free port. */
  port?: number
  /** A Postgres server instead of PGlite. */
  databaseUrl?: string | undefined
  /** `memory` keeps nothing. Default: PGlite, or Postgres with `databaseUrl`. */
  storage?: 'postgres' | 'memory'
  /** The Vite build to serve. Default `examples/staff-admin/dist`. */
  appDir?: string
}

export interface Demo {
  url: string
  roster: Roster<string>
  storage: DemoStorage
  org: DemoOrg
  login: typeof DEMO_LOGIN
  close(): Promise<void>
}

/**
 * Starts the staff-admin demo: storage (migrated and seeded on first start), the Roster handler
 * under `/api/roster`, sign-in with a signed HttpOnly cookie, the dev mailbox, and the built app.
 */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const dataDir = options.dataDir ?? join(here, '../../.data')
  const storage = await createStorage({ dataDir, databaseUrl: options.databaseUrl, kind: options.storage })

  // Listen first, so mailed links carry the real address even on port 0.
  let app: Hono | null = null
  const listener = getRequestListener((request) =>
    app ? app.fetch(request) : new Response('Starting…', { status: 503 }),
  )
  const server = createServer(listener)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', resolve)
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const url = `http://${host}:${address.port}`

  try {
    // Mail is delivered to a mailbox in memory, which the dev mailbox page lists.
    const mailbox = createDevMailbox()
    const roster = createRoster({
      storage: storage.storage,
      mailer: mailbox,
      baseUrl: url,
      permissions: DEMO_PERMISSIONS,
      directorySources: DEMO_DIRECTORY_SOURCES,
    }) as unknown as Roster<string>
    const org = await ensureDemoOrg(roster, mailbox)
    const sessions = createSessions(loadSecret(dataDir))
    app = createApp({
      roster,
      storage,
      mailbox,
      sessions,
      appDir: options.appDir ?? join(here, '../../dist'),
    })
    return {
      url,
      roster,
      storage,
      org,
      login: DEMO_LOGIN,
      close: async () => {
        await closeServer(server)
        await storage.close()
      },
    }
  } catch (error) {
    await closeServer(server)
    await storage.close()
    throw error
  }
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  // Activation links carry their token in the query string: never leak it in a Referer.
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
}

function errorResponse(error: RosterError): Response {
  return Response.json(error, { status: ROSTER_ERRORS[error.code]?.status ?? 400 })
}

export function createApp(deps: {
  roster: Roster<string>
  storage: DemoStorage
  /** Where the demo's mail is delivered (the dev mailbox lists it). */
  mailbox: DevMailbox
  sessions: Sessions
  appDir: string
}) {
  const { roster, sessions } = deps
  const app = new Hono()
  const secure = (url: string) => url.startsWith('https:')

  app.use('*', async (c, next) => {
    await next()
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value)
  })

  const handler = createRosterHandler(roster, {
    basePath: '/api/roster',
    authenticate: (request) => {
      const accountId = sessions.verify(cookieValue(request.headers.get('cookie'), SESSION_COOKIE))
      return accountId ? { accountId } : null
    },
    onError: (error) => console.error('roster handler:', error),
  })
  app.all('/api/roster/*', (c) => handler(c.req.raw))

  // Sign-in runs credentials.verify on the server (it is never exposed over the handler).
  app.post('/auth/sign-in', async (c) => {
    if (!(c.req.header('content-type') ?? '').startsWith('application/json')) {
      return c.json({ code: 'VALIDATION', message: 'Send JSON.' }, 415)
    }
    const body = (await c.req.json().catch(() => null)) as { username?: unknown; password?: unknown } | null
    const verified = await roster.credentials.verify({
      username: String(body?.username ?? ''),
      password: String(body?.password ?? ''),
    })
    if (verified.isErr()) return errorResponse(verified.error)
    setCookie(c, SESSION_COOKIE, sessions.issue(verified.value.id), {
      httpOnly: true,
      sameSite: 'Lax',
      secure: secure(c.req.url),
      path: '/',
      maxAge: sessions.maxAge,
    })
    return c.json({ accountId: verified.value.id })
  })
  app.post('/auth/sign-out', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.json({ ok: true })
  })
  app.get('/auth/session', (c) => {
    const accountId = sessions.verify(getCookie(c, SESSION_COOKIE))
    return accountId
      ? c.json({ accountId })
      : c.json({ code: 'UNAUTHENTICATED', message: 'Sign in first.' }, 401)
  })

  // Dev mailbox: the mail delivered since the server started, newest first. A demo convenience: a
  // real app sends mail instead.
  app.get('/dev/outbox', async (c) => {
    return c.json(
      [...deps.mailbox.delivered].reverse().map((m) => ({
        id: m.id,
        to: m.to,
        subject: m.subject,
        text: m.text,
        template: m.template,
        url: typeof m.data.url === 'string' ? m.data.url : null,
        status: 'sent',
        createdAt: m.deliveredAt.toISOString(),
      })),
      200,
      { 'cache-control': 'no-store' },
    )
  })

  const serveApp = createStaticHandler(deps.appDir)
  app.get('*', (c) => serveApp(new URL(c.req.url).pathname))
  app.onError((error) => {
    console.error(error)
    return new Response(JSON.stringify({ code: 'STORAGE_FAILURE', message: 'Unexpected server error.' }), {
      status: 500,
      headers: { 'content-type': 'application/json' },
    })
  })
  return app
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return decodeURIComponent(rest.join('='))
  }
  return undefined
}
