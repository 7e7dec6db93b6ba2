import { describe, expect } from 'vitest'
import { at } from './fixtures.js'
import { type ConformanceTest, seedAccount } from './harness.js'

export function tokensConformance(test: ConformanceTest): void {
  describe('tokens', () => {
    test('insert stores the token as given; findByHash returns it, null for an unknown hash', async ({
      storage,
      f,
    }) => {
      const account = await seedAccount(storage, f)
      const token = f.token(account, {
        kind: 'email-change',
        email: 'new@example.com',
        expiresAt: at(30),
        createdAt: at(-1),
      })
      const other = f.token(account)
      await storage.tokens.insert(token)
      await storage.tokens.insert(other)
      expect(await storage.tokens.findByHash(token.hash)).toEqual(token)
      expect(await storage.tokens.findByHash(other.hash)).toEqual(other)
      expect(await storage.tokens.findByHash('no-such-hash')).toBeNull()
    })

    test('X1: consume marks an unused token used once; later calls return false', async ({ storage, f }) => {
      const account = await seedAccount(storage, f)
      const token = f.token(account)
      await storage.tokens.insert(token)
      expect(await storage.tokens.consume(token.id, at(2))).toBe(true)
      expect(await storage.tokens.findByHash(token.hash)).toEqual({ ...token, usedAt: at(2) })
      expect(await storage.tokens.consume(token.id, at(3))).toBe(false)
      expect((await storage.tokens.findByHash(token.hash))?.usedAt).toEqual(at(2))
    })

    test('consume returns false for an unknown token', async ({ storage, f }) => {
      expect(await storage.tokens.consume(f.id(), at(0))).toBe(false)
    })

    test('consume of one token leaves the account’s other tokens unused', async ({ storage, f }) => {
      const account = await seedAccount(storage, f)
      const used = f.token(account)
      const other = f.token(account)
      await storage.tokens.insert(used)
      await storage.tokens.insert(other)
      await storage.tokens.consume(used.id, at(1))
      expect(await storage.tokens.findByHash(other.hash)).toEqual(other)
    })

    test('revokeFor marks every unused token of that kind of the account used and returns how many', async ({
      storage,
      f,
    }) => {
      const account = await seedAccount(storage, f)
      const other = await seedAccount(storage, f)
      const a1 = f.token(account, { kind: 'password-reset' })
      const a2 = f.token(account, { kind: 'password-reset' })
      const alreadyUsed = f.token(account, { kind: 'password-reset', usedAt: at(-5) })
      const otherKind = f.token(account, { kind: 'activation' })
      const otherAccount = f.token(other, { kind: 'password-reset' })
      for (const token of [a1, a2, alreadyUsed, otherKind, otherAccount]) await storage.tokens.insert(token)

      expect(await storage.tokens.revokeFor(account.id, 'password-reset', at(4))).toBe(2)
      expect(await storage.tokens.findByHash(a1.hash)).toEqual({ ...a1, usedAt: at(4) })
      expect(await storage.tokens.findByHash(a2.hash)).toEqual({ ...a2, usedAt: at(4) })
      expect(await storage.tokens.findByHash(alreadyUsed.hash)).toEqual(alreadyUsed)
      expect(await storage.tokens.findByHash(otherKind.hash)).toEqual(otherKind)
      expect(await storage.tokens.findByHash(otherAccount.hash)).toEqual(otherAccount)
      expect(await storage.tokens.consume(a1.id, at(5))).toBe(false)
      expect(await storage.tokens.consume(otherKind.id, at(5))).toBe(true)
      expect(await storage.tokens.revokeFor(account.id, 'password-reset', at(6))).toBe(0)
      expect(await storage.tokens.revokeFor(f.id(), 'activation', at(6))).toBe(0)
    })
  })
}
