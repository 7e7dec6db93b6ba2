import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

describe('accounts.updateProfile', () => {
  it('lets the person edit their own names, phone and language, audited field by field', async () => {
    const { roster, activeAccount, storage } = createTestRoster()
    const events: string[][] = []
    roster.events.on('account.updated', (event) => events.push(event.fields))
    const ada = await activeAccount('ada@example.com', { firstName: 'Ada', lastName: 'Byron' })
    const view = (
      await roster.accounts.updateProfile(ada, {
        accountId: ada.accountId,
        lastName: 'Lovelace',
        phone: '+1 415 555 0123',
        language: 'fr',
        firstName: 'Ada',
      })
    )._unsafeUnwrap()
    expect(view).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: '+14155550123',
      language: 'fr',
    })
    expect(events).toEqual([['lastName', 'phone', 'language']])
    const [event] = await storage.audit.list({ orgId: null, action: 'account.updated', limit: 1 })
    expect(event?.changes).toEqual({
      lastName: { before: 'Byron', after: 'Lovelace' },
      phone: { before: null, after: '+14155550123' },
      language: { before: 'en', after: 'fr' },
    })
    const cleared = await roster.accounts.updateProfile(ada, { accountId: ada.accountId, phone: null })
    expect(cleared._unsafeUnwrap().phone).toBeNull()
  })

  it('A5: an admin edits every field of a pending member of their org only (audited under the org)', async () => {
    const { roster, orgWithFounder, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const { accountId } = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'B',
      })
    )._unsafeUnwrap()
    const view = (
      await roster.accounts.updateProfile(founder, {
        accountId,
        firstName: 'Augusta',
        lastName: 'King',
        phone: '+33 6 12 34 56 78',
        language: 'fr',
      })
    )._unsafeUnwrap()
    expect(view).toMatchObject({
      firstName: 'Augusta',
      lastName: 'King',
      phone: '+33612345678',
      language: 'fr',
    })
    const [event] = await storage.audit.list({ orgId: org.id, action: 'account.updated', limit: 1 })
    expect(event?.actor).toEqual({ kind: 'account', id: founder.accountId })
  })

  it('A17: an org admin cannot edit the account of a person who also belongs to another org, saying why', async () => {
    const { roster, orgWithFounder, member, storage, stored } = createTestRoster()
    const { org, founder } = await orgWithFounder('Acme')
    const { org: other } = await orgWithFounder('Globex')
    const admin = await member(org.id, 'admin@example.com', [{ roleId: 'admin', scope: 'org' }])
    const ada = await member(org.id, 'ada@example.com')
    await member(other.id, 'ada@example.com')
    const before = await stored(org.id, other.id)

    for (const actor of [founder, admin]) {
      const error = (
        await roster.accounts.updateProfile(actor, { accountId: ada.accountId, lastName: 'Taken' })
      )._unsafeUnwrapErr()
      expect(error.code).toBe('FORBIDDEN')
      expect(error.message).toMatch(/another organization/)
      expect(error.details).toMatchObject({ reason: 'shared-account' })
    }
    expect((await storage.accounts.findById(ada.accountId))?.lastName).toBe('Member')
    expect(await stored(org.id, other.id)).toEqual(before)
  })

  it('A17: the person themself and the system actor may still edit a shared account', async () => {
    const { roster, orgWithFounder, member, system } = createTestRoster()
    const { org } = await orgWithFounder('Acme')
    const { org: other } = await orgWithFounder('Globex')
    const ada = await member(org.id, 'ada@example.com')
    await member(other.id, 'ada@example.com')
    const own = await roster.accounts.updateProfile(ada, { accountId: ada.accountId, lastName: 'Mine' })
    expect(own._unsafeUnwrap().lastName).toBe('Mine')
    const bySystem = await roster.accounts.updateProfile(system, {
      accountId: ada.accountId,
      lastName: 'Fixed',
    })
    expect(bySystem._unsafeUnwrap().lastName).toBe('Fixed')
  })

  it('X3, X7: a member without members:update is FORBIDDEN; an admin of an unrelated org gets ACCOUNT_NOT_FOUND', async () => {
    const { roster, orgWithFounder, member } = createTestRoster()
    const { org } = await orgWithFounder('Acme')
    const { founder: otherFounder } = await orgWithFounder('Globex')
    const ada = await member(org.id, 'ada@example.com')
    const colleague = await member(org.id, 'colleague@example.com')
    const result = await roster.accounts.updateProfile(colleague, {
      accountId: ada.accountId,
      firstName: 'X',
    })
    expect(result._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'members:update' },
    })
    const outside = await roster.accounts.updateProfile(otherFounder, {
      accountId: ada.accountId,
      firstName: 'X',
    })
    expect(outside._unsafeUnwrapErr()).toMatchObject({ code: 'ACCOUNT_NOT_FOUND' })
  })

  it('A12: a disabled person can no longer edit their own profile', async () => {
    const { roster, activeAccount, system } = createTestRoster()
    const ada = await activeAccount('ada@example.com')
    ;(await roster.accounts.disable(system, ada))._unsafeUnwrap()
    const result = await roster.accounts.updateProfile(ada, { accountId: ada.accountId, firstName: 'X' })
    expect(result._unsafeUnwrapErr().code).toBe('FORBIDDEN')
  })

  it("A6: with usernameChange 'after-activation' (default) a pending account's username is INVALID_STATE, an active one's changes", async () => {
    const { roster, orgWithFounder, member } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const { accountId: pending } = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'new@example.com',
        firstName: 'N',
        lastName: 'W',
      })
    )._unsafeUnwrap()
    const refused = await roster.accounts.updateProfile(founder, { accountId: pending, username: 'newbie' })
    expect(refused._unsafeUnwrapErr().code).toBe('INVALID_STATE')
    const ada = await member(org.id, 'ada@example.com')
    const view = (
      await roster.accounts.updateProfile(ada, { accountId: ada.accountId, username: 'ada' })
    )._unsafeUnwrap()
    expect(view.username).toBe('ada')
    expect(
      (await roster.credentials.verify({ username: 'ADA', password: 'correct horse battery staple' })).isOk(),
    ).toBe(true)
  })

  it("A6: with usernameChange 'never' it is FORBIDDEN; with 'always' a pending account's changes too", async () => {
    const never = createTestRoster({ policy: { usernameChange: 'never' } })
    const ada = await never.activeAccount('ada@example.com')
    const refused = await never.roster.accounts.updateProfile(ada, {
      accountId: ada.accountId,
      username: 'ada',
    })
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'policy' } })
    // Repeating the current username is not a change.
    const same = await never.roster.accounts.updateProfile(ada, {
      accountId: ada.accountId,
      username: 'ada@example.com',
    })
    expect(same.isOk()).toBe(true)

    const always = createTestRoster({ policy: { usernameChange: 'always' } })
    const pending = await always.pendingAccount('pending@example.com')
    const changed = await always.roster.accounts.updateProfile(always.system, {
      accountId: pending,
      username: 'pat',
    })
    expect(changed._unsafeUnwrap().username).toBe('pat')
  })

  it('A6: a username already used by another account is USERNAME_TAKEN', async () => {
    const { roster, activeAccount } = createTestRoster()
    const ada = await activeAccount('ada@example.com')
    const bob = await activeAccount('bob@example.com')
    ;(
      await roster.accounts.updateProfile(bob, { accountId: bob.accountId, username: 'bob.builder' })
    )._unsafeUnwrap()
    const result = await roster.accounts.updateProfile(ada, {
      accountId: ada.accountId,
      username: 'BOB.Builder',
    })
    expect(result._unsafeUnwrapErr().code).toBe('USERNAME_TAKEN')
  })

  it('X4: bad input returns VALIDATION naming every bad field and stores nothing', async () => {
    const { roster, activeAccount, storage, stored } = createTestRoster()
    const ada = await activeAccount('ada@example.com')
    const before = await stored()
    const error = (
      await roster.accounts.updateProfile(ada, {
        accountId: ada.accountId,
        firstName: ' ',
        phone: '12',
        language: 'not a language',
        username: 'a',
      })
    )._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    const paths = (error.details?.issues as { path: string }[]).map((issue) => issue.path)
    expect(paths).toEqual(expect.arrayContaining(['firstName', 'phone', 'language', 'username']))
    expect((await storage.accounts.findById(ada.accountId))?.firstName).toBe('Test')
    expect(await stored()).toEqual(before)
  })
})

describe('accounts founder protection', () => {
  it("O2: an org admin cannot change the founder's account fields (no takeover through email + reset)", async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const admin = await member(org.id, 'admin@acme.test', [{ roleId: 'admin', scope: 'org' }])
    const email = await roster.accounts.changeEmail(admin, {
      accountId: founder.accountId,
      email: 'evil@attacker.test',
    })
    expect(email._unsafeUnwrapErr().code).toBe('FOUNDER_PROTECTED')
    const profile = await roster.accounts.updateProfile(admin, {
      accountId: founder.accountId,
      firstName: 'Mallory',
    })
    expect(profile._unsafeUnwrapErr().code).toBe('FOUNDER_PROTECTED')
    expect((await storage.accounts.findById(founder.accountId))?.firstName).toBe('Fay')
    expect(
      (
        await roster.accounts.updateProfile(founder, { accountId: founder.accountId, firstName: 'Faye' })
      ).isOk(),
    ).toBe(true)
  })
})
