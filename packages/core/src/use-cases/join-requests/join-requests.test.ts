import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

async function setup() {
  const t = createTestRoster()
  const { org, founder } = await t.orgWithFounder('Acme')
  const admin = await t.member(org.id, 'admin@acme.test', [{ roleId: 'admin', scope: 'org' }])
  const jo = await t.activeAccount('jo@else.test', { firstName: 'Jo', lastName: 'Joiner', language: 'fr' })
  t.mailer.clear()
  return { ...t, org, founder, admin, jo }
}

describe('join requests', () => {
  it('J1: an active non-member asks to join with a message; deciders are mailed join-request-received', async () => {
    const { roster, org, jo, mailer, founder, member, storage } = await setup()
    const decider = (
      await roster.roles.define(founder, {
        orgId: org.id,
        name: 'Gatekeeper',
        permissions: ['join-requests:decide'],
      })
    )._unsafeUnwrap()
    await member(org.id, 'gate@acme.test', [{ roleId: decider.id, scope: 'org' }])
    await member(org.id, 'plain@acme.test')
    mailer.clear()
    const request = (
      await roster.joinRequests.create(jo, { orgId: org.id, message: ' I run Tower A. ' })
    )._unsafeUnwrap()
    expect(request).toMatchObject({
      orgId: org.id,
      accountId: jo.accountId,
      status: 'pending',
      message: 'I run Tower A.',
      requester: { firstName: 'Jo', lastName: 'Joiner', email: 'jo@else.test' },
      decidedAt: null,
    })
    const received = mailer.sent.filter((m) => m.template === 'join-request-received')
    expect(received.map((m) => m.to).sort()).toEqual([
      'admin@acme.test',
      'founder.acme@example.com',
      'gate@acme.test',
    ])
    expect(received[0]!.data).toMatchObject({
      orgName: 'Acme',
      requesterName: 'Jo Joiner',
      message: 'I run Tower A.',
    })
    expect(String(received[0]!.data.url)).toContain(`requestId=${request.id}`)
    const events = await storage.audit.list({ orgId: org.id, action: 'join-request.created', limit: 5 })
    expect(events).toHaveLength(1)
  })

  it('J1: one pending request per (account, org), also under concurrent calls', async () => {
    const { roster, org, jo, storage } = await setup()
    const results = await Promise.all(
      Array.from({ length: 5 }, () => roster.joinRequests.create(jo, { orgId: org.id })),
    )
    expect(results.filter((r) => r.isOk())).toHaveLength(1)
    for (const failed of results.filter((r) => r.isErr()))
      expect(failed._unsafeUnwrapErr()).toMatchObject({
        code: 'INVALID_STATE',
        details: { requestId: expect.any(String) },
      })
    expect(await storage.joinRequests.list({ orgId: org.id, status: 'pending', limit: 10 })).toHaveLength(1)
    // Once cancelled, a new request may be made.
    const pending = results.find((r) => r.isOk())!._unsafeUnwrap()
    ;(await roster.joinRequests.cancel(jo, { requestId: pending.id }))._unsafeUnwrap()
    expect((await roster.joinRequests.create(jo, { orgId: org.id })).isOk()).toBe(true)
  })

  it('J1: refused for members (ALREADY_MEMBER), inactive accounts (INVALID_STATE), closed orgs (JOIN_REQUESTS_CLOSED)', async () => {
    const { roster, org, founder, admin, jo, pendingAccount, mailer } = await setup()
    expect((await roster.joinRequests.create(admin, { orgId: org.id }))._unsafeUnwrapErr().code).toBe(
      'ALREADY_MEMBER',
    )
    const pendingId = await pendingAccount('pending@else.test')
    expect(
      (await roster.joinRequests.create({ accountId: pendingId }, { orgId: org.id }))._unsafeUnwrapErr().code,
    ).toBe('INVALID_STATE')
    ;(await roster.orgs.update(founder, { orgId: org.id, settings: { joinRequests: false } }))._unsafeUnwrap()
    mailer.clear()
    const closed = await roster.joinRequests.create(jo, { orgId: org.id })
    expect(closed._unsafeUnwrapErr().code).toBe('JOIN_REQUESTS_CLOSED')
    expect(mailer.sent).toHaveLength(0)
    expect((await roster.joinRequests.create(jo, { orgId: 'nope' }))._unsafeUnwrapErr().code).toBe(
      'ORG_NOT_FOUND',
    )
  })

  it('J2: deciders list pending requests and approve as employee or guest with roles; the requester is mailed', async () => {
    const { roster, org, admin, founder, jo, mailer, activeAccount } = await setup()
    const tower = (
      await roster.resources.create(founder, { orgId: org.id, type: 'building', name: 'Tower A' })
    )._unsafeUnwrap()
    const kim = await activeAccount('kim@else.test')
    const joRequest = (await roster.joinRequests.create(jo, { orgId: org.id }))._unsafeUnwrap()
    const kimRequest = (await roster.joinRequests.create(kim, { orgId: org.id }))._unsafeUnwrap()
    const inbox = (
      await roster.joinRequests.list(admin, { orgId: org.id, status: 'pending' })
    )._unsafeUnwrap()
    expect(inbox.items.map((r) => r.id)).toEqual([joRequest.id, kimRequest.id])
    mailer.clear()
    const approved = (
      await roster.joinRequests.approve(admin, {
        requestId: joRequest.id,
        type: 'guest',
        grants: [
          { roleId: 'member', scope: 'org' },
          { roleId: 'member', scope: { resourceId: tower.id } },
        ],
      })
    )._unsafeUnwrap()
    expect(approved).toMatchObject({
      status: 'approved',
      decidedBy: admin.accountId,
      decidedAt: '2030-01-01T00:00:00.000Z',
    })
    const joView = (
      await roster.members.get(admin, { orgId: org.id, accountId: jo.accountId })
    )._unsafeUnwrap()
    expect(joView).toMatchObject({ type: 'guest', membershipStatus: 'active' })
    expect(joView.grants.map((g) => g.scopeName).sort()).toEqual(['Organization', 'Tower A'])
    const decided = mailer.last('jo@else.test')!
    expect(decided).toMatchObject({ template: 'join-request-decided', language: 'fr' })
    expect(decided.data).toMatchObject({ decision: 'approved', orgName: 'Acme' })
    expect(mailer.sent.filter((m) => m.template === 'invitation')).toHaveLength(0)
    // Jo can act in the org at once.
    expect((await roster.roles.can(jo, { orgId: org.id, permission: 'members:read' }))._unsafeUnwrap()).toBe(
      true,
    )

    const denied = (
      await roster.joinRequests.deny(admin, { requestId: kimRequest.id, reason: 'Ask your site manager.' })
    )._unsafeUnwrap()
    expect(denied).toMatchObject({ status: 'denied', reason: 'Ask your site manager.' })
    expect(mailer.last('kim@else.test')!.data).toMatchObject({
      decision: 'denied',
      reason: 'Ask your site manager.',
    })
    expect(
      (await roster.members.get(admin, { orgId: org.id, accountId: kim.accountId }))._unsafeUnwrapErr().code,
    ).toBe('NOT_FOUND')
    const afterwards = (await roster.joinRequests.list(admin, { orgId: org.id }))._unsafeUnwrap()
    expect(afterwards.items.map((r) => r.status)).toEqual(['approved', 'denied'])
  })

  it('J2: a decided request cannot be decided again (REQUEST_ALREADY_DECIDED), also concurrently', async () => {
    const { roster, org, admin, founder, jo, storage } = await setup()
    const request = (await roster.joinRequests.create(jo, { orgId: org.id }))._unsafeUnwrap()
    const results = await Promise.all([
      roster.joinRequests.approve(admin, { requestId: request.id }),
      roster.joinRequests.deny(founder, { requestId: request.id }),
      roster.joinRequests.approve(founder, { requestId: request.id, type: 'guest' }),
      roster.joinRequests.cancel(jo, { requestId: request.id }),
    ])
    expect(results.filter((r) => r.isOk())).toHaveLength(1)
    for (const failed of results.filter((r) => r.isErr()))
      expect(failed._unsafeUnwrapErr().code).toBe('REQUEST_ALREADY_DECIDED')
    const [winner] = results.filter((r) => r.isOk()).map((r) => r._unsafeUnwrap())
    const member = await storage.memberships.find(org.id, jo.accountId)
    expect(member === null).toBe(winner!.status !== 'approved')
    const again = await roster.joinRequests.deny(admin, { requestId: request.id })
    expect(again._unsafeUnwrapErr()).toMatchObject({
      code: 'REQUEST_ALREADY_DECIDED',
      details: { status: winner!.status },
    })
  })

  it('J2: the requester may cancel while pending; nobody else may; the approval checks grants (R3)', async () => {
    const { roster, org, admin, founder, jo, member, storage } = await setup()
    const request = (await roster.joinRequests.create(jo, { orgId: org.id }))._unsafeUnwrap()
    expect((await roster.joinRequests.cancel(admin, { requestId: request.id }))._unsafeUnwrapErr().code).toBe(
      'FORBIDDEN',
    )
    const opener = (
      await roster.roles.define(founder, { orgId: org.id, name: 'Opener', permissions: ['buildings:open'] })
    )._unsafeUnwrap()
    const escalate = await roster.joinRequests.approve(admin, {
      requestId: request.id,
      grants: [{ roleId: opener.id, scope: 'org' }],
    })
    expect(escalate._unsafeUnwrapErr().code).toBe('ESCALATION')
    expect((await storage.joinRequests.findById(request.orgId, request.id))!.status).toBe('pending')
    expect(await storage.memberships.find(org.id, jo.accountId)).toBeNull()
    const plain = await member(org.id, 'plain@acme.test')
    expect(
      (await roster.joinRequests.approve(plain, { requestId: request.id }))._unsafeUnwrapErr().code,
    ).toBe('FORBIDDEN')
    expect((await roster.joinRequests.list(plain, { orgId: org.id }))._unsafeUnwrapErr().code).toBe(
      'FORBIDDEN',
    )
    const cancelled = (await roster.joinRequests.cancel(jo, { requestId: request.id }))._unsafeUnwrap()
    expect(cancelled).toMatchObject({ status: 'cancelled', decidedBy: jo.accountId })
    expect((await roster.joinRequests.cancel(jo, { requestId: 'nope' }))._unsafeUnwrapErr()).toMatchObject({
      code: 'NOT_FOUND',
      details: { entity: 'join-request' },
    })
  })

  it('X3, X7: deciders of another org cannot see or decide this org’s requests, which answer like unknown ones', async () => {
    const { roster, org, jo, orgWithFounder } = await setup()
    const { founder: otherFounder, org: other } = await orgWithFounder('Other')
    const request = (await roster.joinRequests.create(jo, { orgId: org.id }))._unsafeUnwrap()
    expect(
      (await roster.joinRequests.approve(otherFounder, { requestId: request.id }))._unsafeUnwrapErr(),
    ).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'join-request' } })
    expect((await roster.joinRequests.list(otherFounder, { orgId: org.id }))._unsafeUnwrapErr().code).toBe(
      'ORG_NOT_FOUND',
    )
    expect((await roster.joinRequests.list(otherFounder, { orgId: other.id }))._unsafeUnwrap().items).toEqual(
      [],
    )
  })

  it('the optional orgId: the request is found with it, and a wrong org answers NOT_FOUND, deciding nothing', async () => {
    const { roster, org, jo, admin, storage, orgWithFounder } = await setup()
    const request = (await roster.joinRequests.create(jo, { orgId: org.id }))._unsafeUnwrap()
    const { org: other } = await orgWithFounder('Other')
    const wrong = await roster.joinRequests.deny(admin, { orgId: other.id, requestId: request.id })
    expect(wrong._unsafeUnwrapErr().code).toBe('NOT_FOUND')
    expect((await storage.joinRequests.findById(org.id, request.id))!.status).toBe('pending')
    const denied = await roster.joinRequests.deny(admin, { orgId: org.id, requestId: request.id })
    expect(denied._unsafeUnwrap().status).toBe('denied')
  })

  it('join requests: bad input is VALIDATION naming each field, and nothing is stored or mailed', async () => {
    const { roster, org, jo, admin, mailer, storage, stored } = await setup()
    const before = await stored(org.id)
    const result = await roster.joinRequests.create(jo, { orgId: ' ', message: 'x'.repeat(1001) })
    const error = result._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    expect((error.details?.issues as { path: string }[]).map((i) => i.path)).toEqual(
      expect.arrayContaining(['orgId', 'message']),
    )
    const request = (await roster.joinRequests.create(jo, { orgId: org.id }))._unsafeUnwrap()
    mailer.clear()
    const badType = await roster.joinRequests.approve(admin, {
      requestId: request.id,
      type: 'contractor' as 'guest',
    })
    expect(badType._unsafeUnwrapErr()).toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'type' }] },
    })
    expect(mailer.sent).toHaveLength(0)
    expect((await storage.joinRequests.findById(request.orgId, request.id))!.status).toBe('pending')
    expect((await stored(org.id)).audit).toBe(before.audit + 1)
  })
})
