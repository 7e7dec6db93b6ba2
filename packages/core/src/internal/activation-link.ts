import type { RosterContext } from '../context.js'
import type { Account } from '../domain/account.js'
import { durationMs } from '../policy.js'
import type { WriteScope } from './transaction.js'

/** @internal Options of `mailActivationLink`. */
export interface ActivationMailOptions {
  /**
   * The account was created in this transaction (sign-up, `members.add`, sync): it has no older
   * link to revoke and no other org to name, so neither is looked up.
   */
  newAccount?: boolean
}

/**
 * @internal The one activation mail (A3, A5, A9, A10): a link holding a single-use token valid
 * `policy.activationTtl` (X1: only its hash is stored; older activation links of the account are
 * revoked first), queued as the `activation` mail in the account's language. Used by sign-up,
 * `members.add`, directory sync, `activation.resend`, `activation.requestNewLink` and a pending
 * account's email change.
 */
export async function mailActivationLink(
  ctx: RosterContext,
  w: WriteScope,
  account: Account,
  /** The org the mail names and is filed under; omitted, the oldest org the account belongs to. */
  org?: { id: string; name: string },
  options: ActivationMailOptions = {},
): Promise<{ expiresAt: Date }> {
  const named = org ?? (options.newAccount ? undefined : (await w.tx.orgs.listForAccount(account.id))[0]?.org)
  const { expiresAt } = await w.mail({
    orgId: named?.id ?? null,
    to: account.email,
    template: 'activation',
    language: account.language,
    data: {
      ...(named ? { orgName: named.name } : {}),
      firstName: account.firstName,
      lastName: account.lastName,
      username: account.username,
    },
    link: {
      accountId: account.id,
      ttlMs: durationMs(ctx.policy.activationTtl),
      ...(options.newAccount ? {} : { revokeOlder: true }),
    },
  })
  // A link template always yields its expiry.
  return { expiresAt: expiresAt as Date }
}
