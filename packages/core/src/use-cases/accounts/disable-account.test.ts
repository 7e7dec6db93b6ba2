import { describe, expect, it } from 'vitest'
import { PASSWORD, createTestRoster } from '@roster/test-support'

describe('accounts.disable / accounts.enable', () => {
  it('A12: disabling an account stops sign-in everywhere and stops acting; enabling restores everything', async () => {
    const { roster, orgWithFounder, member, system, storage } = createTestRoster()
    const events: string[] = []
    roster.events.on('account.disabled', () => events.push('disabled'))
    roster.events.on('account.enabled', () => events.push('enabled'))
    const { org } = await orgWithFounder('Acme')
    const { org: other } = await orgWithFounder('Globex')
    const admin = await member(org.id, 'admin@example.com', [{ roleId: 'admin', scope: 'org' }])
    await member(other.id, 'admin@example.com')
    const signIn = () => roster.credentials.verify({ username: 'admin@example.com', password: PASSWORD })

    const disabled = (await roster.accounts.disable(system, admin))._unsafeUnwrap()
    expect(disabled.status).toBe('disabled')
    expect((await signIn())._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    const acting = await roster.members.add(admin, {
      orgId: org.id,
      email: 'x@example.com',
      firstName: 'X',
      lastName: 'Y',
    })
    expect(acting._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    // Memberships are kept, so enabling gives everything back.
    expect((await storage.memberships.find(org.id, admin.accountId))?.status).toBe('active')

    const enabled = (await roster.accounts.enable(system, admin))._unsafeUnwrap()
    expect(enabled.status).toBe('active')
    expect((await signIn()).isOk()).toBe(true)
    const added = await roster.members.add(admin, {
      orgId: org.id,
      email: 'x@example.com',
      firstName: 'X',
      lastName: 'Y',
    })
    expect(added.isOk()).toBe(true)
    expect(events).toEqual(['disabled', 'enabled'])
    const audit = await storage.audit.list({ orgId: null, targetId: admin.accountId, limit: 10 })
    expect(audit.map((e) => e.action)).toEqual(['account.enabled', 'account.disabled'])
  })

  it('A12: an org admin may disable and enable a member of their org, audited under that org', async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const max = await member(org.id, 'max@example.com')
    expect((await roster.accounts.disable(founder, max))._unsafeUnwrap().status).toBe('disabled')
    expect((await roster.accounts.enable(founder, max))._unsafeUnwrap().status).toBe('active')
    const audit = await storage.audit.list({ orgId: org.id, targetId: max.accountId, limit: 2 })
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ['account.enabled', { kind: 'account', id: founder.accountId }],
      ['account.disabled', { kind: 'account', id: founder.accountId }],
    ])
  })

  it('X3, X7: an admin of an unrelated org (ACCOUNT_NOT_FOUND, as for no account), a plain member and the person themself may not', async () => {
    const { roster, orgWithFounder, member, stored } = createTestRoster()
    const { org } = await orgWithFounder('Acme')
    const { founder: otherFounder } = await orgWithFounder('Globex')
    const max = await member(org.id, 'max@example.com')
    const colleague = await member(org.id, 'colleague@example.com')
    const before = await stored(org.id)
    expect((await roster.accounts.disable(otherFounder, max))._unsafeUnwrapErr().code).toBe(
      'ACCOUNT_NOT_FOUND',
    )
    for (const actor of [colleague, max]) {
      expect((await roster.accounts.disable(actor, max))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    }
    expect(await stored(org.id)).toEqual(before)
  })

  it('O2: an org admin cannot disable a founder’s account; the system actor can', async () => {
    const { roster, orgWithFounder, member, system } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const admin = await member(org.id, 'admin@example.com', [{ roleId: 'admin', scope: 'org' }])
    expect((await roster.accounts.disable(admin, founder))._unsafeUnwrapErr().code).toBe('FOUNDER_PROTECTED')
    expect((await roster.accounts.disable(system, founder)).isOk()).toBe(true)
  })

  it('returns INVALID_STATE for a pending or already disabled account, and for enabling an active one', async () => {
    const { roster, activeAccount, pendingAccount, system } = createTestRoster()
    const pending = await pendingAccount('pending@example.com')
    expect((await roster.accounts.disable(system, { accountId: pending }))._unsafeUnwrapErr().code).toBe(
      'INVALID_STATE',
    )
    const ada = await activeAccount('ada@example.com')
    expect((await roster.accounts.enable(system, ada))._unsafeUnwrapErr().code).toBe('INVALID_STATE')
    ;(await roster.accounts.disable(system, ada))._unsafeUnwrap()
    expect((await roster.accounts.disable(system, ada))._unsafeUnwrapErr().code).toBe('INVALID_STATE')
  })

  it('X4: bad input returns VALIDATION and stores nothing', async () => {
    const { roster, system, stored } = createTestRoster()
    const before = await stored()
    for (const result of [
      await roster.accounts.disable(system, { accountId: '' }),
      await roster.accounts.enable(system, { accountId: '' }),
    ]) {
      expect(result._unsafeUnwrapErr()).toMatchObject({
        code: 'VALIDATION',
        details: { issues: [{ path: 'accountId' }] },
      })
    }
    expect(await stored()).toEqual(before)
  })
})
