import { describe, expect, it } from 'vitest'
import { createRoster } from '../../create-roster.js'
import { memoryStorage } from '@roster/adapter-memory'
import { createMemoryMailer } from '../../testing/memory-mailer.js'
import { createTestRoster } from '../../test-support.js'
import { listSource, people, setupDirectory } from './test-fixtures.js'

/** Agency (the host) and Consultants Inc. (the guest org) with their admins and two consultants. */
async function setupOrgs() {
  const t = createTestRoster()
  const { org: agency, founder: agencyFounder } = await t.orgWithFounder('Agency')
  const { org: firm, founder: firmFounder } = await t.orgWithFounder('Consultants')
  const agencyAdmin = await t.member(agency.id, 'admin@agency.test', [{ roleId: 'admin', scope: 'org' }])
  const firmAdmin = await t.member(firm.id, 'admin@firm.test', [{ roleId: 'admin', scope: 'org' }])
  const carol = await t.member(firm.id, 'carol@firm.test')
  const dan = await t.member(firm.id, 'dan@firm.test')
  const guestsOfAgency = async () =>
    (await t.storage.memberships.page({ orgId: agency.id, type: 'guest', limit: 100 })).map((row) => ({
      email: row.account.email,
      status: row.membership.status,
      source: row.membership.source,
    }))
  return {
    ...t,
    agency,
    agencyFounder,
    firm,
    firmFounder,
    agencyAdmin,
    firmAdmin,
    carol,
    dan,
    guestsOfAgency,
  }
}

describe('connections.connectSource', () => {
  it('S1: connects an org to a registered directory; list shows it, due at once', async () => {
    const { roster, admin, org, connection, clock, audit } = await setupDirectory(listSource())
    expect(connection).toMatchObject({
      kind: 'directory',
      orgId: org.id,
      sourceKey: 'hr',
      guestOrgId: null,
      status: 'active',
      onMissing: 'disable',
      intervalMinutes: 60,
      managedFields: ['email', 'firstName', 'lastName'],
      running: false,
      lastRunAt: null,
      nextRunAt: clock.now().toISOString(),
    })
    expect((await roster.connections.list(admin, { orgId: org.id }))._unsafeUnwrap()).toEqual([connection])
    expect((await audit()).find((event) => event.action === 'connection.created')).toMatchObject({
      targetId: connection.id,
      changes: { sourceKey: { after: 'hr' } },
    })
  })

  it('X4: an unknown sourceKey or a bad interval is VALIDATION, and nothing is stored', async () => {
    const { roster, admin, org, storage } = await setupDirectory(listSource())
    const unknown = (
      await roster.connections.connectSource(admin, { orgId: org.id, sourceKey: 'ldap' })
    )._unsafeUnwrapErr()
    expect(unknown).toMatchObject({ code: 'VALIDATION', details: { issues: [{ path: 'sourceKey' }] } })
    const bad = await roster.connections.connectSource(admin, {
      orgId: org.id,
      sourceKey: 'hr',
      intervalMinutes: 0,
      onMissing: 'explode' as 'remove',
    })
    const paths = (bad._unsafeUnwrapErr().details?.issues as { path: string }[]).map((issue) => issue.path)
    expect(paths).toEqual(expect.arrayContaining(['intervalMinutes', 'onMissing']))
    expect(await storage.connections.listForOrg(org.id)).toHaveLength(1)
  })

  it('S1: an org connects a source once: again is INVALID_STATE naming the connection', async () => {
    const { roster, admin, org, connection, storage } = await setupDirectory(listSource())
    const again = (
      await roster.connections.connectSource(admin, { orgId: org.id, sourceKey: 'hr' })
    )._unsafeUnwrapErr()
    expect(again).toMatchObject({ code: 'INVALID_STATE', details: { connectionId: connection.id } })
    expect(await storage.connections.listForOrg(org.id)).toHaveLength(1)
  })

  it('O5: connecting, listing and syncing need connections:manage', async () => {
    const { roster, plain, org } = await setupDirectory(listSource())
    expect(
      (await roster.connections.connectSource(plain, { orgId: org.id, sourceKey: 'hr' }))._unsafeUnwrapErr(),
    ).toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'connections:manage' },
    })
    expect((await roster.connections.list(plain, { orgId: org.id }))._unsafeUnwrapErr().code).toBe(
      'FORBIDDEN',
    )
  })

  it('createRoster refuses a directory source without list()', () => {
    expect(() =>
      createRoster({
        storage: memoryStorage(),
        mailer: createMemoryMailer(),
        directorySources: { hr: {} as never },
      }),
    ).toThrow(/list\(\)/)
  })
})

