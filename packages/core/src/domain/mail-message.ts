/** The templates Roster mails (API.md "Built-ins"). */
export const MAIL_TEMPLATES = [
  'activation',
  'temporary-password',
  'invitation',
  'password-reset',
  'email-change-confirm',
  'email-changed-notice',
  'join-request-received',
  'join-request-decided',
] as const
export type MailTemplate = (typeof MAIL_TEMPLATES)[number]

/** A message as handed to the mailer port. */
export interface MailMessage {
  /** The outbox message id; mailers may use it as an idempotency key. */
  id: string
  to: string
  subject: string
  text: string
  html: string
  template: MailTemplate
  language: string
  /** The template's variables, including `token` and `url` for templates with a link. */
  data: Record<string, unknown>
}

/**
 * What the delivery step mints for a mail that carries a secret (X1, A4): the outbox row holds
 * this instead of the secret, so no raw token or password is ever stored.
 * - `link`: a single-use token of `tokenKind` for `accountId`, expiring at `expiresAt` (ISO),
 *   with `email` for an `email-change` token; the mail's `data.token` and `data.url`.
 * - `temporary-password`: a fresh temporary password for `accountId`, set (hashed) on the account
 *   while it still must change its password; the mail's `data.password`.
 */
export type OutboxMint =
  | {
      kind: 'link'
      tokenKind: 'activation' | 'password-reset' | 'email-change'
      accountId: string
      expiresAt: string
      email?: string
    }
  | { kind: 'temporary-password'; accountId: string }

export type OutboxStatus = 'pending' | 'sent' | 'dead' | 'blocked'

/** A message as recorded in the outbox, in the transaction of the change that caused it (E3). */
export interface OutboxMessage extends MailMessage {
  orgId: string | null
  status: OutboxStatus
  attempts: number
  nextAttemptAt: Date
  lastError: string | null
  createdAt: Date
  sentAt: Date | null
  /**
   * The secret the delivery step mints (its `text` and `html` are then empty until delivery).
   * Absent or null: the stored body is sent as it is.
   */
  mint?: OutboxMint | null
}
