// The A13 removal rule, in one place: `members.remove`, sync's `onMissing: 'remove'` and
// `connections.disconnect({ members: 'remove' })` all remove a membership the same way.
import type { Account } from '../domain/account.js'
import type { Membership } from '../domain/membership.js'
import { accountCreatedIn } from './account-authority.js'
import { LOCAL_SOURCE } from './managed-fields.js'
import type { WriteScope } from './transaction.js'

/** @internal What a removal did beyond the membership itself. */
export interface MemberRemoval {
  /** True when the account went too: it had no other membership and was never activated (A13). */
  accountDeleted: boolean
}

/**
 * @internal Removes one membership inside the caller's transaction (A13): storage deletes it with its
 * role assignments and frees its seats and numbers in the same statement set; then an account left
 * with no membership that was never activated is deleted too (A5: a pending person can be deleted
 * outright). The caller has already checked who may remove whom (O2, the actor's permission).
 * Audits `member.removed` (and `account.deleted`, with only the id) and queues the events.
 */
export async function removeMembership(
  w: WriteScope,
  membership: Membership,
  /** The account's status when the caller already read it (`members.remove`'s access check). */
  accountStatus?: Account['status'] | null,
): Promise<MemberRemoval> {
  const { orgId, accountId } = membership
  // Audited before the delete, so a storage that holds appends back (Postgres) sends the event in
  // the delete's own statement rather than in one more before COMMIT (issue 15).
  await w.audit({
    orgId,
    action: 'member.removed',
    targetType: 'account',
    targetId: accountId,
    changes: {
      type: { before: membership.type },
      status: { before: membership.status },
      // Which connection managed it, when one did: a local membership has nothing to add.
      ...(membership.source !== LOCAL_SOURCE ? { source: { before: membership.source } } : {}),
    },
  })
  await w.tx.memberships.delete(orgId, accountId)
  w.emit('member.removed', { orgId, accountId, actor: w.actor })
  // An account no longer pending never becomes pending again (activation is one-way), so a
  // status read earlier in the transaction settles "it stays"; a pending one is read again below.
  if (accountStatus === 'active' || accountStatus === 'disabled') return { accountDeleted: false }
  return { accountDeleted: await deleteAccountIfOrphaned(w, orgId, accountId) }
}

/**
 * The second half of A13: a never-activated account with no membership left has nobody to
 * activate it for, so it goes. An active (or disabled) account is a person's own identity and stays.
 */
async function deleteAccountIfOrphaned(w: WriteScope, orgId: string, accountId: string): Promise<boolean> {
  const account = await w.tx.accounts.findById(accountId)
  if (account?.status !== 'pending_activation') return false
  if ((await w.tx.memberships.listForAccount(accountId)).length > 0) return false
  // AA8: only the org that created the account deletes it; one that merely invited a pending
  // account (someone's own sign-up, another org's invitee) removes its invitation, not the person.
  if (!(await accountCreatedIn(w.tx, orgId, accountId))) return false
  await w.tx.accounts.delete(accountId)
  // Only the id: the person's data is gone, and the audit log must not keep a copy of it.
  await w.audit({ orgId, action: 'account.deleted', targetType: 'account', targetId: accountId })
  w.emit('account.deleted', { accountId })
  return true
}
