import { describe, expect, it } from 'vitest'
import { emailKey } from '../../domain/account.js'
import { createTestRoster, PASSWORD } from '@roster/test-support'

describe('members.add', () => {
  it('A1: refuses missing email, first and last name with VALIDATION naming each field, storing and mailing nothing', async () => {
    const { roster, orgWithFounder, mailer, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    mailer.clear()
    const result = await roster.members.add(founder, {
      orgId: org.id,
      email: 'not-an-email',
      firstName: ' ',
      lastName: '',
    })
    expect(result.isErr()).toBe(true)
    const error = result._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    const paths = (error.details?.issues as { path: string }[]).map((issue) => issue.path)
    expect(paths).toEqual(expect.arrayContaining(['email', 'firstName', 'lastName']))
    expect(mailer.sent).toHaveLength(0)
    expect(await storage.memberships.countInOrg(org.id)).toBe(1)
  })

  it('A3: a new person gets a pending account, an invited membership and an activation mail with a 24h single-use link', async () => {
    const { roster, orgWithFounder, mailer } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const view = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: ' Ada@Example.com ',
        firstName: 'Ada',
        lastName: 'Lovelace',
      })
    )._unsafeUnwrap()
    expect(view).toMatchObject({
      accountStatus: 'pending_activation',
      membershipStatus: 'invited',
      type: 'employee',
      email: 'Ada@Example.com',
    })
    expect(view.grants.map((g) => g.roleId)).toEqual(['member'])
    const mail = mailer.last('ada@example.com')!
    expect(mail.template).toBe('activation')
    expect(mail.language).toBe('en')
    expect(mail.data.url).toContain(String(mail.data.token))
    expect(mail.data.expiresAt).toBe('2030-01-02T00:00:00.000Z')
  })
})

