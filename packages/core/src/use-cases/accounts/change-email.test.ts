import { describe, expect, it } from 'vitest'
import { PASSWORD, createTestRoster } from '@roster/test-support'

describe('accounts.changeEmail', () => {
  it("A7: with emailChange 'immediate' (default) it switches at once and notifies the old address", async () => {
    const { roster, activeAccount, mailer, storage } = createTestRoster()
    const changed: string[] = []
    roster.events.on('account.email-changed', (event) => changed.push(event.accountId))
    const ada = await activeAccount('ada@example.com')
    mailer.clear()

    const view = (
      await roster.accounts.changeEmail(ada, { accountId: ada.accountId, email: ' Ada@New.example ' })
    )._unsafeUnwrap()

    expect(view.email).toBe('Ada@New.example')
    expect(await storage.accounts.findByEmail('ada@new.example')).toMatchObject({ id: ada.accountId })
    expect(await storage.accounts.findByEmail('ada@example.com')).toBeNull()
    expect(mailer.sent).toHaveLength(1)
    expect(mailer.last('ada@example.com')).toMatchObject({
      template: 'email-changed-notice',
      data: { newEmail: 'Ada@New.example' },
    })
    expect(changed).toEqual([ada.accountId])
    const [event] = await storage.audit.list({ orgId: null, action: 'account.email-changed', limit: 1 })
    expect(event?.changes).toEqual({ email: { before: 'ada@example.com', after: 'Ada@New.example' } })
  })

  it("A7: with emailChange 'verify' it mails a link to the new address and switches only on confirmEmail", async () => {
    const { roster, activeAccount, mailer, storage, tokenFor } = createTestRoster({
      policy: { emailChange: 'verify' },
    })
    const ada = await activeAccount('ada@example.com')
    mailer.clear()

    const view = (
      await roster.accounts.changeEmail(ada, { accountId: ada.accountId, email: 'ada@new.example' })
    )._unsafeUnwrap()

    expect(view.email).toBe('ada@example.com')
    expect(mailer.sent).toHaveLength(1)
    const confirm = mailer.last('ada@new.example')!
    expect(confirm.template).toBe('email-change-confirm')
    expect(confirm.data.url).toBe(`http://localhost:3000/confirm-email?token=${confirm.data.token}`)
    expect((await storage.accounts.findById(ada.accountId))?.email).toBe('ada@example.com')
    const [requested] = await storage.audit.list({
      orgId: null,
      action: 'account.email-change-requested',
      limit: 1,
    })
    expect(JSON.stringify(requested)).not.toContain(String(confirm.data.token))

    const confirmed = (
      await roster.accounts.confirmEmail({ token: tokenFor('ada@new.example') })
    )._unsafeUnwrap()
    expect(confirmed.email).toBe('ada@new.example')
    expect(mailer.last('ada@example.com')).toMatchObject({
      template: 'email-changed-notice',
      data: { newEmail: 'ada@new.example' },
    })
    const again = await roster.accounts.confirmEmail({ token: tokenFor('ada@new.example') })
    expect(again._unsafeUnwrapErr().code).toBe('TOKEN_INVALID')
  })

  it('A7: an expired confirmation link returns TOKEN_EXPIRED and keeps the old email', async () => {
    const { roster, activeAccount, tokenFor, clock, storage } = createTestRoster({
      policy: { emailChange: 'verify' },
    })
    const ada = await activeAccount('ada@example.com')
    ;(
      await roster.accounts.changeEmail(ada, { accountId: ada.accountId, email: 'ada@new.example' })
    )._unsafeUnwrap()
    clock.advance('2h')
    const result = await roster.accounts.confirmEmail({ token: tokenFor('ada@new.example') })
    expect(result._unsafeUnwrapErr().code).toBe('TOKEN_EXPIRED')
    expect((await storage.accounts.findById(ada.accountId))?.email).toBe('ada@example.com')
  })

  it('A7: uniqueness holds in both modes: EMAIL_TAKEN, also when the address is taken before the link is used', async () => {
    for (const emailChange of ['immediate', 'verify'] as const) {
      const { roster, activeAccount, mailer, stored } = createTestRoster({ policy: { emailChange } })
      const ada = await activeAccount('ada@example.com')
      await activeAccount('bob@example.com')
      mailer.clear()
      const before = await stored()
      const result = await roster.accounts.changeEmail(ada, {
        accountId: ada.accountId,
        email: 'BOB@example.com',
      })
      expect(result._unsafeUnwrapErr().code).toBe('EMAIL_TAKEN')
      expect(mailer.sent).toHaveLength(0)
      expect(await stored()).toEqual(before)
    }

    const { roster, activeAccount, tokenFor, storage } = createTestRoster({
      policy: { emailChange: 'verify' },
    })
    const ada = await activeAccount('ada@example.com')
    ;(
      await roster.accounts.changeEmail(ada, { accountId: ada.accountId, email: 'new@example.com' })
    )._unsafeUnwrap()
    const token = tokenFor('new@example.com')
    await roster.accounts.signUp({ email: 'new@example.com', firstName: 'First', lastName: 'Come' })
    expect((await roster.accounts.confirmEmail({ token }))._unsafeUnwrapErr().code).toBe('EMAIL_TAKEN')
    expect((await storage.accounts.findById(ada.accountId))?.email).toBe('ada@example.com')
  })

  it('A11: a blocklisted new address returns EMAIL_BLOCKED before anything is stored', async () => {
    for (const emailChange of ['immediate', 'verify'] as const) {
      const { roster, activeAccount, storage, stored, mailer, clock } = createTestRoster({
        policy: { emailChange },
      })
      const ada = await activeAccount('ada@example.com')
      await storage.blocklist.add({ emailKey: 'bounced@example.com', kind: 'bounce', createdAt: clock.now() })
      mailer.clear()
      const before = await stored()
      const result = await roster.accounts.changeEmail(ada, {
        accountId: ada.accountId,
        email: 'Bounced@example.com',
      })
      expect(result._unsafeUnwrapErr().code).toBe('EMAIL_BLOCKED')
      expect(await stored()).toEqual(before)
      expect(mailer.sent).toHaveLength(0)
    }
  })

  it('A5: changing a pending account’s email revokes its tokens and mails a fresh link to the new address', async () => {
    const { roster, orgWithFounder, tokenFor, mailer } = createTestRoster({
      policy: { emailChange: 'verify' },
    })
    const { org, founder } = await orgWithFounder()
    const { accountId } = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'typo@exmaple.com',
        firstName: 'Ada',
        lastName: 'L',
      })
    )._unsafeUnwrap()
    const oldToken = tokenFor('typo@exmaple.com')
    mailer.clear()

    const view = (
      await roster.accounts.changeEmail(founder, { accountId, email: 'ada@example.com' })
    )._unsafeUnwrap()

    // A pending account has never proven its old address: the switch is immediate even under 'verify'.
    expect(view).toMatchObject({ email: 'ada@example.com', status: 'pending_activation' })
    expect(mailer.sent.map((m) => [m.to, m.template])).toEqual([['ada@example.com', 'activation']])
    expect(mailer.last('ada@example.com')?.data.orgName).toBe('Acme')
    expect(
      (await roster.activation.activate({ token: oldToken, password: PASSWORD }))._unsafeUnwrapErr().code,
    ).toBe('TOKEN_INVALID')
    expect(
      (await roster.activation.activate({ token: tokenFor('ada@example.com'), password: PASSWORD })).isOk(),
    ).toBe(true)
  })

  it('A7: a new email revokes the password-reset links mailed to the old one', async () => {
    const { roster, activeAccount, tokenFor } = createTestRoster()
    const ada = await activeAccount('ada@example.com')
    ;(await roster.credentials.requestPasswordReset({ email: 'ada@example.com' }))._unsafeUnwrap()
    await roster.outbox.drain() // EN4: the request's work runs after its answer
    const reset = tokenFor('ada@example.com')
    ;(
      await roster.accounts.changeEmail(ada, { accountId: ada.accountId, email: 'ada@new.example' })
    )._unsafeUnwrap()
    const result = await roster.credentials.resetPassword({
      token: reset,
      password: 'a brand new passphrase',
    })
    expect(result._unsafeUnwrapErr().code).toBe('TOKEN_INVALID')
  })

  it('A17: an org admin cannot change the email of a person shared with another org', async () => {
    const { roster, orgWithFounder, member, mailer } = createTestRoster()
    const { org, founder } = await orgWithFounder('Acme')
    const { org: other } = await orgWithFounder('Globex')
    const ada = await member(org.id, 'ada@example.com')
    await member(other.id, 'ada@example.com')
    mailer.clear()
    const result = await roster.accounts.changeEmail(founder, {
      accountId: ada.accountId,
      email: 'mine@acme.example',
    })
    expect(result._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'shared-account' },
    })
    expect(mailer.sent).toHaveLength(0)
  })

  it('X4: bad input returns VALIDATION naming the fields and stores nothing', async () => {
    const { roster, activeAccount, stored } = createTestRoster()
    const ada = await activeAccount('ada@example.com')
    const before = await stored()
    const error = (
      await roster.accounts.changeEmail(ada, { accountId: '', email: 'nope' })
    )._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    expect((error.details?.issues as { path: string }[]).map((i) => i.path)).toEqual(['accountId', 'email'])
    expect(await stored()).toEqual(before)
    const confirm = (await roster.accounts.confirmEmail({ token: '' }))._unsafeUnwrapErr()
    expect(confirm).toMatchObject({ code: 'VALIDATION', details: { issues: [{ path: 'token' }] } })
  })
})
