// Per-connection limits (issue 17): a bound on the request body and a request rate, so one
// connection's token cannot flood the org or the process.
import type { ScimPrincipal } from '@roster/core'

/** Limits of one connection's requests. */
export interface ScimLimits {
  /** Largest accepted request body in bytes (413 above it). Default 1 MiB: a group PATCH of 1,000 members fits. */
  maxBodyBytes?: number
  /**
   * Requests per connection: a token bucket of `burst` requests refilled at `perSecond`
   * (429 with `Retry-After` when empty), or `false` for none. Default 100/s, bursts of 500 —
   * above what Okta and Entra ID send, below what one process can absorb.
   */
  rateLimit?: { perSecond: number; burst: number } | false
}

/** Where the rate limit keeps its buckets; the default is this process's memory. */
export interface ScimRateLimiter {
  /** Takes one request for `key`: 0 when allowed, else the milliseconds until one is. */
  take(key: string, limit: { perSecond: number; burst: number }, now: number): number | Promise<number>
}

export const DEFAULT_LIMITS = {
  maxBodyBytes: 1_048_576,
  rateLimit: { perSecond: 100, burst: 500 },
} as const satisfies Required<ScimLimits>

/** The limits of a principal's connection: the defaults overlaid with what the host configured. */
export function resolveLimits(
  configured: ScimLimits | ((principal: ScimPrincipal) => ScimLimits) | undefined,
  principal: ScimPrincipal,
): Required<ScimLimits> {
  const own = typeof configured === 'function' ? configured(principal) : (configured ?? {})
  return {
    maxBodyBytes: own.maxBodyBytes ?? DEFAULT_LIMITS.maxBodyBytes,
    rateLimit: own.rateLimit ?? DEFAULT_LIMITS.rateLimit,
  }
}

/**
 * An in-memory token bucket per key. One process only: several instances each allow the full
 * rate (pass your own `ScimRateLimiter`, e.g. over Redis, to share one budget).
 */
export function memoryRateLimiter(maxKeys = 10_000): ScimRateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>()
  return {
    take(key, { perSecond, burst }, now) {
      const bucket = buckets.get(key) ?? { tokens: burst, at: now }
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond)
      bucket.at = now
      buckets.delete(key)
      // Re-inserted last: the map's first key is the least recently used one, dropped past maxKeys.
      buckets.set(key, bucket)
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!)
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1
        return 0
      }
      return Math.ceil(((1 - bucket.tokens) / perSecond) * 1000)
    },
  }
}
