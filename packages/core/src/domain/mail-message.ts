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
  'sign-up-attempt',
] as const
export type MailTemplate = (typeof MAIL_TEMPLATES)[number]

/** A message as handed to the mailer port. */
export interface MailMessage {
  /**
   * The outbox message id: the same for every attempt at this message, in every process. It is the
   * message's idempotency key — mailers SHOULD hand it to the provider so that a resend after an
   * unknown outcome is dropped as a duplicate (`@roster/mailer-smtp` makes it the SMTP `Message-ID`;
   * an HTTP provider takes it as its `Idempotency-Key`).
   */
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

/**
 * Where a message is in its delivery (E3):
 * - `pending`: waiting for its next attempt (or claimed by a dispatcher until `nextAttemptAt`);
 * - `sending`: handed to the mailer; the outcome is not recorded yet. A message that stays here
 *   (the process died, or recording the outcome failed) is *sent-unconfirmed*: it is never sent
 *   again automatically (delivery is at most once) — an admin may requeue it once its lease passed;
 * - `sent`: the mailer accepted it; `dead`: it failed its last attempt; `blocked`: the address is
 *   on the blocklist (A11).
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead' | 'blocked'

/** Every `OutboxStatus`, for schemas and checks. */
export const OUTBOX_STATUSES = [
  'pending',
  'sending',
  'sent',
  'dead',
  'blocked',
] as const satisfies readonly OutboxStatus[]

/** A message as recorded in the outbox, in the transaction of the change that caused it (E3). */
export interface OutboxMessage extends MailMessage {
  orgId: string | null
  status: OutboxStatus
  /**
   * The token of whoever holds the message's lease (a dispatcher pass, or the inline delivery of
   * the use-case that queued it); `null` when nobody does. Writes about a delivery attempt are
   * fenced by it, so a slow or clock-skewed dispatcher cannot act on a message another one claimed.
   */
  claim: string | null
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
