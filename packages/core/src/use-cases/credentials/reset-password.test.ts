import { describe, expect, it } from 'vitest'
import { PASSWORD, createTestRoster } from '@roster/test-support'

const NEW_PASSWORD = 'a brand new passphrase'

async function withResetLink(options: Parameters<typeof createTestRoster>[0] = {}) {
  const t = createTestRoster(options)
  const actor = await t.activeAccount('ada@example.com')
  ;(await t.roster.credentials.requestPasswordReset({ email: 'ada@example.com' }))._unsafeUnwrap()
  await t.roster.outbox.drain() // EN4: the request's work runs after its answer
  return { ...t, actor, token: t.tokenFor('ada@example.com') }
}

describe('credentials.resetPassword', () => {
  it('A15: sets the new password from the mailed link; the old one stops working', async () => {
    const { roster, token, storage, actor } = await withResetLink()
    const view = (await roster.credentials.resetPassword({ token, password: NEW_PASSWORD }))._unsafeUnwrap()
    expect(view.id).toBe(actor.accountId)
    const verify = (password: string) => roster.credentials.verify({ username: 'ada@example.com', password })
    expect((await verify(NEW_PASSWORD)).isOk()).toBe(true)
    expect((await verify(PASSWORD))._unsafeUnwrapErr().code).toBe('INVALID_CREDENTIALS')
    const [event] = await storage.audit.list({ orgId: null, action: 'account.password-reset', limit: 1 })
    expect(event?.changes).toEqual({ password: {}, token: {} })
  })

  it('A15: the link is single use and an unknown one is TOKEN_INVALID', async () => {
    const { roster, token } = await withResetLink()
    ;(await roster.credentials.resetPassword({ token, password: NEW_PASSWORD }))._unsafeUnwrap()
    const again = await roster.credentials.resetPassword({ token, password: `${NEW_PASSWORD}!` })
    expect(again._unsafeUnwrapErr().code).toBe('TOKEN_INVALID')
    const unknown = await roster.credentials.resetPassword({ token: 'y'.repeat(43), password: NEW_PASSWORD })
    expect(unknown._unsafeUnwrapErr().code).toBe('TOKEN_INVALID')
  })

  it('A15: an expired link returns TOKEN_EXPIRED (policy.resetTtl)', async () => {
    const { roster, token, clock } = await withResetLink()
    clock.advance('61m')
    const result = await roster.credentials.resetPassword({ token, password: NEW_PASSWORD })
    expect(result._unsafeUnwrapErr().code).toBe('TOKEN_EXPIRED')
  })

  it('A15: a newer request revokes the older link', async () => {
    const { roster, token, tokenFor } = await withResetLink()
    ;(await roster.credentials.requestPasswordReset({ email: 'ada@example.com' }))._unsafeUnwrap()
    await roster.outbox.drain() // EN4: the request's work runs after its answer
    expect(
      (await roster.credentials.resetPassword({ token, password: NEW_PASSWORD }))._unsafeUnwrapErr().code,
    ).toBe('TOKEN_INVALID')
    const fresh = tokenFor('ada@example.com')
    expect((await roster.credentials.resetPassword({ token: fresh, password: NEW_PASSWORD })).isOk()).toBe(
      true,
    )
  })

  it('A8: the new password must be 12..128 characters; nothing is consumed when it is not', async () => {
    const { roster, token, stored } = await withResetLink()
    const before = await stored()
    const error = (await roster.credentials.resetPassword({ token, password: 'short' }))._unsafeUnwrapErr()
    expect(error).toMatchObject({ code: 'VALIDATION', details: { issues: [{ path: 'password' }] } })
    expect(await stored()).toEqual(before)
    expect((await roster.credentials.resetPassword({ token, password: NEW_PASSWORD })).isOk()).toBe(true)
  })

  it('A15, EN3: proving the mailbox lifts a lockout', async () => {
    const { roster, token } = await withResetLink({ policy: { lockout: { maxAttempts: 1 } } })
    const locked = await roster.credentials.verify({
      username: 'ada@example.com',
      password: 'wrong password!',
    })
    expect(locked._unsafeUnwrapErr().code).toBe('INVALID_CREDENTIALS')
    const right = await roster.credentials.verify({ username: 'ada@example.com', password: PASSWORD })
    expect(right._unsafeUnwrapErr().code).toBe('INVALID_CREDENTIALS')
    ;(await roster.credentials.resetPassword({ token, password: NEW_PASSWORD }))._unsafeUnwrap()
    expect(
      (await roster.credentials.verify({ username: 'ada@example.com', password: NEW_PASSWORD })).isOk(),
    ).toBe(true)
  })

  it('A12: disabling the account revokes its reset links', async () => {
    const { roster, token, system, actor } = await withResetLink()
    ;(await roster.accounts.disable(system, actor))._unsafeUnwrap()
    ;(await roster.accounts.enable(system, actor))._unsafeUnwrap()
    const result = await roster.credentials.resetPassword({ token, password: NEW_PASSWORD })
    expect(result._unsafeUnwrapErr().code).toBe('TOKEN_INVALID')
  })

  it('X1: two concurrent resets with one link: exactly one succeeds', async () => {
    const { roster, token } = await withResetLink()
    const results = await Promise.all([
      roster.credentials.resetPassword({ token, password: NEW_PASSWORD }),
      roster.credentials.resetPassword({ token, password: `${NEW_PASSWORD} two` }),
    ])
    expect(results.filter((r) => r.isOk())).toHaveLength(1)
    expect(results.find((r) => r.isErr())?._unsafeUnwrapErr().code).toBe('TOKEN_INVALID')
  })

  it('X4: bad input returns VALIDATION naming the fields', async () => {
    const { roster } = createTestRoster()
    const error = (await roster.credentials.resetPassword({ token: 'x', password: '' }))._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    expect((error.details?.issues as { path: string }[]).map((i) => i.path)).toEqual(['token', 'password'])
  })
})
