import { PUBLIC_PROCEDURES, type PublicProcedure } from '@roster/core/http'
import { createRateLimiter, type RateLimit, type RateLimiter } from './rate-limit.js'

/**
 * The demo's account lockout (A15), set explicitly because the per-client sign-in budget below is
 * derived from it: five wrong passwords in a row lock an account for 15 minutes.
 */
export const DEMO_LOCKOUT = { maxAttempts: 5, duration: '15m' } as const

/** The public use-cases that send mail: a client could otherwise mail-bomb anyone (DS5). */
export const MAIL_SENDING_PROCEDURES = [
  'accounts.signUp',
  'activation.requestNewLink',
  'credentials.requestPasswordReset',
] as const satisfies readonly PublicProcedure[]

/** The public use-cases that redeem a mailed token (each runs a password hash when it sets one). */
export const TOKEN_REDEEMING_PROCEDURES = [
  'accounts.confirmEmail',
  'activation.activate',
  'credentials.resetPassword',
] as const satisfies readonly PublicProcedure[]

/** The limits per client (DS5). Every one answers `429` with `Retry-After` once used up. */
export interface DemoRateLimits {
  /** Any sign-in attempt, right or wrong, from one client: bounds the password hashing it can cause. */
  signIn: RateLimit
  /**
   * Sign-in attempts from one client at one username. A success forgets them; so does a password
   * reset from that client. The default, `lockout.maxAttempts − 1` per 24 h, means one client can
   * never reach the lockout on its own: the account's failure count (reset by every success) gets
   * at most `maxAttempts − 1` from it within a day.
   */
  signInPerAccount: RateLimit
  /** `accounts.signUp`, `activation.requestNewLink`, `credentials.requestPasswordReset` together. */
  publicMail: RateLimit
  /** `accounts.confirmEmail`, `activation.activate`, `credentials.resetPassword` together. */
  publicTokens: RateLimit
}

/** The demo's defaults; every one can be overridden through `startDemo({ rateLimits })`. */
export function defaultRateLimits(): DemoRateLimits {
  return {
    signIn: { limit: 20, windowSeconds: 15 * 60 },
    signInPerAccount: { limit: DEMO_LOCKOUT.maxAttempts - 1, windowSeconds: 24 * 60 * 60 },
    publicMail: { limit: 10, windowSeconds: 15 * 60 },
    publicTokens: { limit: 20, windowSeconds: 15 * 60 },
  }
}

/**
 * One limiter per limit, each remembering at most `maxKeys` clients (memory stays bounded: about
 * `maxKeys × limit` timestamps per limiter).
 *
 * @example
 * const limits = createClientLimits({ publicMail: { limit: 3, windowSeconds: 60 } })
 * limits.forProcedure('credentials.requestPasswordReset')?.take(client)
 */
export function createClientLimits(
  overrides: Partial<DemoRateLimits> = {},
  options: { maxKeys?: number; now?: () => number } = {},
) {
  const limits = { ...defaultRateLimits(), ...overrides }
  const make = (limit: RateLimit) => createRateLimiter({ ...limit, ...options })
  const signIn = make(limits.signIn)
  const signInPerAccount = make(limits.signInPerAccount)
  const publicMail = make(limits.publicMail)
  const publicTokens = make(limits.publicTokens)
  const byProcedure = new Map<string, RateLimiter>([
    ...MAIL_SENDING_PROCEDURES.map((name) => [name, publicMail] as const),
    ...TOKEN_REDEEMING_PROCEDURES.map((name) => [name, publicTokens] as const),
  ])
  return {
    signIn,
    signInPerAccount,
    /** The limiter of a public use-case (`namespace.method`), or undefined for any other name. */
    forProcedure(name: string): RateLimiter | undefined {
      return byProcedure.get(name)
    },
    /** Every public use-case of the handler, so a test can check none is left unlimited. */
    procedures: PUBLIC_PROCEDURES,
  }
}

export type ClientLimits = ReturnType<typeof createClientLimits>

/**
 * The key sign-in attempts at one username are counted under: coarser than Roster's own username
 * comparison (compatibility-folded, lower-cased, without spaces or invisible characters), so no
 * spelling of the same username buys a client a fresh budget.
 */
export function usernameBudgetKey(username: string): string {
  return username
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{Cf}\p{Cc}]/gu, '')
}