describe('connections.request / approve', () => {
  it('S1: once the host approves, every member of the guest org — current and future — is a guest of the host, kept in step by sync', async () => {
    const t = await setupOrgs()
    const { roster, agency, firm, agencyAdmin, firmAdmin } = t
    const requested = (
      await roster.connections.request(firmAdmin, { guestOrgId: firm.id, hostOrgId: agency.id })
    )._unsafeUnwrap()
    expect(requested).toMatchObject({
      kind: 'organization',
      orgId: agency.id,
      guestOrgId: firm.id,
      status: 'pending',
    })
    // Pending: nothing syncs yet, and the host sees the request.
    expect(
      (await roster.connections.sync(agencyAdmin, { connectionId: requested.id }))._unsafeUnwrapErr().code,
    ).toBe('INVALID_STATE')
    expect((await roster.connections.list(agencyAdmin, { orgId: agency.id }))._unsafeUnwrap()).toEqual([
      requested,
    ])

    const approved = (
      await roster.connections.approve(agencyAdmin, { connectionId: requested.id })
    )._unsafeUnwrap()
    expect(approved).toMatchObject({ status: 'active', managedFields: ['email', 'firstName', 'lastName'] })
    const first = (await roster.connections.sync(agencyAdmin, { connectionId: requested.id }))._unsafeUnwrap()
    // The founder, the admin, Carol and Dan: every (local) member of the firm.
    expect(first).toMatchObject({ added: 4, errors: [], complete: true })
    expect((await t.guestsOfAgency()).map((g) => g.email).sort()).toEqual(
      ['admin@firm.test', 'carol@firm.test', 'dan@firm.test', 'founder.consultants@example.com'].sort(),
    )
    expect(new Set((await t.guestsOfAgency()).map((g) => g.status))).toEqual(new Set(['active']))
    // The same accounts (one identity, A2), not copies.
    const carolInAgency = (
      await roster.members.get(agencyAdmin, { orgId: agency.id, accountId: t.carol.accountId })
    )._unsafeUnwrap()
    expect(carolInAgency).toMatchObject({ type: 'guest', source: requested.id, membershipStatus: 'active' })
    expect(carolInAgency.managedFields).toEqual(['email', 'firstName', 'language', 'lastName'])

    // A future member of the firm joins the agency on the next run; one who leaves is disabled there.
    const erin = await t.member(firm.id, 'erin@firm.test')
    ;(await roster.members.remove(firmAdmin, { orgId: firm.id, accountId: t.dan.accountId }))._unsafeUnwrap()
    expect(
      (await roster.connections.sync(agencyAdmin, { connectionId: requested.id }))._unsafeUnwrap(),
    ).toMatchObject({
      added: 1,
      disabled: 1,
      unchanged: 3,
    })
    expect(
      (await roster.members.get(agencyAdmin, { orgId: agency.id, accountId: erin.accountId }))._unsafeUnwrap()
        .type,
    ).toBe('guest')
    expect(
      (
        await roster.members.get(agencyAdmin, { orgId: agency.id, accountId: t.dan.accountId })
      )._unsafeUnwrap().membershipStatus,
    ).toBe('disabled')
    // The firm's own title reaches the agency; a membership disabled in the firm is disabled here too.
    ;(
      await roster.members.update(firmAdmin, {
        orgId: firm.id,
        accountId: t.carol.accountId,
        title: 'Structural engineer',
      })
    )._unsafeUnwrap()
    ;(await roster.members.disable(firmAdmin, { orgId: firm.id, accountId: erin.accountId }))._unsafeUnwrap()
    expect(
      (await roster.connections.sync(agencyAdmin, { connectionId: requested.id }))._unsafeUnwrap(),
    ).toMatchObject({
      updated: 1,
      disabled: 1,
    })
    expect(
      (
        await roster.members.get(agencyAdmin, { orgId: agency.id, accountId: t.carol.accountId })
      )._unsafeUnwrap().title,
    ).toBe('Structural engineer')
    // S3: the firm manages it now; the agency cannot override it.
    const override = await roster.members.update(agencyAdmin, {
      orgId: agency.id,
      accountId: t.carol.accountId,
      title: 'Junior',
    })
    expect(override._unsafeUnwrapErr()).toMatchObject({
      code: 'MANAGED_EXTERNALLY',
      details: { source: requested.id, guestOrgId: firm.id },
    })
    expect(override._unsafeUnwrapErr().message).toBe(
      'title is managed by the organization "Consultants"; change it there.',
    )
  })

  it('S1: members the guest org got from its own connections are not passed on', async () => {
    const t = await setupOrgs()
    const { roster, agency, firm, agencyAdmin, firmAdmin } = t
    const { org: third, founder: thirdFounder } = await t.orgWithFounder('Third')
    // Third's founder is a guest of the firm through a connection.
    const intoFirm = (
      await roster.connections.request(thirdFounder, { guestOrgId: third.id, hostOrgId: firm.id })
    )._unsafeUnwrap()
    ;(await roster.connections.approve(firmAdmin, { connectionId: intoFirm.id }))._unsafeUnwrap()
    ;(await roster.connections.sync(firmAdmin, { connectionId: intoFirm.id }))._unsafeUnwrap()
    const intoAgency = (
      await roster.connections.request(firmAdmin, { guestOrgId: firm.id, hostOrgId: agency.id })
    )._unsafeUnwrap()
    ;(await roster.connections.approve(agencyAdmin, { connectionId: intoAgency.id }))._unsafeUnwrap()
    expect(
      (await roster.connections.sync(agencyAdmin, { connectionId: intoAgency.id }))._unsafeUnwrap(),
    ).toMatchObject({ added: 4 })
    expect(await t.storage.memberships.find(agency.id, thirdFounder.accountId)).toBeNull()
  })

  it('X3: only the host approves; only the guest org’s admins request; a request to itself is VALIDATION', async () => {
    const t = await setupOrgs()
    const { roster, agency, firm, agencyAdmin, firmAdmin, carol } = t
    expect(
      (
        await roster.connections.request(agencyAdmin, { guestOrgId: firm.id, hostOrgId: agency.id })
      )._unsafeUnwrapErr().code,
    ).toBe('FORBIDDEN')
    expect(
      (
        await roster.connections.request(carol, { guestOrgId: firm.id, hostOrgId: agency.id })
      )._unsafeUnwrapErr().code,
    ).toBe('FORBIDDEN')
    const self = await roster.connections.request(firmAdmin, { guestOrgId: firm.id, hostOrgId: firm.id })
    expect(self._unsafeUnwrapErr()).toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'hostOrgId' }] },
    })
    expect(
      (
        await roster.connections.request(firmAdmin, { guestOrgId: firm.id, hostOrgId: 'nowhere' })
      )._unsafeUnwrapErr().code,
    ).toBe('ORG_NOT_FOUND')
    const pending = (
      await roster.connections.request(firmAdmin, { guestOrgId: firm.id, hostOrgId: agency.id })
    )._unsafeUnwrap()
    expect(
      (await roster.connections.approve(firmAdmin, { connectionId: pending.id }))._unsafeUnwrapErr().code,
    ).toBe('FORBIDDEN')
    expect(
      (
        await roster.connections.request(firmAdmin, { guestOrgId: firm.id, hostOrgId: agency.id })
      )._unsafeUnwrapErr(),
    ).toMatchObject({
      code: 'INVALID_STATE',
      details: { connectionId: pending.id },
    })
    ;(await roster.connections.approve(agencyAdmin, { connectionId: pending.id }))._unsafeUnwrap()
    expect(
      (await roster.connections.approve(agencyAdmin, { connectionId: pending.id }))._unsafeUnwrapErr().code,
    ).toBe('INVALID_STATE')
    expect(
      (await roster.connections.approve(agencyAdmin, { connectionId: 'nope' }))._unsafeUnwrapErr().code,
    ).toBe('NOT_FOUND')
    // Both orgs' audit logs tell the story.
    for (const orgId of [agency.id, firm.id]) {
      const actions = (await t.storage.audit.list({ orgId, limit: 100 })).map((event) => event.action)
      expect(actions).toEqual(expect.arrayContaining(['connection.requested', 'connection.approved']))
    }
  })

  it('X4: bad input to request, approve, list and disconnect is VALIDATION, and nothing is stored', async () => {
    const t = await setupOrgs()
    const before = await t.stored(t.agency.id, t.firm.id)
    const pending = (
      await t.roster.connections.request(t.firmAdmin, { guestOrgId: t.firm.id, hostOrgId: t.agency.id })
    )._unsafeUnwrap()
    const afterRequest = await t.stored(t.agency.id, t.firm.id)
    const bad = [
      await t.roster.connections.request(t.firmAdmin, { guestOrgId: '', hostOrgId: t.agency.id }),
      await t.roster.connections.approve(t.agencyAdmin, { connectionId: pending.id, intervalMinutes: 1.5 }),
      await t.roster.connections.approve(t.agencyAdmin, {
        connectionId: pending.id,
        onMissing: 'forget' as 'remove',
      }),
      await t.roster.connections.list(t.agencyAdmin, { orgId: ' ' }),
      await t.roster.connections.disconnect(t.agencyAdmin, {
        connectionId: pending.id,
        members: 'keep' as 'remove',
      }),
    ]
    for (const result of bad) expect(result._unsafeUnwrapErr().code).toBe('VALIDATION')
    expect(await t.stored(t.agency.id, t.firm.id)).toEqual(afterRequest)
    expect(afterRequest.audit).toBe(before.audit + 2)
    expect((await t.storage.connections.findById(pending.id))?.status).toBe('pending')
  })

  it('S1: two concurrent approvals: one wins, the other is INVALID_STATE', async () => {
    const t = await setupOrgs()
    const pending = (
      await t.roster.connections.request(t.firmAdmin, { guestOrgId: t.firm.id, hostOrgId: t.agency.id })
    )._unsafeUnwrap()
    const outcomes = await Promise.all([
      t.roster.connections.approve(t.agencyAdmin, { connectionId: pending.id }),
      t.roster.connections.approve(t.agencyFounder, { connectionId: pending.id }),
    ])
    expect(outcomes.filter((o) => o.isOk())).toHaveLength(1)
    expect(outcomes.find((o) => o.isErr())?._unsafeUnwrapErr().code).toBe('INVALID_STATE')
  })
})

