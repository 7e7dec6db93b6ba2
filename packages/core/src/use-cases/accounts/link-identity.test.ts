import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

const GOOGLE = { provider: 'oidc:google', subject: '1098765' }

describe('accounts.linkIdentity / accounts.findByIdentity', () => {
  it('A16: a linked identity maps an SSO sign-in to the account', async () => {
    const { roster, activeAccount, storage } = createTestRoster()
    const ada = await activeAccount('ada@example.com')
    const linked = (
      await roster.accounts.linkIdentity(ada, { accountId: ada.accountId, ...GOOGLE })
    )._unsafeUnwrap()
    expect(linked.identity).toEqual(GOOGLE)
    const found = (await roster.accounts.findByIdentity(GOOGLE))._unsafeUnwrap()
    expect(found.id).toBe(ada.accountId)
    expect(
      (await roster.accounts.findByIdentity({ ...GOOGLE, subject: 'other' }))._unsafeUnwrapErr().code,
    ).toBe('ACCOUNT_NOT_FOUND')
    const [event] = await storage.audit.list({ orgId: null, action: 'account.identity-linked', limit: 1 })
    expect(event?.changes).toEqual({ identity: { before: null, after: GOOGLE } })
  })

  it('A16: an identity is unique per provider; the same subject at another provider is another identity', async () => {
    const { roster, activeAccount, system } = createTestRoster()
    const ada = await activeAccount('ada@example.com')
    const bob = await activeAccount('bob@example.com')
    ;(await roster.accounts.linkIdentity(ada, { accountId: ada.accountId, ...GOOGLE }))._unsafeUnwrap()
    const taken = await roster.accounts.linkIdentity(system, { accountId: bob.accountId, ...GOOGLE })
    expect(taken._unsafeUnwrapErr()).toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'subject' }] },
    })
    const elsewhere = await roster.accounts.linkIdentity(bob, {
      accountId: bob.accountId,
      provider: 'oidc:microsoft',
      subject: GOOGLE.subject,
    })
    expect(elsewhere.isOk()).toBe(true)
  })

  it('A16: a linked account may have no password and still signs in through its identity', async () => {
    const { roster, activeAccount, storage } = createTestRoster()
    const ada = await activeAccount('ada@example.com')
    ;(await roster.accounts.linkIdentity(ada, { accountId: ada.accountId, ...GOOGLE }))._unsafeUnwrap()
    // An SSO-only account, as a host importing its IdP users would store it.
    await storage.accounts.update(ada.accountId, { passwordHash: null })
    expect((await roster.accounts.findByIdentity(GOOGLE))._unsafeUnwrap().id).toBe(ada.accountId)
  })

  it('A12/A15: a disabled or not yet activated account cannot sign in through its identity either', async () => {
    const { roster, orgWithFounder, activeAccount, system } = createTestRoster()
    const ada = await activeAccount('ada@example.com')
    ;(await roster.accounts.linkIdentity(ada, { accountId: ada.accountId, ...GOOGLE }))._unsafeUnwrap()
    ;(await roster.accounts.disable(system, ada))._unsafeUnwrap()
    expect((await roster.accounts.findByIdentity(GOOGLE))._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'disabled' },
    })

    const { org, founder } = await orgWithFounder()
    const microsoft = { provider: 'oidc:microsoft', subject: 'abc' }
    ;(
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'new@example.com',
        firstName: 'N',
        lastName: 'W',
        identity: microsoft,
      })
    )._unsafeUnwrap()
    expect((await roster.accounts.findByIdentity(microsoft))._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'pending_activation' },
    })
  })

  it('A17: an org admin links an identity only while the account belongs to no other org', async () => {
    const { roster, orgWithFounder, member } = createTestRoster()
    const { org, founder } = await orgWithFounder('Acme')
    const { org: other } = await orgWithFounder('Globex')
    const ada = await member(org.id, 'ada@example.com')
    expect(
      (await roster.accounts.linkIdentity(founder, { accountId: ada.accountId, ...GOOGLE })).isOk(),
    ).toBe(true)
    await member(other.id, 'ada@example.com')
    const result = await roster.accounts.linkIdentity(founder, {
      accountId: ada.accountId,
      provider: 'oidc:okta',
      subject: 'x',
    })
    expect(result._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'shared-account' },
    })
  })

  it('X4: bad input returns VALIDATION naming the fields and stores nothing', async () => {
    const { roster, activeAccount, stored } = createTestRoster()
    const ada = await activeAccount('ada@example.com')
    const before = await stored()
    const error = (
      await roster.accounts.linkIdentity(ada, { accountId: ada.accountId, provider: '', subject: '' })
    )._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    expect((error.details?.issues as { path: string }[]).map((i) => i.path)).toEqual(['provider', 'subject'])
    expect(await stored()).toEqual(before)
    const find = (
      await roster.accounts.findByIdentity({ provider: 'oidc:google', subject: ' ' })
    )._unsafeUnwrapErr()
    expect(find).toMatchObject({ code: 'VALIDATION', details: { issues: [{ path: 'subject' }] } })
  })
})
