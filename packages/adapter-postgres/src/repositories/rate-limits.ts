import type { RateLimitsRepository } from '@roster/core/storage'
import { sql } from 'kysely'
import type { Session } from '../session.js'

export function rateLimitsRepository(session: Session): RateLimitsRepository {
  return {
    async hit(key, windowStart, max) {
      // An upsert with a counter: the row lock of ON CONFLICT DO UPDATE serializes concurrent
      // hits, each sees the count the previous one left. A new window restarts at 1.
      const [row] = await session.rows<{ count: number }>(sql`
        insert into rate_limits as r (key, window_start, count) values (${key}, ${windowStart}, 1)
        on conflict (key) do update set
          count = case when r.window_start = excluded.window_start then r.count + 1 else 1 end,
          window_start = excluded.window_start
        returning count`)
      return Number(row?.count) <= max
    },
  }
}
