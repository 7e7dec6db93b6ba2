import type { RosterEmitter } from './events.js'
import type { MailTemplates } from './mail/templates.js'
import type { RosterPolicy } from './policy.js'
import type { Clock } from './ports/clock.js'
import type { Mailer } from './ports/mailer.js'
import type { PasswordHasher } from './ports/password-hasher.js'
import type { Random } from './ports/random.js'
import type { Storage } from './ports/storage.js'

/**
 * Everything a use-case needs, built once by `createRoster` and passed to every use-case:
 * the ports, the resolved policy and the event emitter. Use-cases read nothing ambient.
 */
export interface RosterContext {
  storage: Storage
  mailer: Mailer
  clock: Clock
  random: Random
  passwords: PasswordHasher
  /** Time-ordered id generator. */
  ids: () => string
  policy: RosterPolicy
  emitter: RosterEmitter
  /** Absolute base URL mailed links are built on. */
  baseUrl: string
  /** Link paths under `baseUrl`, e.g. `/activate?token=…`. */
  links: {
    activation: string
    passwordReset: string
    emailConfirm: string
    invitation: string
    /** Where deciders review join requests (`?orgId=…&requestId=…` is appended). */
    joinRequests: string
  }
  /** The host app's own permissions (in addition to the built-ins). */
  permissions: readonly string[]
  templates: MailTemplates
  outbox: { dispatch: 'inline' | 'manual'; maxAttempts: number; backoff: number }
  /** How often a use-case's transaction runs when storage rejects it as retryable (see `inTransaction`). */
  transactionRetry: { attempts: number; baseDelayMs: number }
}
