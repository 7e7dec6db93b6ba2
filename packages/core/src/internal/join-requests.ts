import { err, ok, type Result } from 'neverthrow'
import type { RosterContext } from '../context.js'
import type { Account } from '../domain/account.js'
import type { JoinRequest } from '../domain/join-request.js'
import type { Organization } from '../domain/organization.js'
import { BUILT_IN_ROLES } from '../domain/role.js'
import { type RosterError, rosterError } from '../errors.js'
import type { StorageRepositories } from '../ports/storage.js'
import { linkTo } from './tokens.js'
import type { WriteScope } from './transaction.js'

/** How many deciders are mailed about one new request, at most (the first by account id). */
export const MAX_DECIDERS_MAILED = 100

/** @internal `NOT_FOUND` for an unknown join request. */
export function requestNotFound(requestId: string): RosterError<'NOT_FOUND'> {
  return rosterError('NOT_FOUND', {
    message: 'This join request does not exist.',
    details: { entity: 'join-request', id: requestId },
  })
}

/** @internal `REQUEST_ALREADY_DECIDED`, saying how it was decided (J2). */
export function alreadyDecided(request: JoinRequest): RosterError<'REQUEST_ALREADY_DECIDED'> {
  return rosterError('REQUEST_ALREADY_DECIDED', {
    message: `This request was already ${request.status}.`,
    details: { requestId: request.id, status: request.status },
  })
}

/** @internal A request and its requester's account, or `NOT_FOUND` / `ACCOUNT_NOT_FOUND`. */
export async function loadRequest(
  repos: StorageRepositories,
  requestId: string,
  orgId?: string,
): Promise<
  Result<{ request: JoinRequest; account: Account }, RosterError<'NOT_FOUND' | 'ACCOUNT_NOT_FOUND'>>
> {
  // Without the org the caller named, one cross-org lookup finds it; every other statement names it.
  const org = orgId ?? (await repos.joinRequests.orgOf(requestId))
  const request = org === null ? null : await repos.joinRequests.findById(org, requestId)
  if (!request) return err(requestNotFound(requestId))
  const account = await repos.accounts.findById(request.accountId)
  if (!account) return err(rosterError('ACCOUNT_NOT_FOUND', { details: { accountId: request.accountId } }))
  return ok({ request, account })
}

/**
 * @internal Mails `join-request-received` to the org's deciders: active members holding, org-wide,
 * a role with `join-requests:decide` (J2) — each in their own language. Two reads: the holders of
 * those roles, then their accounts.
 */
export async function mailDeciders(
  ctx: RosterContext,
  w: WriteScope,
  org: Organization,
  request: JoinRequest,
  requester: Account,
): Promise<void> {
  const custom = await w.tx.roles.list(org.id)
  const roleIds = [
    ...Object.values(BUILT_IN_ROLES)
      .filter((role) => role.permissions === '*' || role.permissions.includes('join-requests:decide'))
      .map((role) => role.id),
    ...custom.filter((role) => role.permissions.includes('join-requests:decide')).map((role) => role.id),
  ]
  const ids = await w.tx.grants.holders(org.id, roleIds, MAX_DECIDERS_MAILED)
  if (ids.length === 0) return
  const deciders = await w.tx.accounts.findByIds(ids)
  const url = linkTo(ctx, ctx.links.joinRequests, { orgId: org.id, requestId: request.id })
  for (const decider of deciders) {
    await w.mail({
      orgId: org.id,
      to: decider.email,
      template: 'join-request-received',
      language: decider.language,
      data: {
        firstName: decider.firstName,
        lastName: decider.lastName,
        username: decider.username,
        orgName: org.name,
        requesterName: `${requester.firstName} ${requester.lastName}`,
        requesterEmail: requester.email,
        message: request.message,
        requestId: request.id,
        url,
      },
    })
  }
}

/** @internal Mails `join-request-decided` to the requester (J2). */
export async function mailDecision(
  ctx: RosterContext,
  w: WriteScope,
  org: Organization,
  request: JoinRequest,
  requester: Account,
): Promise<void> {
  const approved = request.status === 'approved'
  await w.mail({
    orgId: org.id,
    to: requester.email,
    template: 'join-request-decided',
    language: requester.language,
    data: {
      firstName: requester.firstName,
      lastName: requester.lastName,
      username: requester.username,
      orgName: org.name,
      decision: approved ? 'approved' : 'denied',
      reason: request.reason,
      requestId: request.id,
      ...(approved ? { url: ctx.baseUrl } : {}),
    },
  })
}
