import { err, ok, type Result } from 'neverthrow'
import type { RosterContext } from '../context.js'
import { type Actor, isSystemActor } from '../domain/actor.js'
import type { MemberView } from '../domain/member-view.js'
import type { Membership } from '../domain/membership.js'
import type { Organization } from '../domain/organization.js'
import { type RosterError, rosterError } from '../errors.js'
import type { StorageRepositories } from '../ports/storage.js'
import { type OrgAccess, orgNotFound } from './authorize.js'
import { memberViews } from './views.js'

/** @internal `NOT_FOUND` for a person who is not a member of the org (any status). */
export function memberNotFound(orgId: string, accountId: string): RosterError<'NOT_FOUND'> {
  return rosterError('NOT_FOUND', {
    message: 'This person is not a member of the organization.',
    details: { entity: 'member', orgId, accountId },
  })
}

/** @internal `FOUNDER_PROTECTED` (O2), saying what was refused: `founderProtected('be disabled')`. */
export function founderProtected(what: string): RosterError<'FOUNDER_PROTECTED'> {
  return rosterError('FOUNDER_PROTECTED', {
    message: `The founder cannot ${what}; transfer foundership first.`,
  })
}

/** @internal One member's directory view for the authorized actor (one row read), or `NOT_FOUND`. */
export async function loadMemberView(
  ctx: RosterContext,
  repos: StorageRepositories,
  access: OrgAccess,
  accountId: string,
): Promise<Result<MemberView, RosterError<'NOT_FOUND'>>> {
  const row = await repos.memberships.row(access.org.id, accountId)
  if (!row) return err(memberNotFound(access.org.id, accountId))
  const [view] = await memberViews(ctx, repos, access, [row])
  return ok(view!)
}

/**
 * @internal The actor's own `invited` membership in an org (A2b), for accepting or declining.
 * `INVALID_STATE` unless the actor is a person with an active account and an invitation there.
 */
export async function findOwnInvitation(
  repos: StorageRepositories,
  actor: Actor,
  orgId: string,
): Promise<
  Result<
    { org: Organization; membership: Membership },
    RosterError<'FORBIDDEN' | 'ORG_NOT_FOUND' | 'INVALID_STATE'>
  >
> {
  if (isSystemActor(actor)) {
    return err(rosterError('FORBIDDEN', { message: 'Only the invited person can answer an invitation.' }))
  }
  const org = await repos.orgs.findById(orgId)
  const membership = org ? await repos.memberships.find(orgId, actor.accountId) : null
  // X7: an org the person has no membership in answers like one that does not exist.
  if (!org || !membership) return err(orgNotFound(orgId))
  const account = await repos.accounts.findById(actor.accountId)
  if (account?.status !== 'active') {
    return err(rosterError('INVALID_STATE', { message: 'Activate your account first.' }))
  }
  if (membership.status !== 'invited') {
    return err(
      rosterError('INVALID_STATE', {
        message: 'You have no pending invitation to this organization.',
        details: { membershipStatus: membership.status },
      }),
    )
  }
  return ok({ org, membership })
}
