import { createHash } from 'node:crypto'
import type { Clock } from '../ports/clock.js'
import type { Random } from '../ports/random.js'

/** @internal base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url')
}

/** @internal A new single-use secret: 32 random bytes, base64url (X1). */
export function newTokenSecret(random: Random): string {
  return base64url(random.bytes(32))
}

/** @internal SHA-256 of a token secret, base64url: the only form a token is stored in (X1). */
export function hashToken(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url')
}

/**
 * @internal A generator of time-ordered ids: 12 hex digits of milliseconds, a 6-digit sequence
 * within the same millisecond, then 14 random hex digits. Ids from one generator sort in creation
 * order (keyset cursors rely on it), even under a fixed test clock.
 */
export function createIdGenerator(clock: Clock, random: Random): () => string {
  let lastTime = 0
  let sequence = 0
  return () => {
    const time = Math.max(clock.now().getTime(), lastTime)
    sequence = time === lastTime ? sequence + 1 : 0
    lastTime = time
    return (
      time.toString(16).padStart(12, '0') +
      sequence.toString(16).padStart(6, '0') +
      Buffer.from(random.bytes(7)).toString('hex')
    )
  }
}

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'

/** @internal A random password over an unambiguous alphabet (A4), without modulo bias. */
export function newTemporaryPassword(random: Random, length: number): string {
  let out = ''
  while (out.length < length) {
    for (const byte of random.bytes(length * 2)) {
      // 232 = 4 * 58 — reject the tail so each character is equally likely.
      if (byte < 4 * PASSWORD_ALPHABET.length && out.length < length)
        out += PASSWORD_ALPHABET[byte % PASSWORD_ALPHABET.length]
    }
  }
  return out
}
