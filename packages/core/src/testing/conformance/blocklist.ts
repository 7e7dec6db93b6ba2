import { describe, expect } from 'vitest'
import type { BlocklistEntry } from '../../ports/storage.js'
import { at } from './fixtures.js'
import type { ConformanceTest } from './harness.js'

// Keys differ in their first letter, so their order is the same in every collation.
const keys = (entries: BlocklistEntry[]) => entries.map((entry) => entry.emailKey)

export function blocklistConformance(test: ConformanceTest): void {
  describe('blocklist', () => {
    test('isBlocked is false for an address never added', async ({ storage, f }) => {
      await storage.blocklist.add(f.blocklistEntry('bounced@example.com'))
      expect(await storage.blocklist.isBlocked('fine@example.com')).toBe(false)
      expect(await storage.blocklist.list({ limit: 10 })).toHaveLength(1)
    })

    test('add blocks the address and stores the entry as given', async ({ storage, f }) => {
      const entry = f.blocklistEntry('bounced@example.com', { kind: 'complaint', createdAt: at(-3) })
      await storage.blocklist.add(entry)
      expect(await storage.blocklist.isBlocked('bounced@example.com')).toBe(true)
      expect(await storage.blocklist.list({ limit: 10 })).toEqual([entry])
    })

    test('add of a blocked address refreshes its entry instead of adding another', async ({ storage, f }) => {
      await storage.blocklist.add(
        f.blocklistEntry('bounced@example.com', { kind: 'bounce', createdAt: at(0) }),
      )
      const refreshed = f.blocklistEntry('bounced@example.com', { kind: 'complaint', createdAt: at(9) })
      await storage.blocklist.add(refreshed)
      expect(await storage.blocklist.list({ limit: 10 })).toEqual([refreshed])
    })

    test('remove unblocks the address; false when it was not blocked', async ({ storage, f }) => {
      await storage.blocklist.add(f.blocklistEntry('bounced@example.com'))
      await storage.blocklist.add(f.blocklistEntry('kept@example.com'))
      expect(await storage.blocklist.remove('bounced@example.com')).toBe(true)
      expect(await storage.blocklist.isBlocked('bounced@example.com')).toBe(false)
      expect(await storage.blocklist.isBlocked('kept@example.com')).toBe(true)
      expect(await storage.blocklist.remove('bounced@example.com')).toBe(false)
      expect(await storage.blocklist.remove('never@example.com')).toBe(false)
    })

    test('list orders entries by emailKey, after afterKey, at most limit', async ({ storage, f }) => {
      for (const key of ['delta@example.com', 'alpha@example.com', 'echo@example.com', 'charlie@example.com'])
        await storage.blocklist.add(f.blocklistEntry(key))
      expect(keys(await storage.blocklist.list({ limit: 10 }))).toEqual([
        'alpha@example.com',
        'charlie@example.com',
        'delta@example.com',
        'echo@example.com',
      ])
      expect(keys(await storage.blocklist.list({ limit: 2 }))).toEqual([
        'alpha@example.com',
        'charlie@example.com',
      ])
      expect(keys(await storage.blocklist.list({ limit: 2, afterKey: 'charlie@example.com' }))).toEqual([
        'delta@example.com',
        'echo@example.com',
      ])
      expect(keys(await storage.blocklist.list({ limit: 10, afterKey: 'b' }))).toEqual([
        'charlie@example.com',
        'delta@example.com',
        'echo@example.com',
      ])
      expect(await storage.blocklist.list({ limit: 10, afterKey: 'echo@example.com' })).toEqual([])
    })
  })
}
