import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { getRequestListener } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { createRoster, type PasswordHasher, type Roster, rosterError, systemActor } from '@roster/core'
import { createRosterHandler } from '@roster/core/http'
import { createScimHandler } from '@roster/scim'
import { type Context, Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { errorResponse, mountAuthRoutes, signInBudgetKey, startSession } from './auth-routes.js'
import { clientKey, requestAddress } from './client-address.js'
import { type ClientLimits, createClientLimits, DEMO_LOCKOUT, type DemoRateLimits } from './client-limits.js'
import { mountDevMailbox } from './dev-mailbox.js'
import { DEMO_DIRECTORY_SOURCES } from './directory.js'
import { tooManyRequests } from './rate-limit.js'
import { crossSiteRefused, limitBody, sameOriginJsonWrites } from './request-guards.js'
import {
  createDevMailbox,
  DEMO_LOGIN,
  DEMO_PERMISSIONS,
  type DemoOrg,
  type DevMailbox,
  ensureDemoOrg,
} from './seed.js'
import { createSessions, type Sessions, sessionToken } from './session.js'
import { createStaticHandler } from './static.js'
import { createStorage, type DemoStorage } from './storage.js'

const here = dirname(fileURLToPath(import.meta.url))

export interface DemoOptions {
  /** Where PGlite keeps its files. Default `examples/staff-admin/.data`. */
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
  /** Per-client limits (DS5); each one given replaces its default (`defaultRateLimits()`). */
  rateLimits?: Partial<DemoRateLimits>
  /**
   * Key clients by the last `X-Forwarded-For` hop instead of the socket (DS6). Only behind your own
   * reverse proxy, which sets that header: otherwise a client picks its own key. Default false.
   */
  trustProxy?: boolean
  /** Tests pass cheap scrypt parameters (seeding hashes a dozen passwords). Default: Roster's scrypt. */
  passwordHasher?: PasswordHasher
}

export interface Demo {
  url: string
  roster: Roster<string>
  storage: DemoStorage
  org: DemoOrg
  login: typeof DEMO_LOGIN
  /** The mail the demo delivered (what the dev mailbox lists). */
  mailbox: DevMailbox
  close(): Promise<void>
}

/**
 * Starts the staff-admin demo: storage (migrated and seeded on first start), the Roster handler
 * under `/api/roster`, SCIM 2.0 for identity providers under `/scim/v2`, sign-in with a server-side session in an HttpOnly cookie, per-client rate
 * limits, the dev mailbox (signed-in demo-org admins only; a development aid, never deploy it), and
 * the built app.
 *
 * @example
 * const demo = await startDemo({ port: 0, storage: 'memory' })
 * console.log(demo.url, demo.login)
 * await demo.close()
 */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const dataDir = options.dataDir ?? join(here, '../../.data')
  const storage = await createStorage({ dataDir, databaseUrl: options.databaseUrl, kind: options.storage })

  // Listen first, so mailed links carry the real address even on port 0.
  let app: Hono | null = null
  // The node bindings go along as Hono's env: the per-client limits read the socket's address.
  const listener = getRequestListener((request, env) =>
    app ? app.fetch(request, env) : new Response('Starting…', { status: 503 }),
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
      policy: { lockout: DEMO_LOCKOUT },
      ...(options.passwordHasher ? { passwordHasher: options.passwordHasher } : {}),
    }) as unknown as Roster<string>
    const org = await ensureDemoOrg(roster, mailbox)
    app = createApp({
      roster,
      org,
      mailbox,
      sessions: createSessions(),
      limits: createClientLimits(options.rateLimits),
      trustProxy: options.trustProxy ?? false,
      appDir: options.appDir ?? join(here, '../../dist'),
    })
    return {
      url,
      roster,
      storage,
      org,
      login: DEMO_LOGIN,
      mailbox,
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

const AUTH_BODY_LIMIT = 16 * 1024
/** Where the demo serves SCIM: the base URL an IdP is given is `<demo url>/scim/v2`. */
export const SCIM_BASE_PATH = '/scim/v2'
const RESET_PASSWORD_PATH = '/api/roster/credentials/resetPassword'
const CHANGE_PASSWORD_PATH = '/api/roster/credentials/changePassword'

/** Account events after which an account's sessions must not go on (DS4). */
const SESSION_ENDING_EVENTS = ['account.disabled', 'account.deleted', 'account.password-changed'] as const

/** The socket's peer address, when the request came through `@hono/node-server` (not in `app.fetch` tests). */
function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address
  } catch {
    return undefined
  }
}

/**
 * The demo's Hono app: security headers; CSRF protection on every write (DS2); bounded bodies and
 * no 5xx for client input (DS3); server-side sessions (DS4); per-client limits (DS5) on sign-in and
 * the public use-cases; the dev mailbox for demo-org admins (DS1); the Roster handler; SCIM at
 * `/scim/v2` (bearer tokens, outside the browser guards); the built app.
 */
