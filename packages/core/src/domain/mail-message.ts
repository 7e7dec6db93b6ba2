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
}
