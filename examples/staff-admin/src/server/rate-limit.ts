import { rosterError } from '@roster/core'
import { LRUCache } from 'lru-cache'

/** At most `limit` requests in any `windowSeconds` (a sliding window, so no double burst at a boundary). */
export interface RateLimit {
  limit: number
  windowSeconds: number
}

export interface RateLimiterOptions extends RateLimit {
  /**
   * Most keys remembered (memory stays bounded: at most `maxKeys × limit` timestamps). Past it the
   * least recently seen key is forgotten. Default 10,000.
   */
  maxKeys?: number
  /** Milliseconds since the epoch; tests pass a fake clock. */
  now?: () => number
}

export type Take = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/**
 * A sliding-window rate limiter over a bounded LRU map (DS5): `take(key)` counts one request for
 * `key` and says whether it is within the limit, or how long until the oldest counted request
 * leaves the window. A refused request is not counted, so a client that waits gets through.
 * Synchronous, so two concurrent requests can never both take the last slot.
 *
 * @example
 * const signIns = createRateLimiter({ limit: 20, windowSeconds: 15 * 60 })
 * const taken = signIns.take(clientKey(address))
 * if (!taken.allowed) return tooManyRequests(taken.retryAfterSeconds)
 */
export function createRateLimiter(options: RateLimiterOptions) {
  const { limit, windowSeconds } = options
  const windowMs = windowSeconds * 1000
  const now = options.now ?? Date.now
  const hits = new LRUCache<string, number[]>({ max: options.maxKeys ?? 10_000 })

  return {
    limit,
    windowSeconds,
    take(key: string): Take {
      const at = now()
      const recent = (hits.get(key) ?? []).filter((time) => time > at - windowMs)
      if (recent.length >= limit) {
        hits.set(key, recent)
        const oldest = recent[0] ?? at
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - at) / 1000)) }
      }
      recent.push(at)
      hits.set(key, recent)
      return { allowed: true }
    },
    /** Forgets a key's requests (a success that ends the reason for counting them). */
    forget(key: string): void {
      hits.delete(key)
    },
    /** Keys remembered right now (bounded by `maxKeys`). */
    get size(): number {
      return hits.size
    },
  }
}

export type RateLimiter = ReturnType<typeof createRateLimiter>

/**
 * `429 RATE_LIMITED` with `Retry-After` (seconds) and the same number in `details`, so the React
 * app can say when to try again.
 */
export function tooManyRequests(retryAfterSeconds: number, message?: string): Response {
  const error = rosterError('RATE_LIMITED', {
    ...(message ? { message } : {}),
    details: { retryAfterSeconds },
  })
  return new Response(JSON.stringify(error), {
    status: 429,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'retry-after': String(retryAfterSeconds),
    },
  })
}
