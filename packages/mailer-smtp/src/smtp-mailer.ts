import type { MailMessage, Mailer } from '@roster/core'
import { createTransport } from 'nodemailer'

/** A mail address with an optional display name. */
export type SmtpAddress = string | { name: string; address: string }

/** Options of `smtpMailer`. */
export interface SmtpMailerOptions {
  /** The SMTP server's host name. */
  host: string
  /** Default 587 (submission with STARTTLS); 465 for TLS from the first byte. */
  port?: number
  /** TLS from the first byte. Default: `true` on port 465, otherwise STARTTLS when the server offers it. */
  secure?: boolean
  /** Refuse to send unless the connection is upgraded with STARTTLS. Default `false`. */
  requireTLS?: boolean
  /** Credentials, when the server asks for them. */
  auth?: { user: string; pass: string }
  /** Sender of every message: `'Acme <no-reply@acme.example>'` or `{ name, address }`. */
  from: SmtpAddress
  /** Where replies go, if not to `from`. */
  replyTo?: SmtpAddress
  /** Headers added to every message (a `List-Unsubscribe`, a provider's tagging header…). */
  headers?: Record<string, string>
  /**
   * Domain of the `Message-ID` header, `<roster-{message.id}@{domain}>`. Default: the domain of
   * `from`. The id is the outbox message's, the same on every retry, so a receiving system can
   * recognise a message it already got.
   */
  messageIdDomain?: string
  /** TLS settings, e.g. `{ servername }`; `{ rejectUnauthorized: false }` only for a dev server. */
  tls?: { rejectUnauthorized?: boolean; servername?: string; minVersion?: 'TLSv1.2' | 'TLSv1.3' }
  /** Keep connections open and reuse them across messages. Default `false` (one connection per message). */
  pool?: boolean | { maxConnections?: number; maxMessages?: number }
  /** Milliseconds to wait for the connection, the greeting and socket inactivity. Defaults 10 s, 10 s, 30 s. */
  timeouts?: { connection?: number; greeting?: number; socket?: number }
  /** Name announced in EHLO. Default: the machine's host name. */
  name?: string
}

/** The SMTP mailer: the `Mailer` port, plus a connection check and a way to close pooled connections. */
export interface SmtpMailer extends Mailer {
  /** Connects and authenticates without sending; rejects with the reason when it cannot. */
  verify(): Promise<true>
  /** Closes pooled connections (with `pool`); call it when the host shuts down. */
  close(): void
}

const addressOf = (value: SmtpAddress) => (typeof value === 'string' ? value : value.address)

/** The domain of the sender address, for `Message-ID`s. */
function domainOf(from: SmtpAddress): string {
  const address = addressOf(from)
  const match = /@([^>\s]+)>?\s*$/.exec(address)
  if (!match?.[1])
    throw new Error(`smtpMailer: cannot find a domain in from "${address}"; set messageIdDomain`)
  return match[1].toLowerCase()
}

/**
 * A Roster mailer over SMTP, with nodemailer. Each message goes out as `multipart/alternative`
 * (the text part, then the HTML part), with a `Message-ID` built from the outbox message id (stable
 * across retries) and `X-Roster-Template`, `X-Roster-Message-Id` and `Content-Language` headers.
 * A failed send rejects, so the outbox retries it with backoff.
 *
 * @example
 * import { smtpMailer } from '@roster/mailer-smtp'
 *
 * const roster = createRoster({
 *   storage,
 *   mailer: smtpMailer({
 *     host: 'smtp.example.com',
 *     port: 587,
 *     auth: { user: process.env.SMTP_USER!, pass: process.env.SMTP_PASS! },
 *     from: { name: 'Acme', address: 'no-reply@acme.example' },
 *   }),
 * })
 */
export function smtpMailer(options: SmtpMailerOptions): SmtpMailer {
  if (!options.host) throw new Error('smtpMailer: `host` is required')
  if (!options.from) throw new Error('smtpMailer: `from` is required')
  refuseHeaderInjection(Object.entries(options.headers ?? {}))
  const messageIdDomain = options.messageIdDomain ?? domainOf(options.from)
  const port = options.port ?? 587
  const pool = options.pool === true ? {} : options.pool || undefined
  const transport = createTransport({
    host: options.host,
    port,
    secure: options.secure ?? port === 465,
    requireTLS: options.requireTLS ?? false,
    ...(options.auth ? { auth: { user: options.auth.user, pass: options.auth.pass } } : {}),
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.name ? { name: options.name } : {}),
    ...(pool ? { pool: true, ...pool } : {}),
    connectionTimeout: options.timeouts?.connection ?? 10_000,
    greetingTimeout: options.timeouts?.greeting ?? 10_000,
    socketTimeout: options.timeouts?.socket ?? 30_000,
  })

  return {
    async send(message: MailMessage) {
      refuseHeaderInjection([
        ['To', message.to],
        ['Subject', message.subject],
        ['X-Roster-Template', message.template],
        ['X-Roster-Message-Id', message.id],
        ['Content-Language', message.language],
      ])
      const messageId = `<roster-${message.id}@${messageIdDomain}>`
      const info = await transport.sendMail({
        from: options.from,
        to: message.to,
        ...(options.replyTo ? { replyTo: options.replyTo } : {}),
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId,
        headers: {
          ...options.headers,
          'X-Roster-Template': message.template,
          'X-Roster-Message-Id': message.id,
          'Content-Language': message.language,
          // Tells auto-responders (out-of-office replies) not to answer.
          'Auto-Submitted': 'auto-generated',
        },
      })
      if (info.rejected.length > 0) {
        throw new Error(`SMTP server rejected ${info.rejected.map(String).join(', ')}: ${info.response}`)
      }
      return { id: info.messageId || messageId }
    },
    async verify() {
      await transport.verify()
      return true
    },
    close() {
      transport.close()
    },
  }
}

// A line break (or any control) in a header value would let it start a header of its own (SP7).
const HEADER_UNSAFE = /[\p{Cc}\u2028\u2029]/u

/**
 * Throws when a header value holds a line break or another control character: the message is
 * refused (the outbox retries, then gives up) rather than sent with a header someone injected.
 * Roster's own templates never produce one (the string policy and the subject's escaping); this
 * guards against host templates and hand-built messages too.
 */
function refuseHeaderInjection(headers: Iterable<[name: string, value: unknown]>): void {
  for (const [name, value] of headers) {
    if (typeof value === 'string' && HEADER_UNSAFE.test(value)) {
      throw new Error(
        `smtpMailer: refusing to send: the ${name} header holds a line break or control character (header injection)`,
      )
    }
  }
}
