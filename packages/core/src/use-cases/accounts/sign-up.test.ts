import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

/** An answer with what differs between two calls anyway (the fresh id, the clock) left out. */
function comparable(view: Record<string, unknown>) {
  const { id, createdAt, updatedAt, ...rest } = view
  expect(id).toBeTypeOf('string')
  return { ...rest, createdAt: typeof createdAt, updatedAt: typeof updatedAt }
}

describe('accounts.signUp', () => {
  it('A3: a free address gets a pending account and an activation link', async () => {
    const { roster, mailer, storage } = createTestRoster()
    const view = (
      await roster.accounts.signUp({ email: ' Ada@Example.com', firstName: 'Ada', lastName: 'Lovelace' })
    )._unsafeUnwrap()
    expect(view).toMatchObject({
      email: 'Ada@Example.com',
      username: 'Ada@Example.com',
      status: 'pending_activation',
    })
    expect((await storage.accounts.findById(view.id))?.emailKey).toBe('ada@example.com')
    expect(mailer.last('Ada@Example.com')).toMatchObject({ template: 'activation' })
  })

  it('EN1, A9: a taken address answers exactly like a free one and mails the owner instead', async () => {
    const { roster, activeAccount, mailer, storage } = createTestRoster()
    const owner = await activeAccount('ada@example.com', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      language: 'fr',
    })
    mailer.clear()
    const input = { firstName: 'Mallory', lastName: 'Evil' }
    const free = (await roster.accounts.signUp({ email: 'bob@example.com', ...input }))._unsafeUnwrap()
    const taken = (await roster.accounts.signUp({ email: 'ADA@example.com', ...input }))._unsafeUnwrap()

    expect(comparable({ ...taken })).toEqual(
      comparable({ ...free, email: 'ADA@example.com', username: 'ADA@example.com' }),
    )
    expect(taken.id).not.toBe(owner.accountId)
    expect(await storage.accounts.findById(taken.id)).toBeNull()
    // The owner is told, in their language, with their own names — never the caller's.
    const notice = mailer.last('ada@example.com')
    expect(notice).toMatchObject({
      template: 'sign-up-attempt',
      language: 'fr',
      data: { firstName: 'Ada', status: 'active', email: 'ada@example.com' },
    })
    expect(JSON.stringify(notice)).not.toMatch(/Mallory|Evil/)
    expect(notice?.data.token).toBeUndefined()
    expect((await storage.accounts.findByEmail('ada@example.com'))?.firstName).toBe('Ada')
    const [audit] = await storage.audit.list({ orgId: null, action: 'account.sign-up-attempted', limit: 5 })
    expect(audit).toMatchObject({ targetId: owner.accountId })
  })

  it('EN1: the owner of a pending account is pointed to its activation', async () => {
    const { roster, pendingAccount, mailer } = createTestRoster()
    await pendingAccount('pat@example.com')
    mailer.clear()
    ;(
      await roster.accounts.signUp({ email: 'pat@example.com', firstName: 'P', lastName: 'Q' })
    )._unsafeUnwrap()
    const notice = mailer.last('pat@example.com')
    expect(notice).toMatchObject({ template: 'sign-up-attempt', data: { status: 'pending_activation' } })
    expect(notice?.text).toContain('not activated yet')
  })

  it('EN1: over the per-address budget both answer the same and nothing is mailed or created', async () => {
    const { roster, activeAccount, mailer, storage } = createTestRoster({
      policy: { linkRequests: { max: 1 } },
    })
    await activeAccount('ada@example.com')
    mailer.clear()
    const signUp = (email: string) => roster.accounts.signUp({ email, firstName: 'X', lastName: 'Y' })
    ;(await signUp('bob@example.com'))._unsafeUnwrap()
    const bobId = (await storage.accounts.findByEmail('bob@example.com'))?.id
    ;(await signUp('ada@example.com'))._unsafeUnwrap() // the first in this window: the owner is told
    mailer.clear()
    const overTaken = (await signUp('ada@example.com'))._unsafeUnwrap()
    const overFree = (await signUp('bob@example.com'))._unsafeUnwrap()
    expect(comparable({ ...overTaken })).toEqual(
      comparable({ ...overFree, email: 'ada@example.com', username: 'ada@example.com' }),
    )
    expect(mailer.sent).toHaveLength(0)
    expect((await storage.accounts.findByEmail('bob@example.com'))?.id).toBe(bobId)
  })

  it('EN2: a username is not taken at sign-up (VALIDATION at username), so none can be probed', async () => {
    const { roster, stored } = createTestRoster()
    const before = await stored()
    const error = (
      await roster.accounts.signUp({
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'L',
        username: 'ada',
      } as never)
    )._unsafeUnwrapErr()
    expect(error).toMatchObject({ code: 'VALIDATION', details: { issues: [{ path: 'username' }] } })
    expect(await stored()).toEqual(before)
  })

  it('A11: a blocked address is EMAIL_BLOCKED before anything is stored, taken or not', async () => {
    const { roster, activeAccount, stored } = createTestRoster()
    await activeAccount('ada@example.com')
    ;(await roster.mail.reportBounce({ email: 'ada@example.com', kind: 'bounce' }))._unsafeUnwrap()
    ;(await roster.mail.reportBounce({ email: 'new@example.com', kind: 'bounce' }))._unsafeUnwrap()
    const before = await stored()
    for (const email of ['ada@example.com', 'new@example.com']) {
      const result = await roster.accounts.signUp({ email, firstName: 'A', lastName: 'B' })
      expect(result._unsafeUnwrapErr().code).toBe('EMAIL_BLOCKED')
    }
    expect(await stored()).toEqual(before)
  })
})
