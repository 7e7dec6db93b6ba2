// A person the source no longer lists (S2), after a complete pass: their membership disabled —
// roles, seats and numbers kept for re-enabling (A12) — or removed under `onMissing: 'remove'` (A13).
import type { ConnectionLink } from '../../domain/connection.js'
import type { Membership } from '../../domain/membership.js'
import { removeMembership } from '../member-removal.js'
import type { BatchContext } from './context.js'

/** A person the source no longer lists, after a complete pass: disable (or remove) their membership. */
export async function syncMissing(
  b: BatchContext,
  link: ConnectionLink,
): Promise<'disabled' | 'removed' | 'none'> {
  const membership = await b.w.tx.memberships.find(b.connection.orgId, link.accountId)
  if (!membership || membership.source !== b.connection.id) {
    await b.w.tx.connectionLinks.delete(b.scope, link.externalId)
    return 'none'
  }
  if (b.connection.onMissing === 'remove') {
    await removeMembership(b.w, membership)
    await b.w.tx.connectionLinks.delete(b.scope, link.externalId)
    return 'removed'
  }
  const changed = membership.status !== 'disabled'
  if (changed) await disableSyncedMember(b, membership)
  await b.w.tx.connectionLinks.update(b.scope, link.externalId, { missingSince: b.w.now, updatedAt: b.w.now })
  return changed ? 'disabled' : 'none'
}

/** Disables a synced membership (A12: roles, seats and numbers stay for re-enabling). */
export async function disableSyncedMember(
  b: Pick<BatchContext, 'w'>,
  membership: Membership,
  extra: Partial<Pick<Membership, 'source'>> = {},
): Promise<void> {
  const { w } = b
  await w.tx.memberships.update(membership.orgId, membership.accountId, {
    status: 'disabled',
    ...extra,
    updatedAt: w.now,
  })
  await w.audit({
    orgId: membership.orgId,
    action: 'member.disabled',
    targetType: 'account',
    targetId: membership.accountId,
    changes: {
      status: { before: membership.status, after: 'disabled' },
      ...(extra.source !== undefined ? { source: { before: membership.source, after: extra.source } } : {}),
    },
  })
  w.emit('member.disabled', { orgId: membership.orgId, accountId: membership.accountId, actor: w.actor })
}
