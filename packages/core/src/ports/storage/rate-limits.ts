export interface RateLimitsRepository {
  /**
   * Counts one hit on `key` in the fixed window starting at `windowStart`. MUST return whether this
   * hit is within `max`, atomically (concurrent hits never all pass): of N concurrent hits on a
   * fresh window exactly `max` pass. Each key counts on its own; a later window starts a new count.
   */
  hit(key: string, windowStart: Date, max: number): Promise<boolean>
}
