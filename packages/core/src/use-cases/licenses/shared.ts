import { err, ok, type Result } from 'neverthrow'
import { type LicensePoolView, seatChanges, toPoolView } from '../../domain/license.js'
import type { Membership } from '../../domain/membership.js'
import { type RosterError, rosterError } from '../../errors.js'
import type { OrgAccess } from '../../internal/authorize.js'
import { memberNotFound } from '../../internal/members.js'
import type { WriteScope } from '../../internal/transaction.js'
import type { StorageRepositories } from '../../ports/storage.js'

/** @internal `NOT_FOUND` for a product the org has no pool of. */
export function poolNotFound(product: string): RosterError<'NOT_FOUND'> {
  return rosterError('NOT_FOUND', {
    message: `The organization has no ${product} license pool; create it with licenses.createPool.`,
    details: { entity: 'license-pool', product },
  })
}

/** @internal `NO_SEATS_AVAILABLE` with the pool's counts (L2, N2). */
export function noSeatsAvailable(
  product: string,
  counts: { seats: number; assigned: number },
  message?: string,
): RosterError<'NO_SEATS_AVAILABLE'> {
  return rosterError('NO_SEATS_AVAILABLE', {
    message:
      message ??
      `Every ${product} seat is taken (${counts.assigned} of ${counts.seats}); buy a license first or free a seat.`,
    details: { product, seats: counts.seats, assigned: counts.assigned },
  })
}

/**
 * @internal The member a seat or number is for: `NOT_FOUND` when not a member (any status),
 * `NOT_LICENSABLE` for a guest (L3). Invited and disabled employees may hold seats (A12).
 * `folded` is the membership the access check already read (`also.member`); undefined reads it.
 */
export async function licensableMember(
  repos: StorageRepositories,
  orgId: string,
  accountId: string,
  what: string,
  folded?: Membership | null,
): Promise<Result<Membership, RosterError<'NOT_FOUND' | 'NOT_LICENSABLE'>>> {
  const membership = folded !== undefined ? folded : await repos.memberships.find(orgId, accountId)
  if (!membership) return err(memberNotFound(orgId, accountId))
  if (membership.type !== 'employee') {
    return err(
      rosterError('NOT_LICENSABLE', {
        message: `Guests are never licensed, so they cannot hold ${what}; make them an employee first.`,
        details: { accountId, type: membership.type },
      }),
    )
  }
  return ok(membership)
}

/** @internal `FORBIDDEN` unless the actor holds one of the permissions (org-wide). */
export function requireAny(
  access: OrgAccess,
  permissions: readonly string[],
): Result<void, RosterError<'FORBIDDEN'>> {
  if (permissions.some((permission) => access.can(permission))) return ok(undefined)
  return err(
    rosterError('FORBIDDEN', {
      message: `You need the ${permissions.join(' or ')} permission.`,
      details: { permission: permissions[0], anyOf: permissions },
    }),
  )
}

/**
 * @internal Records a pool that was resized (L5): audits `action` with the counts before and after,
 * emits `license.seats-changed`, and returns the pool's view.
 */
export async function recordSeatsResized(
  w: WriteScope,
  access: OrgAccess,
  product: string,
  action: 'license.seats-added' | 'license.seats-removed',
  resized: { before: number; seats: number; assigned: number },
): Promise<LicensePoolView> {
  const orgId = access.org.id
  const after = { seats: resized.seats, assigned: resized.assigned }
  await w.audit({
    orgId,
    action,
    targetType: 'license-pool',
    targetId: product,
    changes: seatChanges({ seats: resized.before, assigned: resized.assigned }, after),
  })
  w.emit('license.seats-changed', { orgId, product, seats: resized.seats, actor: w.actor })
  return toPoolView(product, after, access.org.settings.requiredProducts)
}
