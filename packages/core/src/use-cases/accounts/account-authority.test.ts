// The account-authority rules (docs/guides/account-authority.md), each replayed as the outside tester
// of issue 12 tried it: lateral takeover inside an org, and reach into another org through an
// invitation. The generated version over every permission is escalation.property.test.ts.
import { describe, expect, it } from 'vitest'
import { createTestRoster, PASSWORD } from '@roster/test-support'

/** Org Acme with its founder, an admin it created, and a custom role holding only members:read + members:update. */
async function acmeWithLimitedEditor(options: Parameters<typeof createTestRoster>[0] = {}) {
  const test = createTestRoster(options)
  const { org, founder } = await test.orgWithFounder('Acme')
  const admin = await test.member(org.id, 'admin@acme.test', [{ roleId: 'admin', scope: 'org' }])
  const editorRole = (
    await test.roster.roles.define(founder, {
      orgId: org.id,
      name: 'Editor',
      permissions: ['members:read', 'members:update'],
    })
  )._unsafeUnwrap()
  const editor = await test.member(org.id, 'editor@acme.test', [{ roleId: editorRole.id, scope: 'org' }])
  return { ...test, org, founder, admin, editor }
}

/** Org B with its founder and an admin B created; org A with its founder. */
async function twoOrgs() {
  const test = createTestRoster()
  const b = await test.orgWithFounder('Beta')
  const bAdmin = await test.member(b.org.id, 'admin@beta.test', [{ roleId: 'admin', scope: 'org' }])
  ;(
    await test.roster.accounts.updateProfile(bAdmin, {
      accountId: bAdmin.accountId,
      phone: '+1 415 555 0100',
    })
  )._unsafeUnwrap()
  const a = await test.orgWithFounder('Alpha')
  return { ...test, a, b, bAdmin }
}

