import { describe, expect, it } from 'vitest'
import { PASSWORD, createTestRoster } from '@roster/test-support'

const NEW_PASSWORD = 'a brand new passphrase'

describe('credentials.changePassword', () => {
  it('A4: a temporary password is replaced and mustChangePassword cleared', async () => {
    const { roster, orgWithFounder, mailer, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const { accountId } = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'temp@example.com',
        firstName: 'Tem',
        lastName: 'Porary',
        credential: { kind: 'temporary-password' },
      })
    )._unsafeUnwrap()
    const temporary = String(mailer.last('temp@example.com')?.data.password)
    const signedIn = (
      await roster.credentials.verify({ username: 'temp@example.com', password: temporary })
    )._unsafeUnwrap()
    expect(signedIn.mustChangePassword).toBe(true)

    const view = (
      await roster.credentials.changePassword(
        { accountId },
        { currentPassword: temporary, newPassword: NEW_PASSWORD },
      )
    )._unsafeUnwrap()

    expect(view.mustChangePassword).toBe(false)
    expect(
      (await roster.credentials.verify({ username: 'temp@example.com', password: NEW_PASSWORD })).isOk(),
    ).toBe(true)
    const [event] = await storage.audit.list({ orgId: null, action: 'account.password-changed', limit: 1 })
    expect(event?.changes).toEqual({ password: {}, mustChangePassword: { before: true, after: false } })
    expect(JSON.stringify(event)).not.toContain(NEW_PASSWORD)
  })

  it('A15: a wrong current password is INVALID_CREDENTIALS and counts towards the lockout', async () => {
    const { roster, activeAccount, storage, stored } = createTestRoster({
      policy: { lockout: { maxAttempts: 2 } },
    })
    const actor = await activeAccount('ada@example.com')
    const change = () =>
      roster.credentials.changePassword(actor, {
        currentPassword: 'not my password',
        newPassword: NEW_PASSWORD,
      })
    const before = await stored()
    expect((await change())._unsafeUnwrapErr().code).toBe('INVALID_CREDENTIALS')
    expect(await stored()).toEqual(before)
    expect((await storage.accounts.findById(actor.accountId))?.failedSignIns).toBe(1)
    expect((await change())._unsafeUnwrapErr().code).toBe('ACCOUNT_LOCKED')
    const right = await roster.credentials.changePassword(actor, {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    })
    expect(right._unsafeUnwrapErr().code).toBe('ACCOUNT_LOCKED')
  })

  it('A8: the new password follows policy.password and must differ from the current one', async () => {
    const { roster, activeAccount } = createTestRoster()
    const actor = await activeAccount('ada@example.com')
    const short = await roster.credentials.changePassword(actor, {
      currentPassword: PASSWORD,
      newPassword: 'short',
    })
    expect(short._unsafeUnwrapErr()).toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'newPassword' }] },
    })
    const same = await roster.credentials.changePassword(actor, {
      currentPassword: PASSWORD,
      newPassword: PASSWORD,
    })
    expect(same._unsafeUnwrapErr()).toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'newPassword' }] },
    })
  })

  it('A12: the system actor and a disabled person cannot change a password', async () => {
    const { roster, activeAccount, system } = createTestRoster()
    const actor = await activeAccount('ada@example.com')
    const input = { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }
    expect((await roster.credentials.changePassword(system, input))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    ;(await roster.accounts.disable(system, actor))._unsafeUnwrap()
    expect((await roster.credentials.changePassword(actor, input))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
  })

  it('X4: bad input returns VALIDATION naming the fields and stores nothing', async () => {
    const { roster, activeAccount, stored } = createTestRoster()
    const actor = await activeAccount('ada@example.com')
    const before = await stored()
    const error = (
      await roster.credentials.changePassword(actor, {
        currentPassword: '',
        newPassword: 42 as unknown as string,
      })
    )._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    expect((error.details?.issues as { path: string }[]).map((i) => i.path)).toEqual([
      'currentPassword',
      'newPassword',
    ])
    expect(await stored()).toEqual(before)
  })
})
