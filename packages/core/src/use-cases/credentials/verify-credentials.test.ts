import { describe, expect, it } from 'vitest'
import { scryptPasswordHasher } from '../../defaults/scrypt-password-hasher.js'
import type { PasswordHasher } from '../../ports/password-hasher.js'
import { PASSWORD, createTestRoster } from '@roster/test-support'

/** The test hasher, counting its calls. */
function countingHasher() {
  const inner = scryptPasswordHasher({ N: 2 ** 10 })
  const calls = { hash: 0, verify: 0 }
  const hasher: PasswordHasher = {
    hash: (password) => {
      calls.hash++
      return inner.hash(password)
    },
    verify: (password, hash) => {
      calls.verify++
      return inner.verify(password, hash)
    },
  }
  return { hasher, calls }
}

describe('credentials.verify', () => {
  it('A15: returns the account for the right username and password', async () => {
    const { roster, activeAccount } = createTestRoster()
    const { accountId } = await activeAccount('ada@example.com')
    const account = (
      await roster.credentials.verify({ username: ' ADA@example.com ', password: PASSWORD })
    )._unsafeUnwrap()
    expect(account).toMatchObject({ id: accountId, status: 'active', mustChangePassword: false })
    expect(JSON.stringify(account)).not.toContain('scrypt')
  })

  it('A15: answers INVALID_CREDENTIALS identically for an unknown user and a wrong password', async () => {
    const { roster, activeAccount } = createTestRoster()
    await activeAccount('ada@example.com')
    const unknown = (
      await roster.credentials.verify({ username: 'nobody', password: PASSWORD })
    )._unsafeUnwrapErr()
    const wrong = (
      await roster.credentials.verify({ username: 'ada@example.com', password: 'wrong password!' })
    )._unsafeUnwrapErr()
    expect(unknown.code).toBe('INVALID_CREDENTIALS')
    expect(wrong).toEqual(unknown)
  })

  it('A15: spends a hash verification on an unknown user too, so timing does not tell', async () => {
    const { hasher, calls } = countingHasher()
    const { roster, activeAccount } = createTestRoster({ passwordHasher: hasher })
    await activeAccount('ada@example.com')
    calls.verify = 0
    await roster.credentials.verify({ username: 'ada@example.com', password: 'wrong password!' })
    expect(calls.verify).toBe(1)
    await roster.credentials.verify({ username: 'nobody@example.com', password: 'wrong password!' })
    expect(calls.verify).toBe(2)
  })

  it('A15: a pending account cannot sign in', async () => {
    const { roster, pendingAccount } = createTestRoster()
    await pendingAccount('pending@example.com')
    const result = await roster.credentials.verify({ username: 'pending@example.com', password: PASSWORD })
    expect(result._unsafeUnwrapErr().code).toBe('INVALID_CREDENTIALS')
  })

  it('A12: a disabled account cannot sign in; only the right password learns why', async () => {
    const { roster, activeAccount, system } = createTestRoster()
    const { accountId } = await activeAccount('ada@example.com')
    ;(await roster.accounts.disable(system, { accountId }))._unsafeUnwrap()
    const right = await roster.credentials.verify({ username: 'ada@example.com', password: PASSWORD })
    expect(right._unsafeUnwrapErr()).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'disabled' } })
    const wrong = await roster.credentials.verify({
      username: 'ada@example.com',
      password: 'wrong password!',
    })
    expect(wrong._unsafeUnwrapErr().code).toBe('INVALID_CREDENTIALS')
  })

  it('A15, EN3: locks the account after policy.lockout.maxAttempts failures, even for the right password, until it expires', async () => {
    const { roster, activeAccount, clock, storage } = createTestRoster({
      policy: { lockout: { maxAttempts: 3, duration: '15m' } },
    })
    const { accountId } = await activeAccount('ada@example.com')
    const locked: string[] = []
    roster.events.on('account.locked', (event) => locked.push(event.until))
    const attempt = (password: string) => roster.credentials.verify({ username: 'ada@example.com', password })

    expect((await attempt('wrong 1'))._unsafeUnwrapErr().code).toBe('INVALID_CREDENTIALS')
    expect((await attempt('wrong 2'))._unsafeUnwrapErr().code).toBe('INVALID_CREDENTIALS')
    expect((await attempt('wrong 3'))._unsafeUnwrapErr().code).toBe('INVALID_CREDENTIALS')
    expect((await storage.accounts.findById(accountId))?.lockedUntil?.toISOString()).toBe(
      '2030-01-01T00:15:00.000Z',
    )
    // The lock holds: the right password is refused, with the wrong-password answer.
    expect((await attempt(PASSWORD))._unsafeUnwrapErr().code).toBe('INVALID_CREDENTIALS')
    expect(locked).toEqual(['2030-01-01T00:15:00.000Z'])
    const [event] = await storage.audit.list({
      orgId: null,
      action: 'account.locked',
      targetId: accountId,
      limit: 5,
    })
    expect(event?.changes).toEqual({ lockedUntil: { after: '2030-01-01T00:15:00.000Z' } })

    clock.advance('15m')
    expect((await attempt(PASSWORD)).isOk()).toBe(true)
  })

  it('EN3: a locked account answers exactly like an unknown user and a wrong password, after the same hashing work', async () => {
    const { hasher, calls } = countingHasher()
    const { roster, activeAccount } = createTestRoster({
      passwordHasher: hasher,
      policy: { lockout: { maxAttempts: 1, duration: '15m' } },
    })
    await activeAccount('ada@example.com')
    const answers = []
    for (const [username, password] of [
      ['ada@example.com', 'wrong password!'], // locks
      ['ada@example.com', PASSWORD], // locked, right password
      ['ada@example.com', 'wrong again!!!'], // locked, wrong password
      ['nobody@example.com', PASSWORD], // no such account
    ] as const) {
      calls.verify = 0
      answers.push({
        error: (await roster.credentials.verify({ username, password }))._unsafeUnwrapErr(),
        hashed: calls.verify,
      })
    }
    for (const answer of answers) expect(answer).toEqual(answers[3])
    expect(answers[3]).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' }, hashed: 1 })
  })

  it('A15: a success resets the failure count', async () => {
    const { roster, activeAccount, storage } = createTestRoster({
      policy: { lockout: { maxAttempts: 3, duration: '15m' } },
    })
    const { accountId } = await activeAccount('ada@example.com')
    const attempt = (password: string) => roster.credentials.verify({ username: 'ada@example.com', password })
    await attempt('wrong 1')
    await attempt('wrong 2')
    expect((await storage.accounts.findById(accountId))?.failedSignIns).toBe(2)
    expect((await attempt(PASSWORD)).isOk()).toBe(true)
    expect((await storage.accounts.findById(accountId))?.failedSignIns).toBe(0)
    await attempt('wrong 3')
    await attempt('wrong 4')
    expect((await attempt(PASSWORD)).isOk()).toBe(true)
  })

  it('A16: an account without a password (SSO-only) never signs in with one', async () => {
    const { roster, activeAccount, storage } = createTestRoster()
    const { accountId } = await activeAccount('sso@example.com')
    await storage.accounts.update(accountId, { passwordHash: null })
    const result = await roster.credentials.verify({ username: 'sso@example.com', password: PASSWORD })
    expect(result._unsafeUnwrapErr().code).toBe('INVALID_CREDENTIALS')
  })

  it('X2: the password appears in no audit event and no mail', async () => {
    const { roster, activeAccount, storage } = createTestRoster({ policy: { lockout: { maxAttempts: 1 } } })
    await activeAccount('ada@example.com')
    await roster.credentials.verify({ username: 'ada@example.com', password: 'my secret attempt' })
    const audit = await storage.audit.list({ orgId: null, limit: 100 })
    const outbox = await storage.outbox.list({ limit: 100 })
    expect(JSON.stringify([audit, outbox])).not.toMatch(/my secret attempt|correct horse/)
  })

  it('X4: bad input returns VALIDATION naming the fields and counts nothing', async () => {
    const { roster, activeAccount, storage, stored } = createTestRoster()
    const { accountId } = await activeAccount('ada@example.com')
    const before = await stored()
    const error = (await roster.credentials.verify({ username: ' ', password: '' }))._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    expect((error.details?.issues as { path: string }[]).map((i) => i.path)).toEqual(['username', 'password'])
    expect((await storage.accounts.findById(accountId))?.failedSignIns).toBe(0)
    expect(await stored()).toEqual(before)
  })
})
