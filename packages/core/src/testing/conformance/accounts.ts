import { describe, expect } from 'vitest'
import { at } from './fixtures.js'
import { byId, type ConformanceTest, seedAccount } from './harness.js'

export function accountsConformance(test: ConformanceTest): void {
  describe('accounts', () => {
    test('find* return null for an unknown account', async ({ storage, f }) => {
      await seedAccount(storage, f)
      expect(await storage.accounts.findById(f.id())).toBeNull()
      expect(await storage.accounts.findByEmail('nobody@example.com')).toBeNull()
      expect(await storage.accounts.findByUsername('nobody')).toBeNull()
      expect(await storage.accounts.findByIdentity('google', 'nobody')).toBeNull()
      expect(await storage.accounts.findByIds([])).toEqual([])
      expect(await storage.accounts.findByIds([f.id()])).toEqual([])
    })

    test('insert stores every field as given (dates by value, nulls kept)', async ({ storage, f }) => {
      const full = f.account({
        phone: '+33612345678',
        language: 'fr',
        status: 'pending_activation',
        mustChangePassword: true,
        passwordHash: 'scrypt$hash',
        identityProvider: 'google',
        externalSubject: 'sub-1',
        failedSignIns: 2,
        lockedUntil: at(15),
        createdAt: at(-10),
        updatedAt: at(-5),
      })
      const bare = f.account()
      expect(await storage.accounts.insert(full)).toEqual({ status: 'inserted' })
      expect(await storage.accounts.insert(bare)).toEqual({ status: 'inserted' })
      expect(await storage.accounts.findById(full.id)).toEqual(full)
      expect(await storage.accounts.findById(bare.id)).toEqual(bare)
    })

    test('findByEmail, findByUsername and findByIdentity look up by the normalized keys', async ({
      storage,
      f,
    }) => {
      const ada = await seedAccount(storage, f, {
        email: 'Ada@Example.com',
        emailKey: 'ada@example.com',
        username: 'Ada',
        usernameKey: 'ada',
        identityProvider: 'google',
        externalSubject: 'g-ada',
      })
      await seedAccount(storage, f, { identityProvider: 'github', externalSubject: 'g-ada' })
      expect(await storage.accounts.findByEmail('ada@example.com')).toEqual(ada)
      expect(await storage.accounts.findByUsername('ada')).toEqual(ada)
      expect(await storage.accounts.findByIdentity('google', 'g-ada')).toEqual(ada)
      expect((await storage.accounts.findByIdentity('github', 'g-ada'))?.id).not.toBe(ada.id)
      expect(await storage.accounts.findByIdentity('google', 'g-other')).toBeNull()
    })

    test('findByIds returns the accounts found, each once, skipping missing ids', async ({ storage, f }) => {
      const a = await seedAccount(storage, f)
      const b = await seedAccount(storage, f)
      await seedAccount(storage, f)
      const found = await storage.accounts.findByIds([b.id, f.id(), a.id, b.id])
      expect(byId(found)).toEqual(byId([a, b]))
    })

    test('A2: insert returns conflict on a taken emailKey and stores nothing', async ({ storage, f }) => {
      const first = await seedAccount(storage, f, { emailKey: 'same@example.com' })
      const second = f.account({ emailKey: 'same@example.com' })
      expect(await storage.accounts.insert(second)).toEqual({ status: 'conflict', field: 'email' })
      expect(await storage.accounts.findById(second.id)).toBeNull()
      expect(await storage.accounts.findByUsername(second.usernameKey)).toBeNull()
      expect((await storage.accounts.findByEmail('same@example.com'))?.id).toBe(first.id)
    })

    test('insert returns conflict on a taken usernameKey and stores nothing', async ({ storage, f }) => {
      await seedAccount(storage, f, { usernameKey: 'taken' })
      const second = f.account({ usernameKey: 'taken' })
      expect(await storage.accounts.insert(second)).toEqual({ status: 'conflict', field: 'username' })
      expect(await storage.accounts.findById(second.id)).toBeNull()
      expect(await storage.accounts.findByEmail(second.emailKey)).toBeNull()
    })

    test('A16: insert returns conflict on a taken (provider, subject) and stores nothing', async ({
      storage,
      f,
    }) => {
      await seedAccount(storage, f, { identityProvider: 'google', externalSubject: 's-1' })
      const second = f.account({ identityProvider: 'google', externalSubject: 's-1' })
      expect(await storage.accounts.insert(second)).toEqual({ status: 'conflict', field: 'identity' })
      expect(await storage.accounts.findById(second.id)).toBeNull()
    })

    test('identity is unique per provider; accounts without an identity never collide', async ({
      storage,
      f,
    }) => {
      await seedAccount(storage, f, { identityProvider: 'google', externalSubject: 's-1' })
      await seedAccount(storage, f, { identityProvider: 'github', externalSubject: 's-1' })
      await seedAccount(storage, f, { identityProvider: 'google', externalSubject: 's-2' })
      await seedAccount(storage, f)
      await seedAccount(storage, f)
    })

    test('update patches the given fields and returns the updated account', async ({ storage, f }) => {
      const account = await seedAccount(storage, f, { phone: '+33612345678' })
      const outcome = await storage.accounts.update(account.id, {
        firstName: 'Ada',
        status: 'disabled',
        phone: null,
        lockedUntil: at(30),
        updatedAt: at(5),
      })
      const expected = {
        ...account,
        firstName: 'Ada',
        status: 'disabled' as const,
        phone: null,
        lockedUntil: at(30),
        updatedAt: at(5),
      }
      expect(outcome).toEqual({ status: 'updated', account: expected })
      expect(await storage.accounts.findById(account.id)).toEqual(expected)
    })

    test('update leaves fields that are undefined in the patch unchanged', async ({ storage, f }) => {
      const account = await seedAccount(storage, f, { phone: '+33612345678' })
      const outcome = await storage.accounts.update(account.id, {
        lastName: 'Lovelace',
        phone: undefined,
        emailKey: undefined,
      })
      const expected = { ...account, lastName: 'Lovelace' }
      expect(outcome).toEqual({ status: 'updated', account: expected })
      expect(await storage.accounts.findById(account.id)).toEqual(expected)
      expect(await storage.accounts.findByEmail(account.emailKey)).toEqual(expected)
    })

    test('update changes the keys lookups go by', async ({ storage, f }) => {
      const account = await seedAccount(storage, f)
      await storage.accounts.update(account.id, {
        email: 'new@example.com',
        emailKey: 'new@example.com',
        usernameKey: 'newname',
        identityProvider: 'google',
        externalSubject: 's-9',
      })
      expect(await storage.accounts.findByEmail(account.emailKey)).toBeNull()
      expect(await storage.accounts.findByUsername(account.usernameKey)).toBeNull()
      expect((await storage.accounts.findByEmail('new@example.com'))?.id).toBe(account.id)
      expect((await storage.accounts.findByUsername('newname'))?.id).toBe(account.id)
      expect((await storage.accounts.findByIdentity('google', 's-9'))?.id).toBe(account.id)
    })

    test('update returns not-found for an unknown id and stores nothing', async ({ storage, f }) => {
      const id = f.id()
      expect(await storage.accounts.update(id, { firstName: 'Ghost' })).toEqual({ status: 'not-found' })
      expect(await storage.accounts.findById(id)).toBeNull()
    })

    test('update returns conflict when the patch collides with another account, changing nothing', async ({
      storage,
      f,
    }) => {
      const other = await seedAccount(storage, f, { identityProvider: 'google', externalSubject: 's-1' })
      const account = await seedAccount(storage, f)
      expect(await storage.accounts.update(account.id, { emailKey: other.emailKey, firstName: 'X' })).toEqual(
        {
          status: 'conflict',
          field: 'email',
        },
      )
      expect(
        await storage.accounts.update(account.id, { usernameKey: other.usernameKey, firstName: 'X' }),
      ).toEqual({ status: 'conflict', field: 'username' })
      expect(
        await storage.accounts.update(account.id, {
          identityProvider: 'google',
          externalSubject: 's-1',
          firstName: 'X',
        }),
      ).toEqual({ status: 'conflict', field: 'identity' })
      expect(await storage.accounts.findById(account.id)).toEqual(account)
      expect(await storage.accounts.findById(other.id)).toEqual(other)
    })

    test('update keeping its own email, username and identity is not a conflict', async ({ storage, f }) => {
      const account = await seedAccount(storage, f, { identityProvider: 'google', externalSubject: 's-1' })
      const outcome = await storage.accounts.update(account.id, {
        emailKey: account.emailKey,
        usernameKey: account.usernameKey,
        identityProvider: 'google',
        externalSubject: 's-1',
        firstName: 'Same',
      })
      expect(outcome).toEqual({ status: 'updated', account: { ...account, firstName: 'Same' } })
    })

    test('delete removes the account and its tokens; false when it did not exist', async ({ storage, f }) => {
      const account = await seedAccount(storage, f)
      const other = await seedAccount(storage, f)
      const token = f.token(account)
      const kept = f.token(other)
      await storage.tokens.insert(token)
      await storage.tokens.insert(kept)
      expect(await storage.accounts.delete(account.id)).toBe(true)
      expect(await storage.accounts.findById(account.id)).toBeNull()
      expect(await storage.accounts.findByEmail(account.emailKey)).toBeNull()
      expect(await storage.tokens.findByHash(token.hash)).toBeNull()
      expect(await storage.tokens.findByHash(kept.hash)).toEqual(kept)
      expect(await storage.accounts.findById(other.id)).toEqual(other)
      expect(await storage.accounts.delete(account.id)).toBe(false)
      expect(await storage.accounts.delete(f.id())).toBe(false)
    })

    test('a deleted account frees its email, username and identity', async ({ storage, f }) => {
      const account = await seedAccount(storage, f, { identityProvider: 'google', externalSubject: 's-1' })
      await storage.accounts.delete(account.id)
      await seedAccount(storage, f, {
        emailKey: account.emailKey,
        usernameKey: account.usernameKey,
        identityProvider: 'google',
        externalSubject: 's-1',
      })
    })

    test('recordFailedSignIn counts failures, then locks and resets the count at maxAttempts', async ({
      storage,
      f,
    }) => {
      const account = await seedAccount(storage, f)
      const options = { maxAttempts: 3, lockedUntil: at(15), now: at(0) }
      expect(await storage.accounts.recordFailedSignIn(account.id, options)).toEqual({
        failedSignIns: 1,
        lockedUntil: null,
      })
      expect(await storage.accounts.recordFailedSignIn(account.id, options)).toEqual({
        failedSignIns: 2,
        lockedUntil: null,
      })
      expect((await storage.accounts.findById(account.id))?.failedSignIns).toBe(2)
      expect(await storage.accounts.recordFailedSignIn(account.id, options)).toEqual({
        failedSignIns: 0,
        lockedUntil: at(15),
      })
      const stored = await storage.accounts.findById(account.id)
      expect(stored).toMatchObject({ failedSignIns: 0, lockedUntil: at(15) })
      expect(stored).toEqual({ ...account, failedSignIns: 0, lockedUntil: at(15) })
    })

    test('recordFailedSignIn on an unknown account stores nothing', async ({ storage, f }) => {
      const id = f.id()
      const outcome = await storage.accounts.recordFailedSignIn(id, {
        maxAttempts: 3,
        lockedUntil: at(15),
        now: at(0),
      })
      expect(outcome).toEqual({ failedSignIns: 0, lockedUntil: null })
      expect(await storage.accounts.findById(id)).toBeNull()
    })
  })
}
