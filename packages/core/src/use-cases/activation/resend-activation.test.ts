import { describe, expect, it } from 'vitest'
import { PASSWORD, createTestRoster } from '@roster/test-support'

describe('activation.resend', () => {
  it('A10: an admin resends activation: older links are revoked and a new one is mailed', async () => {
    const { roster, orgWithFounder, tokenFor, mailer, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const { accountId } = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'L',
      })
    )._unsafeUnwrap()
    const oldToken = tokenFor('ada@example.com')
    mailer.clear()

    const sent = (await roster.activation.resend(founder, { orgId: org.id, accountId }))._unsafeUnwrap()

    expect(sent).toEqual({ email: 'ada@example.com', expiresAt: '2030-01-02T00:00:00.000Z' })
    const mail = mailer.last('ada@example.com')!
    expect(mail).toMatchObject({ template: 'activation', data: { orgName: 'Acme' } })
    expect(
      (await roster.activation.activate({ token: oldToken, password: PASSWORD }))._unsafeUnwrapErr().code,
    ).toBe('TOKEN_INVALID')
    expect(
      (await roster.activation.activate({ token: tokenFor('ada@example.com'), password: PASSWORD })).isOk(),
    ).toBe(true)
    const [event] = await storage.audit.list({ orgId: org.id, action: 'activation.resent', limit: 1 })
    expect(event?.changes).toEqual({ token: {} })
  })

  it('A10: returns INVALID_STATE when the account is not pending, mailing nothing', async () => {
    const { roster, orgWithFounder, member, mailer, stored } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const active = await member(org.id, 'max@example.com')
    mailer.clear()
    const before = await stored(org.id)
    const result = await roster.activation.resend(founder, { orgId: org.id, accountId: active.accountId })
    expect(result._unsafeUnwrapErr().code).toBe('INVALID_STATE')
    expect(mailer.sent).toHaveLength(0)
    expect(await stored(org.id)).toEqual(before)
  })

  it('O5: needs members:update in the org; a non-member is NOT_FOUND', async () => {
    const { roster, orgWithFounder, member, pendingAccount } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const plain = await member(org.id, 'plain@example.com')
    const { accountId } = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'L',
      })
    )._unsafeUnwrap()
    expect(
      (await roster.activation.resend(plain, { orgId: org.id, accountId }))._unsafeUnwrapErr().code,
    ).toBe('FORBIDDEN')
    const outsider = await pendingAccount('outsider@example.com')
    const notMember = await roster.activation.resend(founder, { orgId: org.id, accountId: outsider })
    expect(notMember._unsafeUnwrapErr()).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'member' } })
  })

  it('A11: a blocklisted address returns EMAIL_BLOCKED and stores nothing', async () => {
    const { roster, orgWithFounder, storage, stored, clock } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const { accountId } = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'L',
      })
    )._unsafeUnwrap()
    await storage.blocklist.add({ emailKey: 'ada@example.com', kind: 'bounce', createdAt: clock.now() })
    const before = await stored(org.id)
    const result = await roster.activation.resend(founder, { orgId: org.id, accountId })
    expect(result._unsafeUnwrapErr().code).toBe('EMAIL_BLOCKED')
    expect(await stored(org.id)).toEqual(before)
  })

  it('X4: bad input returns VALIDATION naming the fields', async () => {
    const { roster, orgWithFounder } = createTestRoster()
    const { founder } = await orgWithFounder()
    const error = (await roster.activation.resend(founder, { orgId: '', accountId: '' }))._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    expect((error.details?.issues as { path: string }[]).map((i) => i.path)).toEqual(['orgId', 'accountId'])
  })
})
