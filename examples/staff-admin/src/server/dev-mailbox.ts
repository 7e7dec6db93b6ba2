import type { Roster } from '@roster/core'
import { rosterError } from '@roster/core'
import type { Hono, MiddlewareHandler } from 'hono'
import type { DevMailbox } from './seed.js'

// DEVELOPMENT AID — NEVER DEPLOY. The dev mailbox shows mail the demo "sent", activation and reset
// links included: whoever reads it can activate or take over the accounts it names.

const ADMIN_ROLES = new Set(['owner', 'admin'])

/**
 * Is this account an active admin of the demo org: active account, active membership, and the
 * built-in `owner` or `admin` role org-wide (DS1)? Asked through `members.get` as that account,
 * so Roster's own authorization reads the membership. A custom role never qualifies, whatever it
 * holds: the mailbox hands out other people's sign-in links, which no permission is meant to grant.
 *
 * @example
 * if (!(await isDemoOrgAdmin(roster, org.orgId, accountId))) return c.json({ code: 'FORBIDDEN' }, 403)
 */
export async function isDemoOrgAdmin(
  roster: Roster<string>,
  orgId: string,
  accountId: string,
): Promise<boolean> {
  const self = await roster.members.get({ accountId }, { orgId, accountId })
  if (self.isErr()) return false
  const member = self.value
  return (
    member.accountStatus === 'active' &&
    member.membershipStatus === 'active' &&
    member.grants.some((grant) => grant.scope === 'org' && ADMIN_ROLES.has(grant.roleId))
  )
}

/**
 * Guards every route under `/dev/` — the mailbox and anything added there later (DS1): 401 without
 * a session, 403 unless the session is an admin of the demo org. Nothing under `/dev/` is cached.
 */
export function requireDemoOrgAdmin(deps: {
  roster: Roster<string>
  orgId: string
  signedIn(request: Request): string | null
}): MiddlewareHandler {
  return async (c, next) => {
    const accountId = deps.signedIn(c.req.raw)
    if (!accountId) return c.json(rosterError('UNAUTHENTICATED', { message: 'Sign in first.' }), 401)
    if (!(await isDemoOrgAdmin(deps.roster, deps.orgId, accountId))) {
      return c.json(
        rosterError('FORBIDDEN', { message: 'The dev mailbox is for admins of the demo organization.' }),
        403,
      )
    }
    await next()
    c.header('cache-control', 'no-store')
  }
}

/**
 * `GET /dev/outbox`: the mail delivered since the server started, newest first, so a developer can
 * follow an activation link — behind `requireDemoOrgAdmin` like everything under `/dev/` (DS1).
 * A real app plugs in a mailer (`@roster/mailer-smtp`) instead.
 */
export function mountDevMailbox(
  app: Hono,
  deps: {
    roster: Roster<string>
    mailbox: DevMailbox
    orgId: string
    signedIn(request: Request): string | null
  },
): void {
  app.use('/dev/*', requireDemoOrgAdmin(deps))
  app.get('/dev/outbox', (c) =>
    c.json(
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
    ),
  )
}
