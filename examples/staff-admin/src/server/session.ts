import { createHash, randomBytes } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import { parse } from 'hono/utils/cookie'

export const SESSION_COOKIE = 'roster_demo_session'

/** 32 random bytes, base64url: anything else in the cookie is malformed and answers "signed out" (DS3). */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/

export interface SessionOptions {
  /** How long a session lasts after sign-in. Default 8 hours. */
  ttlSeconds?: number
  /**
   * Most sessions kept at once (memory stays bounded). Past it, the least recently used session ends:
   * that person signs in again. Default 10,000.
   */
  maxSessions?: number
  /** Milliseconds since the epoch; tests pass a fake clock. */
  now?: () => number
}

interface Session {
  accountId: string
  expiresAt: number
}

/**
 * Server-side sessions (DS4): the cookie holds only a random token; the account it signs in lives in
 * this store, so ending a session here ends it at once — sign-out, a disabled or deleted account, a
 * changed password. A signed cookie alone could not be taken back before it expires. Sessions live
 * in memory: a restart signs everyone out, which a demo can afford (a real app keeps them in its
 * database or session service).
 *
 * @example
 * const sessions = createSessions()
 * const token = sessions.issue(account.id) // → the cookie value
 * sessions.verify(token) // → account.id
 * sessions.revoke(token)
 * sessions.verify(token) // → null
 */
export function createSessions(options: SessionOptions = {}) {
  const ttlSeconds = options.ttlSeconds ?? 8 * 60 * 60
  const now = options.now ?? Date.now
  // Keyed by the token's SHA-256, not the token: a heap dump or a log of keys hands out no live cookie.
  const store = new LRUCache<string, Session>({ max: options.maxSessions ?? 10_000 })
  const digest = (token: string) => createHash('sha256').update(token).digest('base64url')

  return {
    maxAge: ttlSeconds,
    /** Starts a session for a signed-in account; returns the cookie value. */
    issue(accountId: string): string {
      const token = randomBytes(32).toString('base64url')
      store.set(digest(token), { accountId, expiresAt: now() + ttlSeconds * 1000 })
      return token
    },
    /** The account id of a live session, else null (unknown, revoked, expired or malformed token). */
    verify(token: string | undefined): string | null {
      if (token === undefined || !TOKEN_SHAPE.test(token)) return null
      const key = digest(token)
      const session = store.get(key)
      if (!session) return null
      if (session.expiresAt <= now()) {
        store.delete(key)
        return null
      }
      return session.accountId
    },
    /** Ends one session (sign-out). Unknown or malformed tokens are ignored. */
    revoke(token: string | undefined): void {
      if (token !== undefined && TOKEN_SHAPE.test(token)) store.delete(digest(token))
    },
    /** Ends every session of an account (disabled, deleted, password changed); returns how many. */
    revokeAccount(accountId: string): number {
      let ended = 0
      for (const [key, session] of store.entries()) {
        if (session.accountId !== accountId) continue
        store.delete(key)
        ended++
      }
      return ended
    },
    /** Sessions held right now (bounded by `maxSessions`). */
    get size(): number {
      return store.size
    },
  }
}

export type Sessions = ReturnType<typeof createSessions>

/**
 * The session token in a `Cookie` header, or undefined. Hono's parser skips malformed pairs and
 * percent-encoding instead of throwing: a garbage cookie is "no session" (401), never a 500 (DS3).
 */
export function sessionToken(cookieHeader: string | null | undefined): string | undefined {
  if (!cookieHeader) return undefined
  return parse(cookieHeader, SESSION_COOKIE)[SESSION_COOKIE]
}
