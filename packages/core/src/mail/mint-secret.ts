import type { RosterContext } from '../context.js'
import type { MailMessage, OutboxMessage } from '../domain/mail-message.js'
import { newTemporaryPassword } from '../internal/secrets.js'
import { mintToken, tokenLink } from '../internal/tokens.js'
import { durationMs } from '../policy.js'
import { renderMail } from './templates.js'

/** @internal What the delivery step hands the mailer, or why the mail must not go. */
export type PreparedMail = { status: 'ready'; message: MailMessage } | { status: 'void'; reason: string }

/**
 * @internal The render/mint step of delivery (X5): a message whose outbox row holds a `mint`
 * instruction instead of its secret gets a fresh one here, right before it is sent, and is rendered
 * with it. The secret is never written to the outbox.
 *
 * - A link: the account's unused tokens of that kind are revoked — the link of an earlier attempt
 *   of this mail, or of an older mail, as the use-case revoked older links — and a new token with
 *   the mail's original expiry is stored (hash only, X1). One live link per account and kind.
 * - A temporary password: a new one is generated, hashed and set on the account, valid
 *   `policy.temporaryPasswordTtl` — only while the account is active and still must change its
 *   password; once the person chose their own, the mail is void and nothing is overwritten.
 *
 * `void` when the account is gone or past the state the mail is for: the mail is not sent.
 * A message without `mint` (or already holding its secret in memory, inline delivery) goes as is.
 */
export async function prepareForDelivery(ctx: RosterContext, message: OutboxMessage): Promise<PreparedMail> {
  const { mint } = message
  const outgoing = (data: Record<string, unknown>): PreparedMail => {
    const { rendered } = renderMail(ctx.templates, message.template, message.language, data)
    return { status: 'ready', message: toMailMessage({ ...message, ...rendered, data }) }
  }
  if (!mint) return { status: 'ready', message: toMailMessage(message) }
  const now = ctx.clock.now()
  if (mint.kind === 'link') {
    const token = await ctx.storage.transaction(async (tx) => {
      if (!(await tx.accounts.findById(mint.accountId))) return null
      await tx.tokens.revokeFor(mint.accountId, mint.tokenKind, now)
      return mintToken(ctx, tx, {
        kind: mint.tokenKind,
        accountId: mint.accountId,
        expiresAt: new Date(mint.expiresAt),
        now,
        email: mint.email,
      })
    })
    if (token === null) return { status: 'void', reason: 'the account this link is for is gone' }
    return outgoing({ ...message.data, token, url: tokenLink(ctx, mint.tokenKind, token) })
  }
  const password = newTemporaryPassword(ctx.random, ctx.policy.temporaryPasswordLength)
  // Hashing is slow on purpose; do it before the transaction so no lock waits on it.
  const passwordHash = await ctx.passwords.hash(password)
  const set = await ctx.storage.transaction(async (tx) => {
    const account = await tx.accounts.findById(mint.accountId)
    if (account?.status !== 'active' || !account.mustChangePassword) return false
    const updated = await tx.accounts.update(account.id, {
      passwordHash,
      passwordExpiresAt: new Date(now.getTime() + durationMs(ctx.policy.temporaryPasswordTtl)),
    })
    return updated.status === 'updated'
  })
  if (!set) return { status: 'void', reason: 'the account no longer waits for a temporary password' }
  return outgoing({ ...message.data, password })
}

function toMailMessage(message: OutboxMessage): MailMessage {
  return {
    id: message.id,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    template: message.template,
    language: message.language,
    data: message.data,
  }
}
