import { err, ok, type ResultAsync } from 'neverthrow'
import type { RosterContext } from '../../context.js'
import { type Actor, isSystemActor } from '../../domain/actor.js'
import type { MembershipStatus, MembershipType } from '../../domain/membership.js'
import { type OrgView, toOrgView } from '../../domain/organization.js'
import { type RosterError, rosterError } from '../../errors.js'
import { runUseCase } from '../../internal/use-case.js'

/** One org the actor belongs to, with their membership in it. */
export interface MyOrgView {
  org: OrgView
  /** `invited` ones are listed too, so the person can accept or decline (A2b). */
  membershipStatus: MembershipStatus
  type: MembershipType
  isFounder: boolean
  /** When the membership was created (ISO). */
  memberSince: string
}

export type ListMyOrgsError = RosterError<'VALIDATION' | 'FORBIDDEN' | 'STORAGE_FAILURE'>

/**
 * The orgs the signed-in person belongs to, oldest membership first, with the membership's
 * status — invited and disabled ones included, so an org switcher can offer "accept" (A2b).
 * Only the person's own memberships are read (X3). Needs a person actor.
 *
 * @example
 * const mine = await roster.orgs.listMine({ accountId })
 * const invitations = mine.map((list) => list.filter((o) => o.membershipStatus === 'invited'))
 */
export function listMyOrgs(ctx: RosterContext, actor: Actor): ResultAsync<MyOrgView[], ListMyOrgsError> {
  return runUseCase(async () => {
    if (isSystemActor(actor)) {
      return err(rosterError('FORBIDDEN', { message: 'Only a person belongs to organizations.' }))
    }
    const entries = await ctx.storage.orgs.listForAccount(actor.accountId)
    return ok(
      entries.map(({ org, membership }) => ({
        org: toOrgView(org),
        membershipStatus: membership.status,
        type: membership.type,
        isFounder: org.founderId === actor.accountId,
        memberSince: membership.createdAt.toISOString(),
      })),
    )
  })
}