describe('members.add — identity, invitations and credentials', () => {
  it('A1: refuses a bad phone and language too, naming each, storing and mailing nothing', async () => {
    const { roster, orgWithFounder, mailer, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    mailer.clear()
    const result = await roster.members.add(founder, {
      orgId: org.id,
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: 'call me',
      language: '12',
    })
    const error = result._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    const paths = (error.details?.issues as { path: string }[]).map((issue) => issue.path)
    expect(paths).toEqual(expect.arrayContaining(['phone', 'language']))
    expect(await storage.accounts.findByEmail('ada@example.com')).toBeNull()
    expect(mailer.sent).toHaveLength(0)
  })

  it('A2: compares emails after trim, Unicode NFC and lower-casing', async () => {
    expect(emailKey(' Ame\u0301lie@EXAMPLE.com ')).toBe(emailKey('am\u00e9lie@example.com'))
    const { roster, orgWithFounder, storage } = createTestRoster()
    const { org: acme, founder: acmeFounder } = await orgWithFounder('Acme')
    const { org: globex, founder: globexFounder } = await orgWithFounder('Globex')
    const person = { firstName: 'Ada', lastName: 'Lovelace' }
    const first = (
      await roster.members.add(acmeFounder, { orgId: acme.id, email: 'ada@example.com', ...person })
    )._unsafeUnwrap()
    const second = (
      await roster.members.add(globexFounder, { orgId: globex.id, email: '  ADA@Example.COM ', ...person })
    )._unsafeUnwrap()
    expect(second.accountId).toBe(first.accountId)
    expect(await storage.memberships.listForAccount(first.accountId)).toHaveLength(2)
  })

  it("A2: attaching an existing account never overwrites the person's own profile", async () => {
    const { roster, orgWithFounder, activeAccount, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const ada = await activeAccount('ada@example.com', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      language: 'fr',
    })
    const view = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'ada@example.com',
        firstName: 'Wrong',
        lastName: 'Name',
        username: 'someone-else',
        phone: '+14155550123',
        language: 'en',
      })
    )._unsafeUnwrap()
    expect(await storage.accounts.findById(ada.accountId)).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      username: 'ada@example.com',
      phone: null,
      language: 'fr',
    })
    // AA7: the view holds what the inviter supplied, not the person's profile.
    expect(view).toMatchObject({
      accountId: ada.accountId,
      firstName: 'Wrong',
      lastName: 'Name',
      phone: null,
    })
  })

  it('A2: adding someone who is already a member is ALREADY_MEMBER and changes nothing', async () => {
    const { roster, orgWithFounder, storage, mailer } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const input = { orgId: org.id, email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }
    ;(await roster.members.add(founder, input))._unsafeUnwrap()
    const mailsBefore = mailer.sent.length
    const again = await roster.members.add(founder, { ...input, email: 'ADA@example.com', title: 'CTO' })
    expect(again._unsafeUnwrapErr().code).toBe('ALREADY_MEMBER')
    expect(await storage.memberships.countInOrg(org.id)).toBe(2)
    expect(mailer.sent).toHaveLength(mailsBefore)
  })

  it('A2b: an existing account added to another org is invited and mailed an invitation', async () => {
    const { roster, orgWithFounder, activeAccount, mailer } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    await activeAccount('ada@example.com', { firstName: 'Ada' })
    const view = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
      })
    )._unsafeUnwrap()
    expect(view).toMatchObject({ accountStatus: 'active', membershipStatus: 'invited' })
    const mail = mailer.last('ada@example.com')!
    expect(mail.template).toBe('invitation')
    expect(mail.data.orgName).toBe('Acme')
    expect(mail.data.url).toEqual(expect.stringContaining('http'))
  })

  it('A2b: with policy.autoAcceptExisting an existing account is active at once, without an invitation', async () => {
    const { roster, orgWithFounder, activeAccount, mailer } = createTestRoster({
      policy: { autoAcceptExisting: true },
    })
    const { org, founder } = await orgWithFounder()
    await activeAccount('ada@example.com')
    mailer.clear()
    const view = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
      })
    )._unsafeUnwrap()
    expect(view.membershipStatus).toBe('active')
    expect(mailer.sent).toHaveLength(0)
  })

  it("A2b: a pending account's invited memberships all become active when it activates", async () => {
    const { roster, orgWithFounder, mailer, storage } = createTestRoster()
    const { org: acme, founder: acmeFounder } = await orgWithFounder('Acme')
    const { org: globex, founder: globexFounder } = await orgWithFounder('Globex')
    const person = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }
    const added = (await roster.members.add(acmeFounder, { orgId: acme.id, ...person }))._unsafeUnwrap()
    const invited = (await roster.members.add(globexFounder, { orgId: globex.id, ...person }))._unsafeUnwrap()
    expect(invited).toMatchObject({ accountStatus: 'pending_activation', membershipStatus: 'invited' })
    expect(mailer.last('ada@example.com')!.template).toBe('invitation')

    const activation = mailer.sent.find((m) => m.to === 'ada@example.com' && m.template === 'activation')!
    const token = String(activation.data.token)
    ;(await roster.activation.activate({ token, password: PASSWORD }))._unsafeUnwrap()
    expect((await storage.memberships.find(acme.id, added.accountId))!.status).toBe('active')
    expect((await storage.memberships.find(globex.id, added.accountId))!.status).toBe('active')
  })

  it('A3: the activation link stays valid 24 hours (policy.activationTtl) and works once', async () => {
    const { roster, orgWithFounder, tokenFor, clock } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const person = { orgId: org.id, firstName: 'Ada', lastName: 'Lovelace' }
    ;(await roster.members.add(founder, { ...person, email: 'late@example.com' }))._unsafeUnwrap()
    ;(await roster.members.add(founder, { ...person, email: 'ada@example.com' }))._unsafeUnwrap()
    const late = tokenFor('late@example.com')
    const onTime = tokenFor('ada@example.com')

    clock.advance('23h')
    ;(await roster.activation.activate({ token: onTime, password: PASSWORD }))._unsafeUnwrap()
    const reused = await roster.activation.activate({ token: onTime, password: PASSWORD })
    expect(reused._unsafeUnwrapErr().code).toBe('TOKEN_INVALID')
    clock.advance('2h')
    const expired = await roster.activation.activate({ token: late, password: PASSWORD })
    expect(expired._unsafeUnwrapErr().code).toBe('TOKEN_EXPIRED')
  })

  it('A4: an initial password set by the admin makes the account active at once, with no mail', async () => {
    const { roster, orgWithFounder, mailer, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    mailer.clear()
    const view = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
        credential: { kind: 'password', password: PASSWORD },
      })
    )._unsafeUnwrap()
    expect(view).toMatchObject({ accountStatus: 'active', membershipStatus: 'active' })
    const account = (await storage.accounts.findById(view.accountId))!
    expect(account.mustChangePassword).toBe(false)
    expect(account.passwordHash).not.toContain(PASSWORD)
    expect(await roster.context.passwords.verify(PASSWORD, account.passwordHash!)).toBe(true)
    expect(mailer.sent).toHaveLength(0)
  })

  it('A4: an initial password outside the policy bounds is VALIDATION at credential.password, storing nothing', async () => {
    const { roster, orgWithFounder, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const result = await roster.members.add(founder, {
      orgId: org.id,
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      credential: { kind: 'password', password: 'short' },
    })
    const error = result._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    expect(error.details?.issues).toEqual([expect.objectContaining({ path: 'credential.password' })])
    expect(await storage.accounts.findByEmail('ada@example.com')).toBeNull()
  })

  it('A4: a temporary password is ≥ 16 random characters, mailed, stored only hashed, and must be changed', async () => {
    const { roster, orgWithFounder, mailer, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const add = (email: string) =>
      roster.members.add(founder, {
        orgId: org.id,
        email,
        firstName: 'Ada',
        lastName: 'Lovelace',
        credential: { kind: 'temporary-password' },
      })
    const view = (await add('ada@example.com'))._unsafeUnwrap()
    expect(view).toMatchObject({ accountStatus: 'active', membershipStatus: 'active' })
    const mail = mailer.last('ada@example.com')!
    expect(mail.template).toBe('temporary-password')
    const password = String(mail.data.password)
    expect(password.length).toBeGreaterThanOrEqual(16)
    expect(mail.text).toContain(password)

    const account = (await storage.accounts.findById(view.accountId))!
    expect(account.mustChangePassword).toBe(true)
    expect(account.passwordHash).not.toContain(password)
    expect(await roster.context.passwords.verify(password, account.passwordHash!)).toBe(true)
    const audit = await storage.audit.list({ orgId: org.id, limit: 50 })
    expect(JSON.stringify(audit)).not.toContain(password)

    ;(await add('bob@example.com'))._unsafeUnwrap()
    expect(mailer.last('bob@example.com')!.data.password).not.toBe(password)
  })

  it('A11: a blocklisted email is EMAIL_BLOCKED before anything is stored or mailed', async () => {
    const { roster, orgWithFounder, storage, mailer, clock } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    await storage.blocklist.add({ emailKey: 'bounced@example.com', kind: 'bounce', createdAt: clock.now() })
    const outboxBefore = (await storage.outbox.list({ limit: 100 })).length
    mailer.clear()
    const result = await roster.members.add(founder, {
      orgId: org.id,
      email: ' Bounced@Example.com',
      firstName: 'Bo',
      lastName: 'Unce',
    })
    expect(result._unsafeUnwrapErr().code).toBe('EMAIL_BLOCKED')
    expect(await storage.accounts.findByEmail('bounced@example.com')).toBeNull()
    expect(await storage.memberships.countInOrg(org.id)).toBe(1)
    expect(await storage.outbox.list({ limit: 100 })).toHaveLength(outboxBefore)
    expect(mailer.sent).toHaveLength(0)
  })

  it('O5: adding staff needs members:create — a plain member is FORBIDDEN, an admin may', async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org } = await orgWithFounder()
    const plain = await member(org.id, 'plain@example.com')
    const admin = await member(org.id, 'admin@example.com', [{ roleId: 'admin', scope: 'org' }])
    const input = { orgId: org.id, email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }
    const refused = await roster.members.add(plain, input)
    expect(refused._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'members:create' },
    })
    expect(await storage.accounts.findByEmail('ada@example.com')).toBeNull()
    expect((await roster.members.add(admin, input)).isOk()).toBe(true)
  })
})

