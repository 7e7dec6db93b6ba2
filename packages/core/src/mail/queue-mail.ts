import type { RosterContext } from '../context.js'
import type { OutboxMessage, OutboxMint } from '../domain/mail-message.js'
import { issueToken } from '../internal/tokens.js'
import type { StorageTx } from '../ports/storage.js'
import { LINK_TEMPLATES, type MailRequest } from './mail-request.js'
import { renderMail } from './templates.js'

/** @internal A mail queued in a use-case's transaction. */
export interface QueuedOutboxMail {
  /** The row written to the outbox. */
  stored: OutboxMessage
  /** What inline delivery hands the mailer right after commit (held in memory only). */
  outgoing: OutboxMessage
  expiresAt: Date | null
}

/**
 * @internal The body of `WriteScope.mail` (E3): issues the mail's link token (X1) or takes its
 * temporary password (A4), renders the template and records the message in the outbox, in the
 * use-case's transaction.
 */
export async function queueMail(
  ctx: RosterContext,
  tx: StorageTx,
  now: Date,
  request: MailRequest,
  /** Inline delivery's claim on the mail it sends right after commit; `null` with `dispatch: 'manual'`. */
  inline: { claim: string; leaseUntil: Date } | null,
): Promise<QueuedOutboxMail> {
  const data: Record<string, unknown> = { ...request.data }
  const secrets: Record<string, string> = {}
  let expiresAt: Date | null = null
  let mint: OutboxMint | null = null
  if ('link' in request) {
    const link = await issueToken(ctx, tx, {
      kind: LINK_TEMPLATES[request.template],
      accountId: request.link.accountId,
      ttlMs: request.link.ttlMs,
      now,
      ...(request.link.email !== undefined ? { email: request.link.email } : {}),
      ...(request.link.revokeOlder ? { revokeOlder: true } : {}),
    })
    expiresAt = link.expiresAt
    data.expiresAt = link.expiresAt.toISOString()
    mint = {
      kind: 'link',
      tokenKind: LINK_TEMPLATES[request.template],
      accountId: request.link.accountId,
      expiresAt: link.expiresAt.toISOString(),
      ...(request.link.email !== undefined ? { email: request.link.email } : {}),
    }
    secrets.token = link.token
    secrets.url = link.url
  }
  if ('temporaryPassword' in request) {
    mint = { kind: 'temporary-password', accountId: request.temporaryPassword.accountId }
    secrets.password = request.temporaryPassword.password
  }
  const full = { ...data, ...secrets }
  const { rendered, language } = renderMail(ctx.templates, request.template, request.language, full)
  const outgoing: OutboxMessage = {
    id: ctx.ids(),
    orgId: request.orgId,
    to: request.to,
    template: request.template,
    language,
    data: full,
    ...rendered,
    status: 'pending',
    // Claimed by inline delivery from the start, as `claimDue` would (the claim counts an attempt):
    // dispatchers leave it alone until the lease passes, and the claim fences it afterwards.
    claim: inline?.claim ?? null,
    attempts: inline ? 1 : 0,
    nextAttemptAt: inline?.leaseUntil ?? now,
    lastError: null,
    createdAt: now,
    sentAt: null,
  }
  // No secret at rest (X5): the row keeps what the delivery step needs to mint a fresh one, and a
  // body only when it holds no secret. The secret itself lives in memory, for inline delivery.
  const stored: OutboxMessage = mint ? { ...outgoing, data, text: '', html: '', mint } : outgoing
  await tx.outbox.enqueue(stored)
  return { stored, outgoing, expiresAt }
}
