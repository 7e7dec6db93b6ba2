import { describe, expect } from 'vitest'
import { at } from './fixtures.js'
import type { ConformanceTest } from './harness.js'

export function rateLimitsConformance(test: ConformanceTest): void {
  describe('rateLimits', () => {
    test('hit allows max hits in a window and refuses the rest', async ({ storage }) => {
      const results: boolean[] = []
      for (let i = 0; i < 5; i++) results.push(await storage.rateLimits.hit('sign-in:ada', at(0), 3))
      expect(results).toEqual([true, true, true, false, false])
    })

    test('a new window starts a new count', async ({ storage }) => {
      expect(await storage.rateLimits.hit('k', at(0), 1)).toBe(true)
      expect(await storage.rateLimits.hit('k', at(0), 1)).toBe(false)
      expect(await storage.rateLimits.hit('k', at(1), 1)).toBe(true)
      expect(await storage.rateLimits.hit('k', at(1), 1)).toBe(false)
      expect(await storage.rateLimits.hit('k', at(2), 2)).toBe(true)
      expect(await storage.rateLimits.hit('k', at(2), 2)).toBe(true)
      expect(await storage.rateLimits.hit('k', at(2), 2)).toBe(false)
    })

    test('each key counts on its own', async ({ storage }) => {
      expect(await storage.rateLimits.hit('a', at(0), 1)).toBe(true)
      expect(await storage.rateLimits.hit('b', at(0), 1)).toBe(true)
      expect(await storage.rateLimits.hit('a', at(0), 1)).toBe(false)
      expect(await storage.rateLimits.hit('b', at(0), 1)).toBe(false)
      expect(await storage.rateLimits.hit('c', at(0), 1)).toBe(true)
    })

    test('max 0 refuses every hit', async ({ storage }) => {
      expect(await storage.rateLimits.hit('k', at(0), 0)).toBe(false)
      expect(await storage.rateLimits.hit('k', at(0), 0)).toBe(false)
    })
  })
}
