import type { RosterContext } from '../context.js'
import type { OutboxMessage } from '../domain/mail-message.js'
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
): Promise<QueuedOutboxMail> {
  const data: Record<string, unknown> = { ...request.data }
  let expiresAt: Date | null = null
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
    Object.assign(data, { token: link.token, url: link.url, expiresAt: link.expiresAt.toISOString() })
  }
  if ('temporaryPassword' in request) data.password = request.temporaryPassword.password
  const { rendered, language } = renderMail(ctx.templates, request.template, request.language, data)
  const message: OutboxMessage = {
    id: ctx.ids(),
    orgId: request.orgId,
    to: request.to,
    template: request.template,
    language,
    data,
    ...rendered,
    status: 'pending',
    attempts: 0,
    // Inline delivery happens right after commit; until then dispatchers must not pick it up.
    nextAttemptAt: ctx.outbox.dispatch === 'inline' ? new Date(now.getTime() + 60_000) : now,
    lastError: null,
    createdAt: now,
    sentAt: null,
  }
  await tx.outbox.enqueue(message)
  return { stored: message, outgoing: message, expiresAt }
}
