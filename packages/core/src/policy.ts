/** A duration: milliseconds, or a string like `'24h'`, `'15m'`, `'30s'`, `'7d'`. */
export type Duration = number | `${number}${'ms' | 's' | 'm' | 'h' | 'd'}`

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

/** Converts a `Duration` to milliseconds; throws on a malformed string (configuration error). */
export function durationMs(duration: Duration): number {
  if (typeof duration === 'number') return duration
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(duration)
  if (!match) throw new Error(`Roster: invalid duration "${duration}"`)
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]
}

/** The rules a deployment can tune (DOMAIN.md names each rule's policy). */
export interface RosterPolicy {
  /** How long an activation link stays valid (A3). Default `'24h'`. */
  activationTtl: Duration
  /** How long a password-reset or email-confirmation link stays valid. Default `'1h'`. */
  resetTtl: Duration
  /** When a username may change (A6). Default `'after-activation'`. */
  usernameChange: 'never' | 'after-activation' | 'always'
  /** `'immediate'` switches the email at once and notifies the old address; `'verify'` waits for the new address's link (A7). */
  emailChange: 'immediate' | 'verify'
  /** Existing accounts added to another org are active at once instead of invited (A2b). Default `false`. */
  autoAcceptExisting: boolean
  /** Failed sign-ins before the account locks, and for how long (A15). Default 5 within a lock of `'15m'`. */
  lockout: { maxAttempts: number; duration: Duration }
  /** Public "send me a link" requests per address per window (A9, A15). Default 3 per `'1h'`. */
  linkRequests: { max: number; window: Duration }
  /** The product whose pool phone numbers take a seat from (N2). Default `'phone-line'`. */
  numberProduct: string
  /** Password length bounds (A8). Default 12..128. */
  password: { minLength: number; maxLength: number }
  /** Length of generated temporary passwords (A4). Default 20 (at least 16). */
  temporaryPasswordLength: number
  /**
   * How long a generated temporary password works (A4, X5): past it `credentials.verify` refuses it
   * (`FORBIDDEN`, `details.reason: 'temporary-password-expired'`) and the person uses "forgot
   * password". Counted from when the password was generated (a redelivery generates a new one).
   * Default `'72h'`.
   */
  temporaryPasswordTtl: Duration
}

export const DEFAULT_POLICY: RosterPolicy = {
  activationTtl: '24h',
  resetTtl: '1h',
  usernameChange: 'after-activation',
  emailChange: 'immediate',
  autoAcceptExisting: false,
  lockout: { maxAttempts: 5, duration: '15m' },
  linkRequests: { max: 3, window: '1h' },
  numberProduct: 'phone-line',
  password: { minLength: 12, maxLength: 128 },
  temporaryPasswordLength: 20,
  temporaryPasswordTtl: '72h',
}

/** Policy overrides as passed to `createRoster` (nested objects may be partial). */
export type PolicyInput = Partial<Omit<RosterPolicy, 'lockout' | 'linkRequests' | 'password'>> & {
  lockout?: Partial<RosterPolicy['lockout']>
  linkRequests?: Partial<RosterPolicy['linkRequests']>
  password?: Partial<RosterPolicy['password']>
}

/** Merges overrides over the defaults and checks them (throws: misconfiguration is a programmer error). */
export function resolvePolicy(input: PolicyInput = {}): RosterPolicy {
  const policy: RosterPolicy = {
    ...DEFAULT_POLICY,
    ...input,
    lockout: { ...DEFAULT_POLICY.lockout, ...input.lockout },
    linkRequests: { ...DEFAULT_POLICY.linkRequests, ...input.linkRequests },
    password: { ...DEFAULT_POLICY.password, ...input.password },
  }
  durationMs(policy.activationTtl)
  durationMs(policy.resetTtl)
  durationMs(policy.temporaryPasswordTtl)
  durationMs(policy.lockout.duration)
  durationMs(policy.linkRequests.window)
  if (policy.temporaryPasswordLength < 16)
    throw new Error('Roster: policy.temporaryPasswordLength must be ≥ 16 (A4)')
  if (policy.password.minLength < 1 || policy.password.maxLength < policy.password.minLength)
    throw new Error('Roster: policy.password bounds are inconsistent')
  return policy
}
