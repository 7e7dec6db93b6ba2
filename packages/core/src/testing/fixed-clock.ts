import { type Duration, durationMs } from '../policy.js'
import type { Clock } from '../ports/clock.js'

/** A clock that only moves when told to. */
export interface FixedClock extends Clock {
  /** Moves time forward by a duration (`'25h'`, `'15m'`, or milliseconds). */
  advance(by: Duration): Date
  /** Jumps to a date. */
  set(date: Date | string): Date
}

/**
 * A clock for tests: starts at `start` (default 2030-01-01T00:00:00Z) and moves only with
 * `advance` / `set`.
 *
 * @example
 * const clock = createFixedClock()
 * clock.advance('25h') // the activation link has now expired
 */
export function createFixedClock(start: Date | string = '2030-01-01T00:00:00.000Z'): FixedClock {
  let current = new Date(start)
  return {
    now: () => new Date(current),
    advance(by) {
      current = new Date(current.getTime() + durationMs(by))
      return new Date(current)
    },
    set(date) {
      current = new Date(date)
      return new Date(current)
    },
  }
}