describe('members.add — concurrency', () => {
  it('A2: 50 parallel adds of one email into one org make one account; one succeeds, the rest are ALREADY_MEMBER', async () => {
    const { roster, orgWithFounder, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        roster.members.add(founder, {
          orgId: org.id,
          email: i % 2 ? 'ada@example.com' : 'ADA@example.com ',
          firstName: 'Ada',
          lastName: 'Lovelace',
        }),
      ),
    )
    expect(results.filter((r) => r.isOk())).toHaveLength(1)
    const codes = results.flatMap((r) => (r.isErr() ? [r.error.code] : []))
    expect(codes).toHaveLength(49)
    expect(new Set(codes)).toEqual(new Set(['ALREADY_MEMBER']))
    const account = (await storage.accounts.findByEmail('ada@example.com'))!
    expect(await storage.memberships.listForAccount(account.id)).toHaveLength(1)
    expect(await storage.memberships.countInOrg(org.id)).toBe(2)
  })

  it('A2: parallel adds of one email into two orgs make one account with two memberships', async () => {
    const { roster, orgWithFounder, storage } = createTestRoster()
    const { org: acme, founder: acmeFounder } = await orgWithFounder('Acme')
    const { org: globex, founder: globexFounder } = await orgWithFounder('Globex')
    const person = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? roster.members.add(acmeFounder, { orgId: acme.id, ...person })
          : roster.members.add(globexFounder, { orgId: globex.id, ...person }),
      ),
    )
    const succeeded = results.flatMap((r) => (r.isOk() ? [r.value] : []))
    expect(succeeded.map((view) => view.orgId).sort()).toEqual([acme.id, globex.id].sort())
    expect(new Set(succeeded.map((view) => view.accountId)).size).toBe(1)
    const account = (await storage.accounts.findByEmail('ada@example.com'))!
    expect(await storage.memberships.listForAccount(account.id)).toHaveLength(2)
  })
})
