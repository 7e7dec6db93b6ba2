import { describe, expect, it } from 'vitest'
import { PASSWORD } from '@roster/test-support'
import { listSource, person, setupDirectory } from './test-fixtures.js'

/** A directory with Paula (title, phone) synced and activated; returns her actor too. */
async function setup() {
  const source = listSource([
    person(1, { firstName: 'Paula', title: 'Surveyor', phone: '+33 6 12 34 56 78' }),
  ])
  const t = await setupDirectory(source)
  await t.sync()
  ;(
    await t.roster.activation.activate({ token: t.tokenFor('person1@corp.test'), password: PASSWORD })
  )._unsafeUnwrap()
  const paula = { accountId: (await t.accountOf('person1@corp.test')).id }
  const snapshot = async () => ({
    account: await t.storage.accounts.findById(paula.accountId),
    membership: await t.storage.memberships.find(t.org.id, paula.accountId),
    audit: (await t.audit()).length,
    outbox: (await t.storage.outbox.list({ limit: 1000 })).length,
  })
  return { ...t, paula, snapshot }
}

describe('the source wins (S3)', () => {
  it('S3: MemberView.managedFields lists the fields the connection manages; local members have none', async () => {
    const { roster, admin, org, paula, plain, connection } = await setup()
    const page = (await roster.members.list(admin, { orgId: org.id }))._unsafeUnwrap()
    const byId = new Map(page.items.map((view) => [view.accountId, view]))
    expect(byId.get(paula.accountId)).toMatchObject({
      source: connection.id,
      managedFields: ['email', 'firstName', 'lastName', 'phone', 'title'],
    })
    expect(byId.get(plain.accountId)?.managedFields).toEqual([])
  })

  it('S3: a host admin editing a managed field gets MANAGED_EXTERNALLY naming the source, and nothing is stored', async () => {
    const { roster, admin, org, paula, connection, snapshot } = await setup()
    const before = await snapshot()
    for (const fields of [
      { title: 'Boss' },
      { lastName: 'Renamed' },
      { email: 'paula@elsewhere.test' },
      { phone: null },
    ]) {
      const refused = await roster.members.update(admin, {
        orgId: org.id,
        accountId: paula.accountId,
        ...fields,
      })
      expect(refused._unsafeUnwrapErr()).toMatchObject({
        code: 'MANAGED_EXTERNALLY',
        details: { source: connection.id, sourceKey: 'hr', fields: Object.keys(fields) },
      })
      expect(refused._unsafeUnwrapErr().message).toContain('the directory "hr"')
    }
    expect(await snapshot()).toEqual(before)
  })

  it('S3: unchanged managed values pass, and fields the source does not manage stay the host’s to edit', async () => {
    const { roster, admin, org, paula } = await setup()
    const department = (
      await roster.departments.create(admin, { orgId: org.id, name: 'Field work' })
    )._unsafeUnwrap()
    const view = (
      await roster.members.update(admin, {
        orgId: org.id,
        accountId: paula.accountId,
        title: 'Surveyor',
        firstName: 'Paula',
        departmentId: department.id,
        language: 'fr',
      })
    )._unsafeUnwrap()
    expect(view).toMatchObject({ title: 'Surveyor', department: { id: department.id }, language: 'fr' })
  })

  it('S3, A17: account edits by the host org’s admins go through the same rule; the person still edits their own profile', async () => {
    const { roster, admin, paula, snapshot } = await setup()
    const before = await snapshot()
    const profile = await roster.accounts.updateProfile(admin, {
      accountId: paula.accountId,
      lastName: 'Renamed',
    })
    expect(profile._unsafeUnwrapErr()).toMatchObject({
      code: 'MANAGED_EXTERNALLY',
      details: { fields: ['lastName'] },
    })
    const email = await roster.accounts.changeEmail(admin, {
      accountId: paula.accountId,
      email: 'p@elsewhere.test',
    })
    expect(email._unsafeUnwrapErr()).toMatchObject({
      code: 'MANAGED_EXTERNALLY',
      details: { fields: ['email'] },
    })
    // Not managed: the username.
    ;(
      await roster.accounts.updateProfile(admin, { accountId: paula.accountId, username: 'paula.surveyor' })
    )._unsafeUnwrap()
    expect((await snapshot()).account?.lastName).toBe(before.account?.lastName)

    // Her own profile stays hers.
    const own = (
      await roster.accounts.updateProfile(paula, {
        accountId: paula.accountId,
        firstName: 'Polly',
        phone: null,
      })
    )._unsafeUnwrap()
    expect(own).toMatchObject({ firstName: 'Polly', phone: null })
    ;(
      await roster.accounts.changeEmail(paula, { accountId: paula.accountId, email: 'polly@home.test' })
    )._unsafeUnwrap()
    const viaMembers = await roster.members.update(paula, {
      orgId: (await snapshot()).membership!.orgId,
      accountId: paula.accountId,
      lastName: 'Self',
    })
    expect(viaMembers._unsafeUnwrap()).toMatchObject({ lastName: 'Self', email: 'polly@home.test' })
  })

  it('S3: the system actor is not limited (the host app’s own jobs)', async () => {
    const { roster, system, org, paula } = await setup()
    const view = (
      await roster.members.update(system, { orgId: org.id, accountId: paula.accountId, title: 'Fixed' })
    )._unsafeUnwrap()
    expect(view.title).toBe('Fixed')
  })
})
