import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const SESSION_COOKIE = 'roster_demo_session'
const MAX_AGE_SECONDS = 8 * 60 * 60

/**
 * The HMAC secret that signs session cookies: `ROSTER_SESSION_SECRET` when set, else one generated
 * once into the data folder (readable by its owner only) so sessions survive a restart.
 */
export function loadSecret(dataDir: string, fromEnv = process.env.ROSTER_SESSION_SECRET): string {
  if (fromEnv && fromEnv.length >= 32) return fromEnv
  const file = join(dataDir, 'session-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, `${secret}\n`, { mode: 0o600 })
  return secret
}

/** Signs and checks session values: `accountId.expiresAt.signature`. */
export function createSessions(secret: string, now: () => number = Date.now) {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url')
  return {
    maxAge: MAX_AGE_SECONDS,
    /** The cookie value for a signed-in account. */
    issue(accountId: string): string {
      const payload = `${accountId}.${Math.floor(now() / 1000) + MAX_AGE_SECONDS}`
      return `${payload}.${sign(payload)}`
    },
    /** The account id of a valid, unexpired cookie value, else null. */
    verify(value: string | undefined): string | null {
      if (!value) return null
      const parts = value.split('.')
      if (parts.length !== 3) return null
      const [accountId, expires, signature] = parts as [string, string, string]
      const expected = Buffer.from(sign(`${accountId}.${expires}`))
      const given = Buffer.from(signature)
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
      if (Number(expires) * 1000 < now()) return null
      return accountId
    },
  }
}

export type Sessions = ReturnType<typeof createSessions>
