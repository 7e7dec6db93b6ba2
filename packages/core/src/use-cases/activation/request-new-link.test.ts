import { describe, expect, it } from 'vitest'
import { PASSWORD, createTestRoster } from '@roster/test-support'

describe('activation.requestNewLink', () => {
  it('A9: answers before the mail goes out, so a slow mailer does not reveal that the account exists', async () => {
    const { roster, mailer, pendingAccount } = createTestRoster()
    await pendingAccount('pending@example.com')
    const sent: string[] = []
    let release!: () => void
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const send = mailer.send
    mailer.send = async (message) => {
      await gate // a mailer that takes as long as we like
      sent.push(message.to)
      return send(message)
    }
    expect((await roster.activation.requestNewLink({ email: 'pending@example.com' })).isOk()).toBe(true)
    expect(sent).toEqual([])
    release()
    await roster.outbox.drain()
    expect(sent).toEqual(['pending@example.com'])
  })

  it('A9: answers identically for unknown, active and pending emails', async () => {
    const { roster, activeAccount, pendingAccount } = createTestRoster()
    await activeAccount('active@example.com')
    await pendingAccount('pending@example.com')
    const answers = await Promise.all(
      ['nobody@example.com', 'active@example.com', 'pending@example.com'].map((email) =>
        roster.activation.requestNewLink({ email }),
      ),
    )
    for (const answer of answers) expect(answer._unsafeUnwrap()).toBeUndefined()
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1)
  })

  it('A9: mails nothing and stores nothing for an unknown or active email', async () => {
    const { roster, mailer, activeAccount, stored } = createTestRoster()
    await activeAccount('active@example.com')
    mailer.clear()
    const before = await stored()
    await roster.activation.requestNewLink({ email: 'nobody@example.com' })
    await roster.outbox.drain() // EN4: the request's work runs after its answer
    await roster.activation.requestNewLink({ email: 'active@example.com' })
    await roster.outbox.drain() // EN4: the request's work runs after its answer
    expect(mailer.sent).toHaveLength(0)
    expect(await stored()).toEqual(before)
  })

  it('A9: for a pending account it revokes the older link and mails a new one', async () => {
    const { roster, mailer, tokenFor, pendingAccount } = createTestRoster()
    await pendingAccount('pending@example.com')
    const oldToken = tokenFor('pending@example.com')
    mailer.clear()
    ;(await roster.activation.requestNewLink({ email: ' Pending@Example.com ' }))._unsafeUnwrap()
    await roster.outbox.drain() // EN4: the request's work runs after its answer
    const mail = mailer.last('pending@example.com')!
    expect(mail.template).toBe('activation')
    expect(mail.data.url).toContain(String(mail.data.token))
    const newToken = tokenFor('pending@example.com')
    expect(newToken).not.toBe(oldToken)
    expect(
      (await roster.activation.activate({ token: oldToken, password: PASSWORD }))._unsafeUnwrapErr().code,
    ).toBe('TOKEN_INVALID')
    expect((await roster.activation.activate({ token: newToken, password: PASSWORD })).isOk()).toBe(true)
  })

  it('A9: is rate-limited per address (policy.linkRequests), still answering ok', async () => {
    const { roster, mailer, clock, pendingAccount } = createTestRoster({
      policy: { linkRequests: { max: 2, window: '1h' } },
    })
    await pendingAccount('pending@example.com')
    await pendingAccount('other@example.com')
    mailer.clear()
    for (let i = 0; i < 4; i++) {
      expect((await roster.activation.requestNewLink({ email: 'pending@example.com' })).isOk()).toBe(true)
      await roster.outbox.drain() // EN4: the request's work runs after its answer
    }
    await roster.outbox.drain() // public requests mail in the background (A9, A15)
    expect(mailer.sent.filter((m) => m.to === 'pending@example.com')).toHaveLength(2)
    // Another address has its own budget.
    await roster.activation.requestNewLink({ email: 'other@example.com' })
    await roster.outbox.drain() // EN4: the request's work runs after its answer
    expect(mailer.sent.filter((m) => m.to === 'other@example.com')).toHaveLength(1)
    clock.advance('1h')
    await roster.activation.requestNewLink({ email: 'pending@example.com' })
    await roster.outbox.drain() // EN4: the request's work runs after its answer
    expect(mailer.sent.filter((m) => m.to === 'pending@example.com')).toHaveLength(3)
  })

  it('A9: shares its per-address budget with password-reset requests', async () => {
    const { roster, mailer, pendingAccount } = createTestRoster({
      policy: { linkRequests: { max: 1, window: '1h' } },
    })
    await pendingAccount('pending@example.com')
    mailer.clear()
    await roster.credentials.requestPasswordReset({ email: 'pending@example.com' })
    await roster.outbox.drain() // EN4: the request's work runs after its answer
    await roster.activation.requestNewLink({ email: 'pending@example.com' })
    await roster.outbox.drain() // EN4: the request's work runs after its answer
    expect(mailer.sent).toHaveLength(0)
  })

  it('X4: a malformed email returns VALIDATION and stores nothing', async () => {
    const { roster, stored } = createTestRoster()
    const before = await stored()
    const error = (await roster.activation.requestNewLink({ email: 'nope' }))._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    expect((error.details?.issues as { path: string }[]).map((i) => i.path)).toEqual(['email'])
    expect(await stored()).toEqual(before)
  })
})
