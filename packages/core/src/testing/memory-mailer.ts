import type { MailMessage } from '../domain/mail-message.js'
import type { Mailer } from '../ports/mailer.js'

/** A mailer that keeps what it "sends", for tests and demos. */
export interface MemoryMailer extends Mailer {
  /** Every message delivered, oldest first. */
  readonly sent: MailMessage[]
  /** The newest message, optionally the newest to one address (compared case-insensitively). */
  last(to?: string): MailMessage | undefined
  /** Forgets every delivered message. */
  clear(): void
  /** Makes the next `n` sends reject, to simulate an outage. */
  failNext(n?: number): void
}

/**
 * A mailer that records messages in memory.
 *
 * @example
 * const mailer = createMemoryMailer()
 * const roster = createRoster({ storage: memoryStorage(), mailer })
 * // … add a member …
 * const link = mailer.last('ada@example.com')?.data.url
 */
export function createMemoryMailer(): MemoryMailer {
  const sent: MailMessage[] = []
  let failures = 0
  return {
    sent,
    async send(message) {
      if (failures > 0) {
        failures--
        throw new Error('memory mailer: simulated delivery failure')
      }
      sent.push(structuredClone(message))
      return { id: message.id }
    },
    last(to) {
      const wanted = to?.trim().toLowerCase()
      for (let i = sent.length - 1; i >= 0; i--) {
        const message = sent[i]!
        if (wanted === undefined || message.to.toLowerCase() === wanted) return message
      }
      return undefined
    },
    clear() {
      sent.length = 0
    },
    failNext(n = 1) {
      failures += n
    },
  }
}
