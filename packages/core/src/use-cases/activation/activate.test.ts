import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { PASSWORD, createTestRoster } from '@roster/test-support'

describe('activation.activate', () => {
  it('A8: a valid link sets the password, activates the account and every invited membership, and is consumed', async () => {
    const { roster, orgWithFounder, tokenFor, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder('Acme')
    const { org: other, founder: otherFounder } = await orgWithFounder('Globex')
    const added = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'L',
      })
    )._unsafeUnwrap()
    const token = tokenFor('ada@example.com')
    ;(
      await roster.members.add(otherFounder, {
        orgId: other.id,
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'L',
      })
    )._unsafeUnwrap()

    const account = (await roster.activation.activate({ token, password: PASSWORD }))._unsafeUnwrap()

    expect(account.status).toBe('active')
    expect((await storage.memberships.find(org.id, added.accountId))?.status).toBe('active')
    expect((await storage.memberships.find(other.id, added.accountId))?.status).toBe('active')
    expect(
      (await roster.credentials.verify({ username: 'ada@example.com', password: PASSWORD })).isOk(),
    ).toBe(true)
    const again = await roster.activation.activate({ token, password: PASSWORD })
    expect(again._unsafeUnwrapErr().code).toBe('TOKEN_INVALID')
  })

  it('A8: an expired link returns TOKEN_EXPIRED and changes nothing', async () => {
    const { roster, tokenFor, clock, storage, pendingAccount } = createTestRoster()
    const accountId = await pendingAccount('late@example.com')
    clock.advance('25h')
    const result = await roster.activation.activate({
      token: tokenFor('late@example.com'),
      password: PASSWORD,
    })
    expect(result._unsafeUnwrapErr().code).toBe('TOKEN_EXPIRED')
    expect((await storage.accounts.findById(accountId))?.status).toBe('pending_activation')
  })

  it('A8: an unknown link returns TOKEN_INVALID', async () => {
    const { roster } = createTestRoster()
    const result = await roster.activation.activate({ token: 'x'.repeat(43), password: PASSWORD })
    expect(result._unsafeUnwrapErr().code).toBe('TOKEN_INVALID')
  })

  it('A8: the password must be 12..128 characters, with no composition rules', async () => {
    const { roster, tokenFor, stored, pendingAccount } = createTestRoster()
    await pendingAccount('len@example.com')
    const token = tokenFor('len@example.com')
    const before = await stored()
    for (const password of ['a'.repeat(11), 'a'.repeat(129)]) {
      const error = (await roster.activation.activate({ token, password }))._unsafeUnwrapErr()
      expect(error.code).toBe('VALIDATION')
      expect(error.details?.issues).toEqual([{ path: 'password', message: expect.any(String) }])
    }
    expect(await stored()).toEqual(before)
    expect((await roster.activation.activate({ token, password: 'a'.repeat(128) })).isOk()).toBe(true)
  })

  it('A8: the length bounds come from policy.password', async () => {
    const { roster, tokenFor, pendingAccount } = createTestRoster({ policy: { password: { minLength: 16 } } })
    await pendingAccount('strict@example.com')
    const token = tokenFor('strict@example.com')
    expect(
      (await roster.activation.activate({ token, password: 'a'.repeat(15) }))._unsafeUnwrapErr().code,
    ).toBe('VALIDATION')
    expect((await roster.activation.activate({ token, password: 'a'.repeat(16) })).isOk()).toBe(true)
  })

  it('X1: only the SHA-256 hash of the token is stored', async () => {
    const { tokenFor, storage, pendingAccount } = createTestRoster()
    const accountId = await pendingAccount('hash@example.com')
    const token = tokenFor('hash@example.com')
    expect(Buffer.from(token, 'base64url')).toHaveLength(32)
    const sha256 = createHash('sha256').update(token).digest('base64url')
    const row = await storage.tokens.findByHash(sha256)
    expect(row).toMatchObject({ accountId, kind: 'activation', usedAt: null })
    expect(JSON.stringify(row)).not.toContain(token)
    expect(await storage.tokens.findByHash(token)).toBeNull()
  })

  it('X1: two concurrent activations with one link: exactly one succeeds', async () => {
    const { roster, tokenFor, pendingAccount } = createTestRoster()
    await pendingAccount('race@example.com')
    const token = tokenFor('race@example.com')
    const results = await Promise.all([
      roster.activation.activate({ token, password: PASSWORD }),
      roster.activation.activate({ token, password: `${PASSWORD} 2` }),
    ])
    expect(results.filter((r) => r.isOk())).toHaveLength(1)
    expect(results.find((r) => r.isErr())?._unsafeUnwrapErr().code).toBe('TOKEN_INVALID')
  })

  it('X2: the password is never returned, audited or mailed', async () => {
    const { roster, tokenFor, storage, pendingAccount } = createTestRoster()
    const accountId = await pendingAccount('secret@example.com')
    const view = (
      await roster.activation.activate({ token: tokenFor('secret@example.com'), password: PASSWORD })
    )._unsafeUnwrap()
    expect(JSON.stringify(view)).not.toContain(PASSWORD)
    expect(view).not.toHaveProperty('passwordHash')
    const [event] = await storage.audit.list({ orgId: null, action: 'account.activated', limit: 10 })
    expect(event?.changes).toEqual({
      status: { before: 'pending_activation', after: 'active' },
      password: {},
    })
    const stored = await storage.accounts.findById(accountId)
    expect(stored?.passwordHash).not.toContain(PASSWORD)
    const outbox = await storage.outbox.list({ limit: 100 })
    expect(JSON.stringify(outbox)).not.toContain(PASSWORD)
  })

  it('X4: bad input returns VALIDATION naming the fields and stores nothing', async () => {
    const { roster, stored } = createTestRoster()
    const before = await stored()
    const error = (await roster.activation.activate({ token: '', password: '' }))._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    const paths = (error.details?.issues as { path: string }[]).map((issue) => issue.path)
    expect(paths).toEqual(expect.arrayContaining(['token', 'password']))
    expect(await stored()).toEqual(before)
  })
})
