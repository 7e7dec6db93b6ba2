import { describe, expect, it } from 'vitest'
import { ada, setupScim } from './test-fixtures.js'

describe('scim users', () => {
  it('SC3: provisioning creates a pending account and an invited employee managed by the connection', async () => {
    const { roster, admin, org, principal, mailer, created } = await setupScim()
    const user = (await roster.scim.users.provision(principal, ada(1, { title: 'Engineer' })))._unsafeUnwrap()
    expect(user).toMatchObject({
      userName: 'ada1@example.com',
      externalId: 'ext-1',
      active: true,
      version: 1,
    })
    const member = (await roster.members.get(admin, { orgId: org.id, accountId: user.id }))._unsafeUnwrap()
    expect(member).toMatchObject({
      type: 'employee',
      membershipStatus: 'invited',
      accountStatus: 'pending_activation',
      source: created.connection.connectionId,
      title: 'Engineer',
    })
    expect(member.managedFields).toEqual(expect.arrayContaining(['email', 'firstName', 'lastName', 'title']))
    expect(mailer.last('ada1@example.com')?.template).toBe('activation')
  })

  it('S3: fields SCIM manages are MANAGED_EXTERNALLY for the org admin, naming the source', async () => {
    const { roster, admin, org, principal, created } = await setupScim()
    const user = (await roster.scim.users.provision(principal, ada(1, { title: 'Engineer' })))._unsafeUnwrap()
    const refused = await roster.members.update(admin, { orgId: org.id, accountId: user.id, title: 'Boss' })
    expect(refused._unsafeUnwrapErr()).toMatchObject({
      code: 'MANAGED_EXTERNALLY',
      details: { source: created.connection.connectionId, fields: ['title'] },
    })
  })

  it('A2: an email that already has an account attaches it, active at once, profile untouched', async () => {
    const { roster, principal, activeAccount, admin, org, mailer } = await setupScim()
    const ada1 = await activeAccount('ada1@example.com', { firstName: 'Own', lastName: 'Name' })
    mailer.clear()
    const user = (await roster.scim.users.provision(principal, ada(1)))._unsafeUnwrap()
    expect(user.id).toBe(ada1.accountId)
    const member = (await roster.members.get(admin, { orgId: org.id, accountId: user.id }))._unsafeUnwrap()
    expect(member).toMatchObject({ membershipStatus: 'active', firstName: 'Own', lastName: 'Name' })
    expect(mailer.sent).toEqual([])
  })

  it('SC3: a userName the connection has, in any case, is ALREADY_MEMBER and stores nothing', async () => {
    const { roster, principal, tables } = await setupScim()
    ;(await roster.scim.users.provision(principal, ada(1)))._unsafeUnwrap()
    const before = tables()
    const again = await roster.scim.users.provision(principal, ada(2, { userName: 'ADA1@example.com' }))
    expect(again._unsafeUnwrapErr()).toMatchObject({
      code: 'ALREADY_MEMBER',
      details: { reason: 'userName' },
    })
    expect(tables()).toEqual(before)
  })

  it('X4: bad input is VALIDATION naming the field; nothing stored or mailed', async () => {
    const { roster, principal, tables, mailer } = await setupScim()
    const before = tables()
    mailer.clear()
    const bad = await roster.scim.users.provision(principal, ada(1, { email: 'not-an-email', phone: '12' }))
    const issues = bad._unsafeUnwrapErr().details?.issues as Array<{ path: string }>
    expect(issues.map((issue) => issue.path).sort()).toEqual(['email', 'phone'])
    expect(tables()).toEqual(before)
    expect(mailer.sent).toEqual([])
  })

  it('SC5: active false disables the membership, true re-enables it; the same replace twice changes nothing', async () => {
    const { roster, admin, org, principal } = await setupScim({
      connection: { credential: 'sso', ssoProvider: 'okta' },
    })
    const user = (await roster.scim.users.provision(principal, ada(1)))._unsafeUnwrap()
    const status = async () =>
      (await roster.members.get(admin, { orgId: org.id, accountId: user.id }))._unsafeUnwrap()
        .membershipStatus
    expect(await status()).toBe('active')
    const off = (
      await roster.scim.users.replace(principal, { ...ada(1), id: user.id, active: false })
    )._unsafeUnwrap()
    expect(off.active).toBe(false)
    expect(await status()).toBe('disabled')
    const activity = async () =>
      (
        await roster.scim.activity(admin, { orgId: org.id, connectionId: principal.connectionId })
      )._unsafeUnwrap().items.length
    const events = await activity()
    const again = (
      await roster.scim.users.replace(principal, { ...ada(1), id: user.id, active: false })
    )._unsafeUnwrap()
    expect(await activity()).toBe(events)
    // Nothing written either: the version (the ETag) and lastModified stay.
    expect(again).toEqual(off)
    ;(await roster.scim.users.replace(principal, { ...ada(1), id: user.id, active: true }))._unsafeUnwrap()
    expect(await status()).toBe('active')
  })

  it('SC3: a replace applies name and email changes to an account the connection created', async () => {
    const { roster, admin, org, principal } = await setupScim()
    const user = (await roster.scim.users.provision(principal, ada(1)))._unsafeUnwrap()
    const changed = {
      ...ada(1),
      id: user.id,
      firstName: 'Augusta',
      email: 'augusta@example.com',
      department: 'R&D',
    }
    ;(await roster.scim.users.replace(principal, changed))._unsafeUnwrap()
    const member = (await roster.members.get(admin, { orgId: org.id, accountId: user.id }))._unsafeUnwrap()
    expect(member).toMatchObject({
      firstName: 'Augusta',
      email: 'augusta@example.com',
      department: { name: 'R&D' },
    })
  })

  it('SC5: deprovision disables by default (404 after), and a new POST takes the person back', async () => {
    const { roster, admin, org, principal } = await setupScim()
    const user = (await roster.scim.users.provision(principal, ada(1)))._unsafeUnwrap()
    expect((await roster.scim.users.deprovision(principal, { id: user.id }))._unsafeUnwrap().membership).toBe(
      'disabled',
    )
    expect((await roster.scim.users.get(principal, { id: user.id }))._unsafeUnwrapErr().code).toBe(
      'NOT_FOUND',
    )
    const back = (await roster.scim.users.provision(principal, ada(1)))._unsafeUnwrap()
    expect(back.id).toBe(user.id)
    const member = (await roster.members.get(admin, { orgId: org.id, accountId: user.id }))._unsafeUnwrap()
    expect(member.membershipStatus).toBe('invited')
  })

  it('SC5: under deprovision remove, DELETE removes the membership (A13)', async () => {
    const { roster, admin, org, principal } = await setupScim({ connection: { deprovision: 'remove' } })
    const user = (await roster.scim.users.provision(principal, ada(1)))._unsafeUnwrap()
    expect((await roster.scim.users.deprovision(principal, { id: user.id }))._unsafeUnwrap().membership).toBe(
      'removed',
    )
    expect(
      (await roster.members.get(admin, { orgId: org.id, accountId: user.id }))._unsafeUnwrapErr().code,
    ).toBe('NOT_FOUND')
  })

  it("SC2: a token of org A never sees org B's users", async () => {
    const a = await setupScim()
    const b = await setupScim({ orgName: 'Globex' })
    const user = (await a.roster.scim.users.provision(a.principal, ada(1)))._unsafeUnwrap()
    // Same roster is needed to cross: build B's connection in A's roster.
    const globex = await a.orgWithFounder('Globex')
    const other = (
      await a.roster.scim.createConnection(globex.founder, { orgId: globex.org.id, name: 'Okta' })
    )._unsafeUnwrap()
    const otherPrincipal = (await a.roster.scim.authenticate({ token: other.secret.token }))._unsafeUnwrap()
    expect((await a.roster.scim.users.get(otherPrincipal, { id: user.id }))._unsafeUnwrapErr().code).toBe(
      'NOT_FOUND',
    )
    expect((await a.roster.scim.users.list(otherPrincipal))._unsafeUnwrap().total).toBe(0)
    const forged = { ...otherPrincipal, orgId: a.org.id }
    expect((await a.roster.scim.users.get(forged, { id: user.id }))._unsafeUnwrapErr().code).toBe(
      'UNAUTHENTICATED',
    )
    expect(b.org.id).not.toBe(a.org.id)
  })

  it('SC3 race: two provisions of one user at once → one account, one membership, one 409', async () => {
    const { roster, principal, org, admin } = await setupScim()
    const results = await Promise.all([
      roster.scim.users.provision(principal, ada(1)),
      roster.scim.users.provision(principal, ada(1)),
    ])
    expect(results.filter((r) => r.isOk())).toHaveLength(1)
    expect(results.find((r) => r.isErr())?._unsafeUnwrapErr().code).toBe('ALREADY_MEMBER')
    const list = (await roster.members.list(admin, { orgId: org.id, search: 'ada1' }))._unsafeUnwrap()
    expect(list.items).toHaveLength(1)
  })

  it('SC3: list pages by id with a total; userName lookup ignores case', async () => {
    const { roster, principal } = await setupScim()
    for (let i = 1; i <= 3; i++) (await roster.scim.users.provision(principal, ada(i)))._unsafeUnwrap()
    const first = (await roster.scim.users.list(principal, { limit: 2 }))._unsafeUnwrap()
    expect(first.total).toBe(3)
    expect(first.items).toHaveLength(2)
    const rest = (await roster.scim.users.list(principal, { afterId: first.items[1]!.id }))._unsafeUnwrap()
    expect(rest.items).toHaveLength(1)
    const found = (await roster.scim.users.list(principal, { userName: 'ADA2@EXAMPLE.COM' }))._unsafeUnwrap()
    expect(found.items.map((u) => u.userName)).toEqual(['ada2@example.com'])
  })
})
