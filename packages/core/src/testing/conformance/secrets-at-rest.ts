import { describe, expect } from 'vitest'
import { at } from './fixtures.js'
import { type ConformanceTest, seedAccount, seedOrg } from './harness.js'

/** The storage side of X5 (no secret at rest): what the delivery step mints from, and expiries. */
export function secretsAtRestConformance(test: ConformanceTest): void {
  describe('secrets at rest', () => {
    test('X5: an outbox message keeps its mint instruction as given (link and temporary password)', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      const link = f.outboxMessage({
        orgId: org.id,
        template: 'email-change-confirm',
        text: '',
        html: '',
        mint: {
          kind: 'link',
          tokenKind: 'email-change',
          accountId: account.id,
          expiresAt: at(60).toISOString(),
          email: 'new@example.com',
        },
      })
      const password = f.outboxMessage({
        template: 'temporary-password',
        mint: { kind: 'temporary-password', accountId: account.id },
      })
      for (const message of [link, password]) await storage.outbox.enqueue(message)
      expect(await storage.outbox.findById(link.id)).toEqual(link)
      expect(await storage.outbox.findById(password.id)).toEqual(password)
      const [claimed] = await storage.outbox.claimDue(at(0), 1, at(5), 'c')
      expect(claimed?.mint).toEqual(link.mint)
    })

    test("X5: an account's passwordExpiresAt round-trips through insert and update", async ({
      storage,
      f,
    }) => {
      const account = f.account({ mustChangePassword: true, passwordExpiresAt: at(72) })
      await storage.accounts.insert(account)
      expect((await storage.accounts.findById(account.id))?.passwordExpiresAt).toEqual(at(72))
      const cleared = await storage.accounts.update(account.id, { passwordExpiresAt: null })
      expect(cleared).toMatchObject({ status: 'updated', account: { passwordExpiresAt: null } })
      expect((await storage.accounts.findById(account.id))?.passwordExpiresAt).toBeNull()
    })
  })
}
