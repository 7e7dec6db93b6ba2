import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

describe('credentials.requestPasswordReset', () => {
  it('A15: mails an active account a password-reset link with token and url', async () => {
    const { roster, activeAccount, mailer, storage } = createTestRoster()
    const { accountId } = await activeAccount('ada@example.com', { language: 'fr' })
    mailer.clear()
    ;(await roster.credentials.requestPasswordReset({ email: 'ADA@example.com' }))._unsafeUnwrap()
    await roster.outbox.drain() // EN4: the request's work runs after its answer
    const mail = mailer.last('ada@example.com')!
    expect(mail.template).toBe('password-reset')
    expect(mail.data).toMatchObject({ token: expect.any(String), expiresAt: '2030-01-01T01:00:00.000Z' })
    expect(mail.data.url).toBe(`http://localhost:3000/reset-password?token=${mail.data.token}`)
    const [event] = await storage.audit.list({ orgId: null, targetId: accountId, limit: 1 })
    expect(event).toMatchObject({ action: 'account.password-reset-requested', changes: { token: {} } })
  })

  it('A15: answers identically for unknown, pending, disabled and active emails, mailing only the active one', async () => {
    const { roster, activeAccount, pendingAccount, mailer, system, stored } = createTestRoster()
    await activeAccount('active@example.com')
    await pendingAccount('pending@example.com')
    const disabled = await activeAccount('disabled@example.com')
    ;(await roster.accounts.disable(system, disabled))._unsafeUnwrap()
    mailer.clear()
    const before = await stored()
    const answers = []
    for (const email of ['nobody@example.com', 'pending@example.com', 'disabled@example.com']) {
      answers.push(await roster.credentials.requestPasswordReset({ email }))
      await roster.outbox.drain() // EN4: the request's work runs after its answer
    }
    expect(mailer.sent).toHaveLength(0)
    expect(await stored()).toEqual(before)
    answers.push(await roster.credentials.requestPasswordReset({ email: 'active@example.com' }))
    await roster.outbox.drain() // EN4: the request's work runs after its answer
    expect(mailer.sent.map((m) => m.to)).toEqual(['active@example.com'])
    for (const answer of answers) expect(answer._unsafeUnwrap()).toBeUndefined()
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1)
  })

  it('A15: is rate-limited per address like A9, still answering ok', async () => {
    const { roster, activeAccount, mailer } = createTestRoster({ policy: { linkRequests: { max: 2 } } })
    await activeAccount('ada@example.com')
    mailer.clear()
    for (let i = 0; i < 3; i++) {
      expect((await roster.credentials.requestPasswordReset({ email: 'ada@example.com' })).isOk()).toBe(true)
      await roster.outbox.drain() // EN4: the request's work runs after its answer
    }
    await roster.outbox.drain() // public requests mail in the background (A9, A15)
    expect(mailer.sent).toHaveLength(2)
  })

  it('X4: a malformed email returns VALIDATION and stores nothing', async () => {
    const { roster, stored } = createTestRoster()
    const before = await stored()
    const error = (await roster.credentials.requestPasswordReset({ email: '@' }))._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    expect((error.details?.issues as { path: string }[]).map((i) => i.path)).toEqual(['email'])
    expect(await stored()).toEqual(before)
  })
})