describe('account authority', () => {
  it('AA3: a role with only members:read + members:update cannot take over an admin (email → reset → sign-in)', async () => {
    const { roster, org, admin, editor, mailer, storage, stored } = await acmeWithLimitedEditor()
    const before = await storage.accounts.findById(admin.accountId)
    const counts = await stored(org.id)
    mailer.clear()

    const viaMembers = await roster.members.update(editor, {
      orgId: org.id,
      accountId: admin.accountId,
      email: 'editor+owned@acme.test',
    })
    const viaAccounts = await roster.accounts.changeEmail(editor, {
      accountId: admin.accountId,
      email: 'editor+owned@acme.test',
    })
    for (const result of [viaMembers, viaAccounts]) {
      expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'outranked' } })
    }
    // The rest of the chain finds nothing: no account at the attacker's address, no mail there.
    ;(await roster.credentials.requestPasswordReset({ email: 'editor+owned@acme.test' }))._unsafeUnwrap()
    expect(mailer.sent).toHaveLength(0)
    expect(await storage.accounts.findById(admin.accountId)).toEqual(before)
    expect(await stored(org.id)).toEqual(counts)
    ;(await roster.credentials.verify({ username: 'admin@acme.test', password: PASSWORD }))._unsafeUnwrap()
  })

  it('AA3: linkIdentity of the editor’s own SSO identity onto an admin is refused; findByIdentity does not resolve to the admin', async () => {
    const { roster, admin, editor, storage } = await acmeWithLimitedEditor()
    const result = await roster.accounts.linkIdentity(editor, {
      accountId: admin.accountId,
      provider: 'oidc:google',
      subject: 'editor-subject',
    })
    expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'outranked' } })
    expect(
      (
        await roster.accounts.findByIdentity({ provider: 'oidc:google', subject: 'editor-subject' })
      )._unsafeUnwrapErr().code,
    ).toBe('ACCOUNT_NOT_FOUND')
    expect((await storage.accounts.findById(admin.accountId))!.identityProvider).toBeNull()
  })

  it("AA3: a pending admin's email cannot be changed to redirect the activation link", async () => {
    const { roster, org, founder, editor, mailer, storage } = await acmeWithLimitedEditor()
    const pending = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'new.admin@acme.test',
        firstName: 'Nia',
        lastName: 'Admin',
        grants: [{ roleId: 'admin', scope: 'org' }],
      })
    )._unsafeUnwrap()
    const link = mailer.last('new.admin@acme.test')!.data.token as string
    mailer.clear()
    for (const result of [
      await roster.members.update(editor, {
        orgId: org.id,
        accountId: pending.accountId,
        email: 'editor+2@acme.test',
      }),
      await roster.accounts.changeEmail(editor, {
        accountId: pending.accountId,
        email: 'editor+2@acme.test',
      }),
      await roster.activation.resend(editor, { orgId: org.id, accountId: pending.accountId }),
    ]) {
      expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'outranked' } })
    }
    expect(mailer.sent).toHaveLength(0)
    expect((await storage.accounts.findById(pending.accountId))!.email).toBe('new.admin@acme.test')
    // The link the founder's add mailed still works, at the address it went to.
    ;(await roster.activation.activate({ token: link, password: PASSWORD }))._unsafeUnwrap()
  })

  it('AA3: an admin acts on a plain member and on another admin; only the founder reaches an owner', async () => {
    const { roster, org, founder, admin, member, storage } = await acmeWithLimitedEditor()
    const plain = await member(org.id, 'plain@acme.test')
    const otherAdmin = await member(org.id, 'admin2@acme.test', [{ roleId: 'admin', scope: 'org' }])
    const owner = await member(org.id, 'owner2@acme.test', [{ roleId: 'owner', scope: 'org' }])
    ;(
      await roster.accounts.updateProfile(admin, { accountId: plain.accountId, firstName: 'Pia' })
    )._unsafeUnwrap()
    ;(
      await roster.accounts.updateProfile(admin, { accountId: otherAdmin.accountId, firstName: 'Abe' })
    )._unsafeUnwrap()
    expect(
      (
        await roster.accounts.updateProfile(admin, { accountId: owner.accountId, firstName: 'Oz' })
      )._unsafeUnwrapErr(),
    ).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'outranked', missing: '*' } })
    ;(
      await roster.accounts.updateProfile(founder, { accountId: owner.accountId, firstName: 'Oz' })
    )._unsafeUnwrap()
    expect((await storage.accounts.findById(owner.accountId))!.firstName).toBe('Oz')
  })

  it('AA3: a resource-scoped role counts too: an admin without buildings:open cannot edit a member who holds it at a building', async () => {
    const { roster, org, founder, admin, member } = await acmeWithLimitedEditor()
    const tower = (
      await roster.resources.create(founder, { orgId: org.id, type: 'building', name: 'Tower' })
    )._unsafeUnwrap()
    const opener = (
      await roster.roles.define(founder, { orgId: org.id, name: 'Opener', permissions: ['buildings:open'] })
    )._unsafeUnwrap()
    const keyholder = await member(org.id, 'keys@acme.test', [
      { roleId: 'member', scope: 'org' },
      { roleId: opener.id, scope: { resourceId: tower.id } },
    ])
    expect(
      (
        await roster.accounts.updateProfile(admin, { accountId: keyholder.accountId, lastName: 'X' })
      )._unsafeUnwrapErr(),
    ).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'outranked', missing: ['buildings:open'] } })
    ;(
      await roster.accounts.updateProfile(founder, { accountId: keyholder.accountId, lastName: 'X' })
    )._unsafeUnwrap()
  })

  it('AA3: allowedActions offers account actions only on people the viewer outranks', async () => {
    const { roster, org, admin, editor, member } = await acmeWithLimitedEditor()
    const plain = await member(org.id, 'plain@acme.test')
    const actionsOn = async (accountId: string) =>
      (await roster.members.get(editor, { orgId: org.id, accountId }))._unsafeUnwrap().allowedActions
    expect(await actionsOn(admin.accountId)).not.toContain('editAccount')
    expect(await actionsOn(admin.accountId)).toContain('edit')
    expect(await actionsOn(plain.accountId)).toContain('editAccount')
  })

  it('AA4: an admin changing an active member’s email goes through the new address, whatever the policy', async () => {
    const { roster, org, admin, member, mailer, storage, tokenFor } = await acmeWithLimitedEditor()
    const plain = await member(org.id, 'plain@acme.test')
    mailer.clear()
    const view = (
      await roster.members.update(admin, {
        orgId: org.id,
        accountId: plain.accountId,
        email: 'pia@acme.test',
      })
    )._unsafeUnwrap()
    expect(view.email).toBe('plain@acme.test')
    expect(mailer.sent.map((m) => [m.to, m.template])).toEqual([['pia@acme.test', 'email-change-confirm']])
    ;(await roster.accounts.confirmEmail({ token: tokenFor('pia@acme.test') }))._unsafeUnwrap()
    expect((await storage.accounts.findById(plain.accountId))!.email).toBe('pia@acme.test')
    expect(mailer.last('plain@acme.test')!.template).toBe('email-changed-notice')
    // The person themself still follows policy.emailChange ('immediate' by default).
    const self = (
      await roster.accounts.changeEmail(plain, { accountId: plain.accountId, email: 'p@acme.test' })
    )._unsafeUnwrap()
    expect(self.email).toBe('p@acme.test')
  })

  it("AA6: org A invites B's admin, then accounts.disable is refused; B's admin still signs in and acts in B", async () => {
    const { roster, a, b, bAdmin, storage, stored } = await twoOrgs()
    ;(
      await roster.members.add(a.founder, {
        orgId: a.org.id,
        email: 'admin@beta.test',
        firstName: 'X',
        lastName: 'Y',
      })
    )._unsafeUnwrap()
    const counts = await stored(a.org.id, b.org.id)
    const disabled = await roster.accounts.disable(a.founder, { accountId: bAdmin.accountId })
    expect(disabled._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'shared-account' },
    })
    expect((await storage.accounts.findById(bAdmin.accountId))!.status).toBe('active')
    expect(await stored(a.org.id, b.org.id)).toEqual(counts)
    ;(await roster.credentials.verify({ username: 'admin@beta.test', password: PASSWORD }))._unsafeUnwrap()
    ;(await roster.members.list(bAdmin, { orgId: b.org.id }))._unsafeUnwrap()
  })

  it('AA2: an invitation alone gives no power, even over an account that belongs to no other org', async () => {
    const { roster, activeAccount, a, storage } = await twoOrgs()
    const solo = await activeAccount('solo@example.com', { firstName: 'Sol', lastName: 'Own' })
    ;(
      await roster.members.add(a.founder, {
        orgId: a.org.id,
        email: 'solo@example.com',
        firstName: 'S',
        lastName: 'O',
      })
    )._unsafeUnwrap()
    for (const result of [
      await roster.accounts.disable(a.founder, { accountId: solo.accountId }),
      await roster.accounts.get(a.founder, { accountId: solo.accountId }),
      await roster.accounts.updateProfile(a.founder, { accountId: solo.accountId, firstName: 'Q' }),
      await roster.accounts.changeEmail(a.founder, { accountId: solo.accountId, email: 'q@alpha.test' }),
    ]) {
      expect(result._unsafeUnwrapErr()).toMatchObject({
        code: 'FORBIDDEN',
        details: { reason: 'invited-only' },
      })
    }
    expect(await storage.accounts.findById(solo.accountId)).toMatchObject({
      status: 'active',
      firstName: 'Sol',
    })
    // Once the person accepts, the org (the only one they belong to) manages the account (A17).
    ;(await roster.members.acceptInvitation(solo, { orgId: a.org.id }))._unsafeUnwrap()
    ;(
      await roster.accounts.updateProfile(a.founder, { accountId: solo.accountId, firstName: 'Q' })
    )._unsafeUnwrap()
  })

  it('AA5: activation.resend in A cannot revoke the activation link B mailed', async () => {
    const { roster, a, b, mailer } = await twoOrgs()
    const pending = (
      await roster.members.add(b.founder, {
        orgId: b.org.id,
        email: 'new@beta.test',
        firstName: 'N',
        lastName: 'B',
      })
    )._unsafeUnwrap()
    const bLink = mailer.last('new@beta.test')!.data.token as string
    ;(
      await roster.members.add(a.founder, {
        orgId: a.org.id,
        email: 'new@beta.test',
        firstName: 'N',
        lastName: 'A',
      })
    )._unsafeUnwrap()
    mailer.clear()
    const resent = await roster.activation.resend(a.founder, {
      orgId: a.org.id,
      accountId: pending.accountId,
    })
    expect(resent._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'invited-only' },
    })
    expect(mailer.sent).toHaveLength(0)
    // B, which created the account, still may; and the link B mailed first still worked until then.
    ;(
      await roster.activation.resend(b.founder, { orgId: b.org.id, accountId: pending.accountId })
    )._unsafeUnwrap()
    expect(mailer.last('new@beta.test')!.data.token).not.toBe(bLink)
  })

  it('AA7: accounts.get from A cannot read the phone B set; members.add, get and list show only what A supplied', async () => {
    const { roster, a, bAdmin } = await twoOrgs()
    const added = (
      await roster.members.add(a.founder, {
        orgId: a.org.id,
        email: 'ADMIN@beta.test',
        firstName: 'Typed',
        lastName: 'ByAlpha',
        phone: '+1 415 555 0199',
      })
    )._unsafeUnwrap()
    expect(added).toMatchObject({
      firstName: 'Typed',
      lastName: 'ByAlpha',
      phone: null,
      username: added.email,
    })
    const got = await roster.accounts.get(a.founder, { accountId: bAdmin.accountId })
    expect(got._unsafeUnwrapErr()).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'shared-account' } })
    const listed = (await roster.members.list(a.founder, { orgId: a.org.id }))._unsafeUnwrap()
    const viaGet = (
      await roster.members.get(a.founder, { orgId: a.org.id, accountId: bAdmin.accountId })
    )._unsafeUnwrap()
    for (const view of [viaGet, listed.items.find((item) => item.accountId === bAdmin.accountId)!]) {
      expect(view).toMatchObject({ firstName: '', lastName: '', phone: null, username: view.email })
      expect(view.allowedActions).not.toContain('editAccount')
      expect(JSON.stringify(view)).not.toContain('+14155550100')
    }
    // After accepting, A sees the person as they are.
    ;(await roster.members.acceptInvitation(bAdmin, { orgId: a.org.id }))._unsafeUnwrap()
    const accepted = (
      await roster.members.get(a.founder, { orgId: a.org.id, accountId: bAdmin.accountId })
    )._unsafeUnwrap()
    expect(accepted.phone).toBe('+14155550100')
  })

  it('AA8: removing an invitation to someone’s own pending sign-up does not delete their account', async () => {
    const { roster, pendingAccount, a, storage } = await twoOrgs()
    const signedUp = await pendingAccount('self@example.com')
    ;(
      await roster.members.add(a.founder, {
        orgId: a.org.id,
        email: 'self@example.com',
        firstName: 'S',
        lastName: 'U',
      })
    )._unsafeUnwrap()
    ;(await roster.members.remove(a.founder, { orgId: a.org.id, accountId: signedUp }))._unsafeUnwrap()
    expect(await storage.accounts.findById(signedUp)).not.toBeNull()
    // An account the org created itself still goes with its last membership (A13).
    const own = (
      await roster.members.add(a.founder, {
        orgId: a.org.id,
        email: 'own@alpha.test',
        firstName: 'O',
        lastName: 'A',
      })
    )._unsafeUnwrap()
    ;(await roster.members.remove(a.founder, { orgId: a.org.id, accountId: own.accountId }))._unsafeUnwrap()
    expect(await storage.accounts.findById(own.accountId)).toBeNull()
  })

  it('AA1: the person and the system actor keep every act on the account', async () => {
    const { roster, system, bAdmin, storage } = await twoOrgs()
    ;(await roster.accounts.get(bAdmin, { accountId: bAdmin.accountId }))._unsafeUnwrap()
    ;(
      await roster.accounts.linkIdentity(bAdmin, {
        accountId: bAdmin.accountId,
        provider: 'oidc:x',
        subject: 's',
      })
    )._unsafeUnwrap()
    ;(await roster.accounts.disable(system, { accountId: bAdmin.accountId }))._unsafeUnwrap()
    ;(await roster.accounts.enable(system, { accountId: bAdmin.accountId }))._unsafeUnwrap()
    expect((await storage.accounts.findById(bAdmin.accountId))!.status).toBe('active')
  })
})
