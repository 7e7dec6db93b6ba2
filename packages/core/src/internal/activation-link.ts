import type { RosterContext } from '../context.js'
import type { Account } from '../domain/account.js'
import { durationMs } from '../policy.js'
import { issueToken } from './tokens.js'
import type { WriteScope } from './transaction.js'

/**
 * @internal Mails a pending account a fresh activation link (A5, A9, A10): revokes its older
 * activation tokens, issues a new one valid `policy.activationTtl` (X1: only the hash is stored) and
 * queues the `activation` mail in the account's language. The mail names `org` when given, else the
 * oldest org the account belongs to.
 */
export async function mailActivationLink(
  ctx: RosterContext,
  w: WriteScope,
  account: Account,
  org?: { id: string; name: string },
): Promise<{ expiresAt: Date }> {
  const named = org ?? (await w.tx.orgs.listForAccount(account.id))[0]?.org
  const link = await issueToken(ctx, w.tx, {
    kind: 'activation',
    accountId: account.id,
    ttlMs: durationMs(ctx.policy.activationTtl),
    now: w.now,
    revokeOlder: true,
  })
  await w.mail({
    orgId: named?.id ?? null,
    to: account.email,
    template: 'activation',
    language: account.language,
    data: {
      ...(named ? { orgName: named.name } : {}),
      firstName: account.firstName,
      lastName: account.lastName,
      username: account.username,
      token: link.token,
      url: link.url,
      expiresAt: link.expiresAt.toISOString(),
    },
  })
  return { expiresAt: link.expiresAt }
}
