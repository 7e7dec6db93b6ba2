import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import type { PasswordHasher } from '../ports/password-hasher.js'

/** scrypt parameters; the defaults follow OWASP's minimum (N=2^17, r=8, p=1). */
export interface ScryptParams {
  N: number
  r: number
  p: number
  keyLength: number
}

const DEFAULT_PARAMS: ScryptParams = { N: 2 ** 17, r: 8, p: 1, keyLength: 32 }

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r }
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, params.keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  )
}

/**
 * The default password hasher (X2): scrypt from `node:crypto`, stored as
 * `scrypt$N$r$p$salt$hash` (base64url). Tests may lower `N` for speed.
 *
 * @example
 * const roster = createRoster({ storage, mailer, passwordHasher: scryptPasswordHasher({ N: 2 ** 14 }) })
 */
export function scryptPasswordHasher(overrides: Partial<ScryptParams> = {}): PasswordHasher {
  const params = { ...DEFAULT_PARAMS, ...overrides }
  return {
    async hash(password) {
      const salt = randomBytes(16)
      const key = await derive(password, salt, params)
      return [
        'scrypt',
        params.N,
        params.r,
        params.p,
        salt.toString('base64url'),
        key.toString('base64url'),
      ].join('$')
    },
    async verify(password, stored) {
      const [algorithm, N, r, p, salt, hash] = stored.split('$')
      if (algorithm !== 'scrypt' || !salt || !hash) return false
      const expected = Buffer.from(hash, 'base64url')
      const key = await derive(password, Buffer.from(salt, 'base64url'), {
        N: Number(N),
        r: Number(r),
        p: Number(p),
        keyLength: expected.length,
      })
      return key.length === expected.length && timingSafeEqual(key, expected)
    },
  }
}
