import type { MailMessage } from '../domain/mail-message.js'

/**
 * Delivers one message. MUST resolve only once the message is accepted for delivery and reject
 * otherwise (the outbox then retries it). `message.id` is stable across retries.
 */
export interface Mailer {
  send(message: MailMessage): Promise<{ id: string }>
}
