import type { RateLimitsRepository } from '@roster/core/storage'
import { T } from '../tables.js'
import type { Unit } from './unit.js'

interface Window {
  windowStart: number
  count: number
}

export function rateLimitsRepository(unit: Unit): RateLimitsRepository {
  return {
    hit: (key, windowStart, max) =>
      unit.write((t) => {
        const table = t.write<Window>(T.rateLimits)
        const start = windowStart.getTime()
        const current = table.get(key)
        const count = current && current.windowStart === start ? current.count + 1 : 1
        table.set(key, { windowStart: start, count })
        return count <= max
      }),
  }
}
