import { describe, expect, it } from 'vitest'
import { createTestRoster, PASSWORD } from '@roster/test-support'

/** An org with its founder, and a pending person added with an activation link. */
async function withPendingPerson(options: Parameters<typeof createTestRoster>[0] = {}) {
  const test = createTestRoster(options)
  const { org, founder } = await test.orgWithFounder()
  const ada = (
    await test.roster.members.add(founder, {
      orgId: org.id,
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
    })
  )._unsafeUnwrap()
  return { ...test, org, founder, ada }
}

describe('members.update', () => {
  it('A17: an org admin edits membership and account fields of a person who belongs to no other org', async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org } = await orgWithFounder()
    const admin = await member(org.id, 'admin@example.com', [{ roleId: 'admin', scope: 'org' }])
    const person = await member(org.id, 'max@example.com')
    const view = (
      await roster.members.update(admin, {
        orgId: org.id,
        accountId: person.accountId,
        title: 'Site manager',
        type: 'guest',
        firstName: 'Maxine',
        phone: '+1 415 555 0123',
        language: 'fr',
      })
    )._unsafeUnwrap()
    expect(view).toMatchObject({
      title: 'Site manager',
      type: 'guest',
      firstName: 'Maxine',
      phone: '+14155550123',
      language: 'fr',
    })
    const [event] = await storage.audit.list({ orgId: org.id, action: 'member.updated', limit: 10 })
    expect(event).toMatchObject({
      targetId: person.accountId,
      actor: { kind: 'account', id: admin.accountId },
    })
    expect(Object.keys(event!.changes).sort()).toEqual(['firstName', 'language', 'phone', 'title', 'type'])

    const cleared = (
      await roster.members.update(admin, {
        orgId: org.id,
        accountId: person.accountId,
        title: null,
        phone: null,
      })
    )._unsafeUnwrap()
    expect(cleared).toMatchObject({ title: null, phone: null })
  })

  it('A17: an org admin cannot change the account fields of someone who also belongs to another org (FORBIDDEN, saying why), but can change their membership', async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org: acme, founder } = await orgWithFounder('Acme')
    const { org: globex } = await orgWithFounder('Globex')
    const shared = await member(acme.id, 'shared@example.com')
    await member(globex.id, 'shared@example.com')
    const refused = await roster.members.update(founder, {
      orgId: acme.id,
      accountId: shared.accountId,
      lastName: 'Takeover',
      email: 'attacker@example.com',
    })
    const error = refused._unsafeUnwrapErr()
    expect(error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'shared-account' } })
    expect(error.message).toMatch(/another organization/)
    const account = (await storage.accounts.findById(shared.accountId))!
    expect(account).toMatchObject({ lastName: 'Member', email: 'shared@example.com' })

    const ok = await roster.members.update(founder, {
      orgId: acme.id,
      accountId: shared.accountId,
      title: 'Consultant',
    })
    expect(ok._unsafeUnwrap().title).toBe('Consultant')
  })

  it('A17: the person themself and the system actor may change a shared account; a person needs members:update for membership fields', async () => {
    const { roster, orgWithFounder, member, system } = createTestRoster()
    const { org: acme } = await orgWithFounder('Acme')
    const { org: globex } = await orgWithFounder('Globex')
    const me = await member(acme.id, 'me@example.com')
    await member(globex.id, 'me@example.com')
    const mine = await roster.members.update(me, {
      orgId: acme.id,
      accountId: me.accountId,
      firstName: 'Myself',
    })
    expect(mine._unsafeUnwrap().firstName).toBe('Myself')
    const bySystem = await roster.members.update(system, {
      orgId: acme.id,
      accountId: me.accountId,
      lastName: 'Sys',
    })
    expect(bySystem._unsafeUnwrap().lastName).toBe('Sys')
    const title = await roster.members.update(me, { orgId: acme.id, accountId: me.accountId, title: 'Boss' })
    expect(title._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'members:update' },
    })
  })

  it('A5: while pending, an admin corrects the email: the old links stop working and a fresh one goes to the new address', async () => {
    const { roster, org, founder, ada, tokenFor, mailer, storage } = await withPendingPerson()
    const oldToken = tokenFor('ada@example.com')
    mailer.clear()
    const view = (
      await roster.members.update(founder, {
        orgId: org.id,
        accountId: ada.accountId,
        email: 'ada.lovelace@example.com',
        firstName: 'Augusta Ada',
        phone: '+33 6 12 34 56 78',
        language: 'fr',
      })
    )._unsafeUnwrap()
    expect(view).toMatchObject({
      email: 'ada.lovelace@example.com',
      firstName: 'Augusta Ada',
      phone: '+33612345678',
      accountStatus: 'pending_activation',
    })
    expect(mailer.sent.map((m) => [m.to, m.template])).toEqual([['ada.lovelace@example.com', 'activation']])
    expect(mailer.sent[0]!.data.expiresAt).toBe('2030-01-02T00:00:00.000Z')
    const stale = await roster.activation.activate({ token: oldToken, password: PASSWORD })
    expect(stale._unsafeUnwrapErr().code).toBe('TOKEN_INVALID')
    const fresh = tokenFor('ada.lovelace@example.com')
    ;(await roster.activation.activate({ token: fresh, password: PASSWORD }))._unsafeUnwrap()
    expect((await storage.memberships.find(org.id, ada.accountId))!.status).toBe('active')
  })

  it('A6: under the default policy a pending account keeps its username until it activates; then it may change', async () => {
    const { roster, org, founder, ada, tokenFor } = await withPendingPerson()
    const pending = await roster.members.update(founder, {
      orgId: org.id,
      accountId: ada.accountId,
      username: 'ada',
    })
    expect(pending._unsafeUnwrapErr().code).toBe('INVALID_STATE')
    ;(
      await roster.activation.activate({ token: tokenFor('ada@example.com'), password: PASSWORD })
    )._unsafeUnwrap()
    const active = await roster.members.update(founder, {
      orgId: org.id,
      accountId: ada.accountId,
      username: 'ada',
    })
    expect(active._unsafeUnwrap().username).toBe('ada')
  })

  it('A2: a username or email already used by another account is USERNAME_TAKEN / EMAIL_TAKEN, changing nothing', async () => {
    const { roster, orgWithFounder, member, storage, mailer } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const person = await member(org.id, 'max@example.com')
    const other = await member(org.id, 'taken@example.com')
    ;(
      await roster.members.update(founder, {
        orgId: org.id,
        accountId: other.accountId,
        username: 'taken.name',
      })
    )._unsafeUnwrap()
    mailer.clear()
    const email = await roster.members.update(founder, {
      orgId: org.id,
      accountId: person.accountId,
      email: ' TAKEN@example.com',
      firstName: 'Changed',
    })
    expect(email._unsafeUnwrapErr().code).toBe('EMAIL_TAKEN')
    const username = await roster.members.update(founder, {
      orgId: org.id,
      accountId: person.accountId,
      username: 'Taken.Name',
    })
    expect(username._unsafeUnwrapErr().code).toBe('USERNAME_TAKEN')
    expect(await storage.accounts.findById(person.accountId)).toMatchObject({
      email: 'max@example.com',
      username: 'max@example.com',
      firstName: 'Max',
    })
    expect(mailer.sent).toHaveLength(0)
  })

  it('A11: a blocklisted new email is EMAIL_BLOCKED before anything is stored or mailed', async () => {
    const { roster, org, founder, ada, storage, mailer, clock } = await withPendingPerson()
    await storage.blocklist.add({
      emailKey: 'bounced@example.com',
      kind: 'complaint',
      createdAt: clock.now(),
    })
    mailer.clear()
    const result = await roster.members.update(founder, {
      orgId: org.id,
      accountId: ada.accountId,
      email: 'Bounced@example.com',
    })
    expect(result._unsafeUnwrapErr().code).toBe('EMAIL_BLOCKED')
    expect((await storage.accounts.findById(ada.accountId))!.email).toBe('ada@example.com')
    expect(mailer.sent).toHaveLength(0)
  })

  it('A7: an active account’s email switches at once and the old address is told', async () => {
    const { roster, orgWithFounder, member, mailer, system } = createTestRoster()
    const { org } = await orgWithFounder()
    const person = await member(org.id, 'max@example.com')
    mailer.clear()
    const view = (
      await roster.members.update(system, {
        orgId: org.id,
        accountId: person.accountId,
        email: 'maxine@example.com',
      })
    )._unsafeUnwrap()
    expect(view.email).toBe('maxine@example.com')
    expect(mailer.sent.map((m) => [m.to, m.template])).toEqual([['max@example.com', 'email-changed-notice']])
    expect(mailer.sent[0]!.data.newEmail).toBe('maxine@example.com')
  })

  it("A7: with policy.emailChange = 'verify' an active account keeps its email and the new address gets a link", async () => {
    const { roster, orgWithFounder, member, mailer } = createTestRoster({ policy: { emailChange: 'verify' } })
    const { org, founder } = await orgWithFounder()
    const person = await member(org.id, 'max@example.com')
    mailer.clear()
    const view = (
      await roster.members.update(founder, {
        orgId: org.id,
        accountId: person.accountId,
        email: 'maxine@example.com',
      })
    )._unsafeUnwrap()
    expect(view.email).toBe('max@example.com')
    const mail = mailer.last('maxine@example.com')!
    expect(mail.template).toBe('email-change-confirm')
    expect(mail.data.url).toContain(String(mail.data.token))
  })

  it('D1: a department that does not exist is DEPARTMENT_NOT_FOUND, changing nothing', async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const person = await member(org.id, 'max@example.com')
    const result = await roster.members.update(founder, {
      orgId: org.id,
      accountId: person.accountId,
      departmentId: 'nope',
      title: 'Ignored',
    })
    expect(result._unsafeUnwrapErr().code).toBe('DEPARTMENT_NOT_FOUND')
    expect((await storage.memberships.find(org.id, person.accountId))!.title).toBeNull()
  })

  it("O2: an admin cannot change the founder's account fields (FOUNDER_PROTECTED); the founder can", async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const admin = await member(org.id, 'admin@example.com', [{ roleId: 'admin', scope: 'org' }])
    const target = { orgId: org.id, accountId: founder.accountId }
    const takeover = await roster.members.update(admin, { ...target, email: 'admin+founder@example.com' })
    expect(takeover._unsafeUnwrapErr().code).toBe('FOUNDER_PROTECTED')
    expect((await storage.accounts.findById(founder.accountId))!.email).toBe('founder.acme@example.com')
    const view = (await roster.members.get(admin, target))._unsafeUnwrap()
    expect(view.allowedActions).not.toContain('editAccount')
    expect((await roster.members.update(admin, { ...target, title: 'CEO' }))._unsafeUnwrap().title).toBe(
      'CEO',
    )
    expect(
      (await roster.members.update(founder, { ...target, firstName: 'Faye' }))._unsafeUnwrap().firstName,
    ).toBe('Faye')
  })

  it('O2: the founder cannot be made a guest (FOUNDER_PROTECTED)', async () => {
    const { roster, orgWithFounder, member } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const admin = await member(org.id, 'admin@example.com', [{ roleId: 'admin', scope: 'org' }])
    const result = await roster.members.update(admin, {
      orgId: org.id,
      accountId: founder.accountId,
      type: 'guest',
    })
    expect(result._unsafeUnwrapErr().code).toBe('FOUNDER_PROTECTED')
  })

  it('O5: a plain member cannot edit another member (FORBIDDEN)', async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org } = await orgWithFounder()
    const plain = await member(org.id, 'plain@example.com')
    const other = await member(org.id, 'other@example.com')
    const result = await roster.members.update(plain, {
      orgId: org.id,
      accountId: other.accountId,
      firstName: 'X',
    })
    expect(result._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    expect((await storage.accounts.findById(other.accountId))!.firstName).toBe('Max')
  })

  it('X4: bad input is VALIDATION naming each field, storing nothing', async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const person = await member(org.id, 'max@example.com')
    const result = await roster.members.update(founder, {
      orgId: org.id,
      accountId: person.accountId,
      email: 'not-an-email',
      firstName: '',
      phone: '12',
      type: 'boss' as 'guest',
    })
    const error = result._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    const paths = (error.details?.issues as { path: string }[]).map((issue) => issue.path)
    expect(paths).toEqual(expect.arrayContaining(['email', 'firstName', 'phone', 'type']))
    expect(await storage.accounts.findById(person.accountId)).toMatchObject({ firstName: 'Max' })
  })
})