export function createApp(deps: {
  roster: Roster<string>
  org: DemoOrg
  /** Where the demo's mail is delivered (the dev mailbox lists it). */
  mailbox: DevMailbox
  sessions: Sessions
  limits: ClientLimits
  trustProxy: boolean
  appDir: string
}) {
  const { roster, sessions, limits } = deps
  const app = new Hono()
  const signedIn = (request: Request) => sessions.verify(sessionToken(request.headers.get('cookie')))
  const clientOf = (c: Context) =>
    clientKey(requestAddress(socketAddress(c), c.req.header('x-forwarded-for'), deps.trustProxy))

  for (const type of SESSION_ENDING_EVENTS) {
    roster.events.on(type, ({ accountId }) => {
      sessions.revokeAccount(accountId)
    })
  }

  app.use('*', async (c, next) => {
    await next()
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value)
  })
  // SCIM 2.0 for the org's identity provider (Okta, Entra ID): mounted before the browser guards, as
  // its callers are servers with a connection's bearer token (no cookie, so nothing for CSRF to
  // protect) that send `application/scim+json`; the handler bounds bodies and rates per connection.
  const scim = createScimHandler(roster, {
    basePath: SCIM_BASE_PATH,
    onError: (error) => console.error('scim handler:', error),
  })
  app.all(SCIM_BASE_PATH, (c) => scim(c.req.raw))
  app.all(`${SCIM_BASE_PATH}/*`, (c) => scim(c.req.raw))

  app.use('*', ...sameOriginJsonWrites())
  app.use('/auth/*', limitBody(AUTH_BODY_LIMIT))

  const handler = createRosterHandler(roster, {
    basePath: '/api/roster',
    authenticate: (request) => {
      const accountId = signedIn(request)
      return accountId ? { accountId } : null
    },
    onError: (error) => console.error('roster handler:', error),
  })
  app.all('/api/roster/*', async (c) => {
    // The raw path, as the handler dispatches on it: `/api/roster/<namespace>/<method>`.
    const pathname = new URL(c.req.url).pathname
    const procedure = pathname.slice('/api/roster/'.length).replace('/', '.')
    const limiter = limits.forProcedure(procedure)
    const client = clientOf(c)
    if (limiter) {
      const taken = limiter.take(client)
      if (!taken.allowed) return tooManyRequests(taken.retryAfterSeconds)
    }
    // Read before the handler runs: a changed password ends this very session (DS4).
    const accountId = pathname === CHANGE_PASSWORD_PATH ? signedIn(c.req.raw) : null
    const response = await handler(c.req.raw)
    if (accountId && response.ok) {
      // Every session of the account ended with the old password; the person who changed it stays
      // signed in here with a fresh one, so the others are the only ones signed out.
      startSession(c, sessions, accountId)
      return c.body(await response.arrayBuffer(), 200, Object.fromEntries(response.headers))
    }
    if (pathname === RESET_PASSWORD_PATH && response.ok) {
      // Whoever just chose a new password through a mailed link may sign in again from here at once.
      const account = (await response
        .clone()
        .json()
        .catch(() => ({}))) as { username?: unknown }
      if (typeof account.username === 'string') {
        limits.signInPerAccount.forget(signInBudgetKey(client, account.username))
      }
    }
    return response
  })

  mountAuthRoutes(app, { roster, sessions, limits, clientOf })
  mountDevMailbox(app, { roster, mailbox: deps.mailbox, orgId: deps.org.orgId, signedIn })
  // The demo org's join code (its id) and name, so a stranger trying the demo knows what to ask to
  // join. A real app shares the code through its admins (a link such as /join?org=…), not a route.
  app.get('/demo/org', async (c) => {
    const org = await roster.orgs.get(systemActor('demo: join code'), { orgId: deps.org.orgId })
    return org.isOk() ? c.json({ orgId: org.value.id, name: org.value.name }) : errorResponse(org.error)
  })

  const serveApp = createStaticHandler(deps.appDir)
  app.get('*', (c) => serveApp(new URL(c.req.url).pathname))
  app.notFound(() => errorResponse(rosterError('NOT_FOUND', { details: { entity: 'route' } })))
  app.onError((error) => {
    if (error instanceof HTTPException) {
      // Hono's csrf() refuses with a plain 403: answer in the same JSON shape as everything else.
      return error.status === 403 ? crossSiteRefused() : error.getResponse()
    }
    console.error(error)
    return new Response(JSON.stringify({ code: 'STORAGE_FAILURE', message: 'Unexpected server error.' }), {
      status: 500,
      headers: { 'content-type': 'application/json' },
    })
  })
  return app
}
