import { describe, expect, it } from 'vitest'
import type { DirectoryPerson } from '../../ports/directory-source.js'
import { listSource, people, person, setupDirectory } from './test-fixtures.js'

describe('connections.sync', () => {
  it('S2: the first run gives new people a pending account, a guest membership managed by the connection and an activation mail', async () => {
    const source = listSource([person(1, { title: 'Surveyor', phone: '+33 6 12 34 56 78' }), person(2)])
    const { sync, connection, org, mailer, memberView, accountOf, audit } = await setupDirectory(source)
    mailer.clear()
    const report = await sync()
    expect(report).toEqual({
      connectionId: connection.id,
      added: 2,
      updated: 0,
      disabled: 0,
      removed: 0,
      unchanged: 0,
      errors: [],
      errorCount: 0,
      complete: true,
      failure: null,
      failureReason: null,
    })
    const ada = await accountOf('person1@corp.test')
    expect(ada).toMatchObject({ status: 'pending_activation', firstName: 'Given1', phone: '+33612345678' })
    expect(await memberView(ada.id)).toMatchObject({
      orgId: org.id,
      type: 'guest',
      membershipStatus: 'invited',
      title: 'Surveyor',
      source: connection.id,
      grants: [{ roleId: 'member', scope: 'org' }],
      managedFields: ['email', 'firstName', 'lastName', 'phone', 'title'],
    })
    expect(mailer.sent.map((m) => [m.to, m.template])).toEqual([
      ['person1@corp.test', 'activation'],
      ['person2@corp.test', 'activation'],
    ])
    const added = (await audit()).filter(
      (event) => event.action === 'member.added' && event.changes.source?.after === connection.id,
    )
    expect(added.map((event) => event.targetId).sort()).toEqual(
      [ada.id, (await accountOf('person2@corp.test')).id].sort(),
    )
    expect(added[0]?.changes).toMatchObject({ type: { after: 'guest' }, status: { after: 'invited' } })
  })

  it('S2, A8: a synced person who activates their account becomes an active guest', async () => {
    const { roster, sync, memberView, accountOf, tokenFor } = await setupDirectory(listSource([person(1)]))
    await sync()
    ;(
      await roster.activation.activate({
        token: tokenFor('person1@corp.test'),
        password: 'a long enough password',
      })
    )._unsafeUnwrap()
    const view = await memberView((await accountOf('person1@corp.test')).id)
    expect(view).toMatchObject({ accountStatus: 'active', membershipStatus: 'active' })
  })

  it('S2, A2: an existing account is attached by email and its own profile is never overwritten', async () => {
    const source = listSource([
      person(1, { email: 'Sam@Example.com', firstName: 'Samuel', lastName: 'Other' }),
    ])
    const t = await setupDirectory(source)
    const sam = await t.activeAccount('sam@example.com', { firstName: 'Sam', lastName: 'Self' })
    t.mailer.clear()
    const report = await t.sync()
    expect(report).toMatchObject({ added: 1, errors: [] })
    const view = await t.memberView(sam.accountId)
    // Active at once (the source vouches for them), no invitation to accept, no mail.
    expect(view).toMatchObject({
      firstName: 'Sam',
      lastName: 'Self',
      email: 'sam@example.com',
      membershipStatus: 'active',
    })
    expect(t.mailer.sent).toEqual([])
    // A change of the source later does not reach an account sync did not create either.
    t.source.people = [person(1, { email: 'Sam@Example.com', firstName: 'Samuel', lastName: 'Renamed' })]
    expect(await t.sync()).toMatchObject({ unchanged: 1, updated: 0 })
    expect(await t.memberView(sam.accountId)).toMatchObject({ firstName: 'Sam', lastName: 'Self' })
  })

  it('S2: a second run changes nothing — every person unchanged, no audit row, no mail, no event', async () => {
    const source = listSource([...people(1, 5), person(6, { active: false }), person(7, { title: 'Lead' })])
    const { sync, mailer, audit, roster, storage, org } = await setupDirectory(source)
    await sync()
    const auditBefore = (await audit()).length
    const outboxBefore = (await storage.outbox.list({ limit: 1000 })).length
    const membersBefore = (await storage.memberships.page({ orgId: org.id, limit: 100 })).map(
      (row) => row.membership,
    )
    mailer.clear()
    const events: string[] = []
    roster.events.on('*', (type) => events.push(type))
    const report = await sync()
    expect(report).toMatchObject({ added: 0, updated: 0, disabled: 0, removed: 0, unchanged: 7, errors: [] })
    expect((await audit()).length).toBe(auditBefore)
    expect((await storage.outbox.list({ limit: 1000 })).length).toBe(outboxBefore)
    expect(mailer.sent).toEqual([])
    expect(events.filter((type) => !type.startsWith('sync.'))).toEqual([])
    expect(
      (await storage.memberships.page({ orgId: org.id, limit: 100 })).map((row) => row.membership),
    ).toEqual(membersBefore)
  })

  it('S2: what changed in the source is updated — names, phone, language, title — and audited', async () => {
    const source = listSource([person(1), person(2)])
    const { sync, memberView, accountOf, audit } = await setupDirectory(source)
    await sync()
    source.people = [
      person(1, { lastName: 'Married', phone: '+1 415 555 0123', language: 'fr', title: 'Site manager' }),
      person(2),
    ]
    expect(await sync()).toMatchObject({ updated: 1, unchanged: 1, added: 0 })
    const view = await memberView((await accountOf('person1@corp.test')).id)
    expect(view).toMatchObject({
      lastName: 'Married',
      phone: '+14155550123',
      language: 'fr',
      title: 'Site manager',
    })
    expect(view.managedFields).toEqual(['email', 'firstName', 'language', 'lastName', 'phone', 'title'])
    const [updated] = (await audit()).filter((event) => event.action === 'member.updated')
    expect(updated?.changes).toMatchObject({
      lastName: { before: 'Family1', after: 'Married' },
      title: { before: null, after: 'Site manager' },
    })
    expect(await sync()).toMatchObject({ updated: 0, unchanged: 2 })
  })

  it('S2, S3: the person’s own edits stay theirs until the source changes that field again', async () => {
    const source = listSource([person(1)])
    const { roster, sync, accountOf, tokenFor } = await setupDirectory(source)
    await sync()
    ;(
      await roster.activation.activate({
        token: tokenFor('person1@corp.test'),
        password: 'a long enough password',
      })
    )._unsafeUnwrap()
    const { id } = await accountOf('person1@corp.test')
    ;(
      await roster.accounts.updateProfile({ accountId: id }, { accountId: id, firstName: 'Giv' })
    )._unsafeUnwrap()
    expect(await sync()).toMatchObject({ unchanged: 1 })
    expect((await accountOf('person1@corp.test')).firstName).toBe('Giv')
    source.people = [person(1, { firstName: 'Givenchy' })]
    expect(await sync()).toMatchObject({ updated: 1 })
    expect((await accountOf('person1@corp.test')).firstName).toBe('Givenchy')
  })

  it('S2, A5: a new email from the source moves a pending account and mails a fresh link to the new address', async () => {
    const source = listSource([person(1)])
    const { sync, mailer, storage } = await setupDirectory(source)
    await sync()
    source.people = [person(1, { email: 'new.person1@corp.test' })]
    mailer.clear()
    expect(await sync()).toMatchObject({ updated: 1, errors: [] })
    expect(await storage.accounts.findByEmail('person1@corp.test')).toBeNull()
    expect(await storage.accounts.findByEmail('new.person1@corp.test')).toMatchObject({
      status: 'pending_activation',
    })
    expect(mailer.sent.map((m) => [m.to, m.template])).toEqual([['new.person1@corp.test', 'activation']])
  })

  it('S2: people gone from the source are disabled after a complete pass, and re-enabled when they come back', async () => {
    const source = listSource(people(1, 4))
    const t = await setupDirectory(source)
    await t.sync()
    const gone = await t.accountOf('person3@corp.test')
    source.people = [person(1), person(2), person(4)]
    expect(await t.sync()).toMatchObject({ disabled: 1, unchanged: 3 })
    expect(await t.memberView(gone.id)).toMatchObject({
      membershipStatus: 'disabled',
      source: t.connection.id,
    })
    expect(await t.sync()).toMatchObject({ disabled: 0, unchanged: 3 })
    source.people = people(1, 4)
    expect(await t.sync()).toMatchObject({ updated: 1, unchanged: 3 })
    expect(await t.memberView(gone.id)).toMatchObject({ membershipStatus: 'invited' })
  })

  it('S2: a person listed active: false is disabled; a member the host disabled by hand stays disabled', async () => {
    const source = listSource(people(1, 3))
    const t = await setupDirectory(source)
    const sam = await t.activeAccount('sam@corp.test')
    source.people = [...people(1, 3), person(9, { email: 'sam@corp.test' })]
    await t.sync()
    source.people = [
      person(1, { active: false }),
      person(2),
      person(3),
      person(9, { email: 'sam@corp.test' }),
    ]
    expect(await t.sync()).toMatchObject({ disabled: 1, unchanged: 3 })
    expect((await t.memberView((await t.accountOf('person1@corp.test')).id)).membershipStatus).toBe(
      'disabled',
    )
    ;(await t.roster.members.disable(t.admin, { orgId: t.org.id, accountId: sam.accountId }))._unsafeUnwrap()
    expect(await t.sync()).toMatchObject({ unchanged: 4 })
    expect((await t.memberView(sam.accountId)).membershipStatus).toBe('disabled')
  })

  it('S2: a synced member removed by hand in the host org comes back on the next run (the source wins)', async () => {
    const source = listSource([person(1), person(2)])
    const t = await setupDirectory(source)
    await t.sync()
    const sam = await t.activeAccount('sam@corp.test')
    source.people = [person(1), person(2), person(3, { email: 'sam@corp.test' })]
    await t.sync()
    ;(await t.roster.members.remove(t.admin, { orgId: t.org.id, accountId: sam.accountId }))._unsafeUnwrap()
    expect(await t.sync()).toMatchObject({ added: 1, unchanged: 2 })
    expect(await t.memberView(sam.accountId)).toMatchObject({
      source: t.connection.id,
      membershipStatus: 'active',
    })
  })

  it('S2: with onMissing "remove" people gone or inactive are removed, and a never-activated account with them (A13)', async () => {
    const source = listSource(people(1, 3))
    const t = await setupDirectory(source, { connect: { onMissing: 'remove' } })
    const sam = await t.activeAccount('sam@corp.test')
    source.people = [...people(1, 3), person(9, { email: 'sam@corp.test' })]
    await t.sync()
    source.people = [person(1), person(2, { active: false })]
    expect(await t.sync()).toMatchObject({ removed: 3, unchanged: 1 })
    expect(await t.storage.accounts.findByEmail('person2@corp.test')).toBeNull()
    expect(await t.storage.accounts.findByEmail('person3@corp.test')).toBeNull()
    // An active account stays: only its guest membership went.
    expect(await t.storage.accounts.findById(sam.accountId)).not.toBeNull()
    expect(await t.storage.memberships.find(t.org.id, sam.accountId)).toBeNull()
    expect(await t.sync()).toMatchObject({ removed: 0, unchanged: 2 })
  })

  it('S2: a bad row never aborts the rest — each lands in errors with its code', async () => {
    const source = listSource([
      person(1),
      person(2, { email: 'not an email' }),
      { externalId: 'e0003', email: 'person3@corp.test' },
      person(4, { email: 'bounced@corp.test' }),
      person(5, { email: 'plain@agency.test' }),
      person(6),
      person(6, { email: 'twin@corp.test' }),
      person(7, { email: 'person1@corp.test' }),
      'garbage',
      person(8, { phone: 'call me maybe' }),
      person(9),
    ])
    const t = await setupDirectory(source)
    ;(await t.roster.mail.reportBounce({ email: 'bounced@corp.test', kind: 'bounce' }))._unsafeUnwrap()
    const report = await t.sync()
    expect(report).toMatchObject({ added: 3, complete: true, errorCount: 8 })
    expect(report.errors.map((e) => [e.externalId, e.code])).toEqual([
      ['e0002', 'VALIDATION'],
      ['e0003', 'VALIDATION'],
      ['', 'VALIDATION'],
      ['e0008', 'VALIDATION'],
      ['e0004', 'EMAIL_BLOCKED'],
      ['e0005', 'ALREADY_MEMBER'],
      ['e0006', 'VALIDATION'],
      ['e0007', 'EMAIL_TAKEN'],
    ])
    expect(report.errors[0]?.message).toContain('email')
    expect(report.errors[1]?.message).toMatch(/firstName.*lastName/)
    for (const email of ['person1@corp.test', 'person6@corp.test', 'person9@corp.test'])
      expect(await t.storage.accounts.findByEmail(email)).not.toBeNull()
    // The local member is left as they were.
    expect((await t.memberView(t.plain.accountId)).source).toBe('local')
  })

  it('S2: a known person whose row turns invalid keeps their membership (not treated as gone)', async () => {
    const source = listSource([person(1), person(2)])
    const t = await setupDirectory(source)
    await t.sync()
    source.people = [person(1), person(2, { email: 'broken' })]
    const report = await t.sync()
    expect(report).toMatchObject({ disabled: 0, unchanged: 1, errorCount: 1, complete: true })
    expect((await t.memberView((await t.accountOf('person2@corp.test')).id)).membershipStatus).toBe('invited')
  })

  it('X4: bad input is VALIDATION; an unknown connection NOT_FOUND; O5: only connections:manage may run it', async () => {
    const { roster, admin, plain, connection, audit } = await setupDirectory(listSource([person(1)]))
    const before = (await audit()).length
    expect((await roster.connections.sync(admin, { connectionId: '' }))._unsafeUnwrapErr().code).toBe(
      'VALIDATION',
    )
    expect((await roster.connections.sync(admin, { connectionId: 'nope' }))._unsafeUnwrapErr()).toMatchObject(
      {
        code: 'NOT_FOUND',
        details: { entity: 'connection' },
      },
    )
    expect(
      (await roster.connections.sync(plain, { connectionId: connection.id }))._unsafeUnwrapErr().code,
    ).toBe('FORBIDDEN')
    expect((await audit()).length).toBe(before)
  })

  it('S2: a source that yields nothing on a fresh connection completes with nothing to do', async () => {
    const empty: DirectoryPerson[] = []
    const { sync } = await setupDirectory(listSource(empty))
    expect(await sync()).toMatchObject({ added: 0, unchanged: 0, complete: true })
  })
})
