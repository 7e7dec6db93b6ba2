import { describe, expect, it } from 'vitest'
import { createRoster } from '../../create-roster.js'
import { memoryStorage } from '@roster/adapter-memory'
import { createMemoryMailer } from '../../testing/memory-mailer.js'
import { listSource, setupDirectory, setupOrgs } from './test-fixtures.js'

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

  it('X3, X7: only the host approves; only the guest org’s admins request (an org one is not in answers ORG_NOT_FOUND); a request to itself is VALIDATION', async () => {
    const t = await setupOrgs()
    const { roster, agency, firm, agencyAdmin, firmAdmin, carol } = t
    expect(
      (
        await roster.connections.request(agencyAdmin, { guestOrgId: firm.id, hostOrgId: agency.id })
      )._unsafeUnwrapErr().code,
    ).toBe('ORG_NOT_FOUND')
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
    expect((await t.storage.connections.findById(pending.orgId, pending.id))?.status).toBe('pending')
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
