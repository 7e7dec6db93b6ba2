import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

const NEW_PASSWORD = 'my own password, finally'

async function withTemporaryPassword(options: Parameters<typeof createTestRoster>[0] = {}) {
  const t = createTestRoster(options)
  const { org } = await t.orgWithFounder()
  const view = (
    await t.roster.members.add(t.system, {
      orgId: org.id,
      email: 'tess@example.com',
      firstName: 'Tess',
      lastName: 'Temp',
      credential: { kind: 'temporary-password' },
    })
  )._unsafeUnwrap()
  return { ...t, org, accountId: view.accountId }
}

const mailedPassword = (t: ReturnType<typeof createTestRoster>) =>
  t.mailer.last('tess@example.com')?.data.password as string

describe('temporary passwords (A4, X5)', () => {
  it('X6: verify accepts a temporary password within policy.temporaryPasswordTtl and says it must change', async () => {
    const t = await withTemporaryPassword()
    t.clock.advance('71h')
    const account = (
      await t.roster.credentials.verify({ username: 'tess@example.com', password: mailedPassword(t) })
    )._unsafeUnwrap()
    expect(account.mustChangePassword).toBe(true)
  })

  it('X6: verify refuses an expired temporary password (FORBIDDEN, reason temporary-password-expired), only to the right password', async () => {
    const t = await withTemporaryPassword({ policy: { temporaryPasswordTtl: '24h' } })
    t.clock.advance('25h')
    const right = await t.roster.credentials.verify({
      username: 'tess@example.com',
      password: mailedPassword(t),
    })
    expect(right._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'temporary-password-expired' },
    })
    const wrong = await t.roster.credentials.verify({
      username: 'tess@example.com',
      password: 'not the password',
    })
    expect(wrong._unsafeUnwrapErr().code).toBe('INVALID_CREDENTIALS')
  })

  it('X6: changePassword from an expired temporary password is refused; a reset link still works', async () => {
    const t = await withTemporaryPassword()
    const actor = { accountId: t.accountId }
    const temporary = mailedPassword(t)
    t.clock.advance('73h')
    const changed = await t.roster.credentials.changePassword(actor, {
      currentPassword: temporary,
      newPassword: NEW_PASSWORD,
    })
    expect(changed._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'temporary-password-expired' },
    })
    ;(await t.roster.credentials.requestPasswordReset({ email: 'tess@example.com' }))._unsafeUnwrap()
    await t.roster.outbox.drain()
    const reset = await t.roster.credentials.resetPassword({
      token: t.tokenFor('tess@example.com'),
      password: NEW_PASSWORD,
    })
    expect(reset._unsafeUnwrap().mustChangePassword).toBe(false)
    t.clock.advance('1000h')
    expect(
      (await t.roster.credentials.verify({ username: 'tess@example.com', password: NEW_PASSWORD })).isOk(),
    ).toBe(true)
  })

  it('X6: changing the temporary password in time clears its expiry for good', async () => {
    const t = await withTemporaryPassword()
    const actor = { accountId: t.accountId }
    ;(
      await t.roster.credentials.changePassword(actor, {
        currentPassword: mailedPassword(t),
        newPassword: NEW_PASSWORD,
      })
    )._unsafeUnwrap()
    expect((await t.storage.accounts.findById(t.accountId))?.passwordExpiresAt).toBeNull()
    t.clock.advance('1000h')
    const account = (
      await t.roster.credentials.verify({ username: 'tess@example.com', password: NEW_PASSWORD })
    )._unsafeUnwrap()
    expect(account.mustChangePassword).toBe(false)
  })

  it('X6: a redelivered temporary-password mail carries a new password; the undelivered one never works', async () => {
    const t = createTestRoster()
    const { org } = await t.orgWithFounder()
    t.mailer.failNext(1)
    ;(
      await t.roster.members.add(t.system, {
        orgId: org.id,
        email: 'tess@example.com',
        firstName: 'Tess',
        lastName: 'Temp',
        credential: { kind: 'temporary-password' },
      })
    )._unsafeUnwrap()
    expect(t.mailer.last('tess@example.com')).toBeUndefined()
    const [pending] = await t.storage.outbox.list({ limit: 10, status: 'pending' })
    expect(pending).toMatchObject({ text: '', html: '', mint: { kind: 'temporary-password' } })
    expect(pending?.data).not.toHaveProperty('password')
    t.clock.advance('1m')
    expect((await t.roster.outbox.dispatch())._unsafeUnwrap()).toMatchObject({ sent: 1 })
    const delivered = mailedPassword(t)
    expect(delivered).toMatch(/^[A-Za-z0-9]{20}$/)
    expect(t.mailer.last('tess@example.com')?.text).toContain(delivered)
    expect(
      (await t.roster.credentials.verify({ username: 'tess@example.com', password: delivered })).isOk(),
    ).toBe(true)
  })

  it('X6: a temporary-password mail still queued after the person chose their own password is not sent and changes nothing', async () => {
    const t = createTestRoster()
    const { org } = await t.orgWithFounder()
    t.mailer.failNext(1)
    ;(
      await t.roster.members.add(t.system, {
        orgId: org.id,
        email: 'tess@example.com',
        firstName: 'Tess',
        lastName: 'Temp',
        credential: { kind: 'temporary-password' },
      })
    )._unsafeUnwrap()
    const account = await t.storage.accounts.findById(
      (await t.storage.accounts.findByEmail('tess@example.com'))!.id,
    )
    // The person got in another way meanwhile (an admin set a password, a reset): no longer temporary.
    await t.storage.accounts.update(account!.id, {
      mustChangePassword: false,
      passwordExpiresAt: null,
      passwordHash: 'kept',
    })
    t.clock.advance('1m')
    expect((await t.roster.outbox.dispatch())._unsafeUnwrap()).toMatchObject({ sent: 0, failed: 1 })
    expect(t.mailer.last('tess@example.com')).toBeUndefined()
    expect((await t.storage.accounts.findById(account!.id))?.passwordHash).toBe('kept')
    const [dead] = await t.storage.outbox.list({ limit: 10, status: 'dead' })
    expect(dead?.template).toBe('temporary-password')
  })
})