describe('connections.disconnect', () => {
  it('S1: disconnecting disables the connection’s guests, which become local members the host manages', async () => {
    const t = await setupDirectory(listSource(people(1, 3)))
    await t.sync()
    const events: string[] = []
    t.roster.events.on('connection.removed', () => events.push('connection.removed'))
    const result = (
      await t.roster.connections.disconnect(t.admin, { connectionId: t.connection.id })
    )._unsafeUnwrap()
    // The three are invited (their accounts wait for activation): disabled all the same.
    expect(result).toEqual({ disabled: 3, removed: 0 })
    const rows = await t.storage.memberships.page({ orgId: t.org.id, type: 'guest', limit: 10 })
    expect(rows.map((row) => [row.membership.status, row.membership.source])).toEqual([
      ['disabled', 'local'],
      ['disabled', 'local'],
      ['disabled', 'local'],
    ])
    expect(await t.storage.connections.findById(t.connection.id)).toBeNull()
    expect((await t.roster.connections.list(t.admin, { orgId: t.org.id }))._unsafeUnwrap()).toEqual([])
    expect(events).toEqual(['connection.removed'])
    // Local now: the host edits what the source used to manage.
    const { id } = await t.accountOf('person1@corp.test')
    expect((await t.memberView(id)).managedFields).toEqual([])
    ;(
      await t.roster.members.update(t.admin, { orgId: t.org.id, accountId: id, title: 'Ex-contractor' })
    )._unsafeUnwrap()
  })

  it('S1: disconnecting an org connection by the guest org disables active guests; members: "remove" removes them', async () => {
    const t = await setupOrgs()
    const connect = async () => {
      const c = (
        await t.roster.connections.request(t.firmAdmin, { guestOrgId: t.firm.id, hostOrgId: t.agency.id })
      )._unsafeUnwrap()
      ;(await t.roster.connections.approve(t.agencyAdmin, { connectionId: c.id }))._unsafeUnwrap()
      ;(await t.roster.connections.sync(t.agencyAdmin, { connectionId: c.id }))._unsafeUnwrap()
      return c
    }
    const first = await connect()
    expect(
      (await t.roster.connections.disconnect(t.firmAdmin, { connectionId: first.id }))._unsafeUnwrap(),
    ).toEqual({
      disabled: 4,
      removed: 0,
    })
    expect(new Set((await t.guestsOfAgency()).map((g) => `${g.status}/${g.source}`))).toEqual(
      new Set(['disabled/local']),
    )
    // Reconnecting finds them as local members now: reported, not taken over.
    const second = (
      await t.roster.connections.request(t.firmAdmin, { guestOrgId: t.firm.id, hostOrgId: t.agency.id })
    )._unsafeUnwrap()
    ;(await t.roster.connections.approve(t.agencyAdmin, { connectionId: second.id }))._unsafeUnwrap()
    const report = (
      await t.roster.connections.sync(t.agencyAdmin, { connectionId: second.id })
    )._unsafeUnwrap()
    expect(report.errors.map((e) => e.code)).toEqual([
      'ALREADY_MEMBER',
      'ALREADY_MEMBER',
      'ALREADY_MEMBER',
      'ALREADY_MEMBER',
    ])
    ;(await t.roster.connections.disconnect(t.agencyAdmin, { connectionId: second.id }))._unsafeUnwrap()
    for (const guest of [t.carol, t.dan]) {
      const removed = await t.roster.members.remove(t.agencyAdmin, {
        orgId: t.agency.id,
        accountId: guest.accountId,
      })
      removed._unsafeUnwrap()
    }
    for (const email of ['admin@firm.test', 'founder.consultants@example.com']) {
      const account = await t.storage.accounts.findByEmail(email)
      ;(
        await t.roster.members.remove(t.agencyAdmin, { orgId: t.agency.id, accountId: account!.id })
      )._unsafeUnwrap()
    }
    const third = await connect()
    expect(
      (
        await t.roster.connections.disconnect(t.agencyAdmin, { connectionId: third.id, members: 'remove' })
      )._unsafeUnwrap(),
    ).toEqual({ disabled: 0, removed: 4 })
    expect(await t.guestsOfAgency()).toEqual([])
    // The people keep their accounts and their firm.
    expect(await t.storage.memberships.find(t.firm.id, t.carol.accountId)).not.toBeNull()
  })

  it('S1: a pending request is withdrawn by the guest org or denied by the host with disconnect', async () => {
    const t = await setupOrgs()
    const pending = (
      await t.roster.connections.request(t.firmAdmin, { guestOrgId: t.firm.id, hostOrgId: t.agency.id })
    )._unsafeUnwrap()
    expect(
      (await t.roster.connections.disconnect(t.carol, { connectionId: pending.id }))._unsafeUnwrapErr().code,
    ).toBe('FORBIDDEN')
    ;(await t.roster.connections.disconnect(t.agencyAdmin, { connectionId: pending.id }))._unsafeUnwrap()
    expect((await t.roster.connections.list(t.firmAdmin, { orgId: t.firm.id }))._unsafeUnwrap()).toEqual([])
    expect(
      (await t.roster.connections.disconnect(t.agencyAdmin, { connectionId: pending.id }))._unsafeUnwrapErr()
        .code,
    ).toBe('NOT_FOUND')
  })

  it('S1: a run in progress stops at its next batch when the connection is disconnected', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const t = await setupDirectory({
      async *list() {
        for (const p of people(1, 20)) {
          if (p.externalId === 'e0006') await gate
          yield p
        }
      },
    })
    const running = t.roster.connections.sync(t.admin, { connectionId: t.connection.id }, { batchSize: 5 })
    for (
      let i = 0;
      i < 100 && (await t.storage.memberships.page({ orgId: t.org.id, type: 'guest', limit: 50 })).length < 5;
      i++
    )
      await new Promise((resolve) => setTimeout(resolve, 5))
    const disconnected = (
      await t.roster.connections.disconnect(t.admin, { connectionId: t.connection.id })
    )._unsafeUnwrap()
    expect(disconnected).toEqual({ disabled: 5, removed: 0 })
    release()
    const report = (await running)._unsafeUnwrap()
    expect(report).toMatchObject({ complete: false, added: 5 })
    const guests = await t.storage.memberships.page({ orgId: t.org.id, type: 'guest', limit: 50 })
    expect(guests.map((row) => [row.membership.status, row.membership.source])).toEqual(
      Array.from({ length: 5 }, () => ['disabled', 'local']),
    )
  })
})
