import { describe, expect, it } from 'vitest'
import { systemActor } from '../../domain/actor.js'
import { createTestRoster } from '@roster/test-support'

describe('mail.reportBounce', () => {
  it('A11: blocks the address: adding a member with it is EMAIL_BLOCKED, nothing stored, nothing mailed', async () => {
    const { roster, mailer, storage, orgWithFounder } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const entry = (
      await roster.mail.reportBounce({ email: ' Ada@Example.com ', kind: 'bounce' })
    )._unsafeUnwrap()
    expect(entry).toEqual({ email: 'ada@example.com', kind: 'bounce', createdAt: '2030-01-01T00:00:00.000Z' })
    mailer.clear()
    const outboxBefore = await storage.outbox.list({ limit: 1000 })
    const auditBefore = await storage.audit.list({ orgId: org.id, limit: 1000 })

    const result = await roster.members.add(founder, {
      orgId: org.id,
      email: 'ADA@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
    })
    expect(result._unsafeUnwrapErr().code).toBe('EMAIL_BLOCKED')
    expect(await storage.accounts.findByEmail('ada@example.com')).toBeNull()
    expect(await storage.memberships.countInOrg(org.id)).toBe(1)
    expect(mailer.sent).toHaveLength(0)
    expect(await storage.outbox.list({ limit: 1000 })).toEqual(outboxBefore)
    expect(await storage.audit.list({ orgId: org.id, limit: 1000 })).toEqual(auditBefore)
  })

  it('A11: a blocked address cannot sign up either', async () => {
    const { roster, storage } = createTestRoster()
    await roster.mail.reportBounce({ email: 'ada@example.com', kind: 'complaint' })
    const result = await roster.accounts.signUp({ email: 'ada@example.com', firstName: 'Ada', lastName: 'L' })
    expect(result._unsafeUnwrapErr().code).toBe('EMAIL_BLOCKED')
    expect(await storage.accounts.findByEmail('ada@example.com')).toBeNull()
  })

  it('A11: is audited as the system and announced with mail.blocked', async () => {
    const { roster, storage } = createTestRoster()
    const events: unknown[] = []
    roster.events.on('mail.blocked', (event) => events.push(event))
    await roster.mail.reportBounce({ email: 'ada@example.com', kind: 'complaint' })
    expect(events).toEqual([{ email: 'ada@example.com', kind: 'complaint' }])
    const [audit] = await storage.audit.list({ orgId: null, action: 'mail.blocked', limit: 10 })
    expect(audit).toMatchObject({
      actor: { kind: 'system', reason: 'mail.reportBounce' },
      targetType: 'email',
      targetId: 'ada@example.com',
      changes: { kind: { after: 'complaint' } },
    })
  })

  it('refuses a bad email or kind with VALIDATION naming the field', async () => {
    const { roster, storage } = createTestRoster()
    const result = await roster.mail.reportBounce({ email: 'nope', kind: 'spam' as never })
    const error = result._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    expect((error.details?.issues as { path: string }[]).map((issue) => issue.path).sort()).toEqual([
      'email',
      'kind',
    ])
    expect(await storage.blocklist.list({ limit: 10 })).toEqual([])
  })
})

describe('mail.blocklist', () => {
  async function setup() {
    const test = createTestRoster()
    const { org, founder } = await test.orgWithFounder()
    const other = await test.orgWithFounder('Other')
    await test.member(org.id, 'ada@example.com')
    await test.member(org.id, 'bob@example.com')
    await test.member(other.org.id, 'cyd@example.com')
    for (const email of ['ada@example.com', 'bob@example.com', 'cyd@example.com', 'nobody@example.com']) {
      await test.roster.mail.reportBounce({ email, kind: 'bounce' })
    }
    return { ...test, org, founder, other }
  }

  it('A11: the system actor pages through every entry by address', async () => {
    const { roster } = await setup()
    const system = systemActor('ops')
    const first = (await roster.mail.blocklist(system, { limit: 3 }))._unsafeUnwrap()
    expect(first.items.map((e) => e.email)).toEqual(['ada@example.com', 'bob@example.com', 'cyd@example.com'])
    expect(first.nextCursor).not.toBeNull()
    const second = (
      await roster.mail.blocklist(system, { limit: 3, cursor: first.nextCursor! })
    )._unsafeUnwrap()
    expect(second).toEqual({
      items: [{ email: 'nobody@example.com', kind: 'bounce', createdAt: '2030-01-01T00:00:00.000Z' }],
      nextCursor: null,
    })
  })

  it('A11, X3: an org admin sees only the entries of their own members', async () => {
    const { roster, org, founder } = await setup()
    const page = (await roster.mail.blocklist(founder, { orgId: org.id }))._unsafeUnwrap()
    expect(page.items.map((e) => e.email)).toEqual(['ada@example.com', 'bob@example.com'])
    expect(page.nextCursor).toBeNull()
    // A short page still pages correctly.
    const one = (await roster.mail.blocklist(founder, { orgId: org.id, limit: 1 }))._unsafeUnwrap()
    expect(one.items.map((e) => e.email)).toEqual(['ada@example.com'])
    const rest = (
      await roster.mail.blocklist(founder, { orgId: org.id, limit: 1, cursor: one.nextCursor! })
    )._unsafeUnwrap()
    expect(rest.items.map((e) => e.email)).toEqual(['bob@example.com'])
  })

  it('A11: a person without orgId, a plain member, or an outsider is refused', async () => {
    const { roster, org, other, member } = await setup()
    const plain = await member(org.id, 'plain@example.com')
    expect((await roster.mail.blocklist(plain, {}))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    expect((await roster.mail.blocklist(plain, { orgId: org.id }))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    // X7: an org the outsider is not in answers like one that does not exist.
    expect((await roster.mail.blocklist(other.founder, { orgId: org.id }))._unsafeUnwrapErr().code).toBe(
      'ORG_NOT_FOUND',
    )
  })

  it('refuses a cursor it did not issue', async () => {
    const { roster } = await setup()
    const result = await roster.mail.blocklist(systemActor('ops'), { cursor: '***' })
    expect(result._unsafeUnwrapErr().code).toBe('VALIDATION')
  })
})

describe('mail.unblock', () => {
  it('A11: an org admin unblocks a member’s address', async () => {
    const { roster, storage, orgWithFounder } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    ;(
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'L',
      })
    )._unsafeUnwrap()
    await roster.mail.reportBounce({ email: 'ada@example.com', kind: 'bounce' })
    const events: unknown[] = []
    roster.events.on('mail.unblocked', (event) => events.push(event))

    expect((await roster.mail.unblock(founder, { email: 'Ada@Example.com' }))._unsafeUnwrap()).toEqual({
      email: 'ada@example.com',
    })
    expect(await storage.blocklist.isBlocked('ada@example.com')).toBe(false)
    expect(events).toEqual([{ email: 'ada@example.com', actor: { kind: 'account', id: founder.accountId } }])
    const [audit] = await storage.audit.list({ orgId: org.id, action: 'mail.unblocked', limit: 10 })
    expect(audit).toMatchObject({
      targetId: 'ada@example.com',
      actor: { kind: 'account', id: founder.accountId },
    })
  })

  it('A11: the system actor unblocks any address; then it can be added', async () => {
    const { roster, orgWithFounder, system } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    await roster.mail.reportBounce({ email: 'ada@example.com', kind: 'bounce' })
    ;(await roster.mail.unblock(system, { email: 'ada@example.com' }))._unsafeUnwrap()
    const added = await roster.members.add(founder, {
      orgId: org.id,
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'L',
    })
    expect(added.isOk()).toBe(true)
  })

  it('A11: an admin of another org, or of no org the address belongs to, is FORBIDDEN', async () => {
    const { roster, storage, orgWithFounder, member } = createTestRoster()
    const { org } = await orgWithFounder()
    const other = await orgWithFounder('Other')
    await member(org.id, 'ada@example.com')
    await roster.mail.reportBounce({ email: 'ada@example.com', kind: 'bounce' })
    await roster.mail.reportBounce({ email: 'stranger@example.com', kind: 'bounce' })
    expect(
      (await roster.mail.unblock(other.founder, { email: 'ada@example.com' }))._unsafeUnwrapErr().code,
    ).toBe('FORBIDDEN')
    expect(
      (await roster.mail.unblock(other.founder, { email: 'stranger@example.com' }))._unsafeUnwrapErr().code,
    ).toBe('FORBIDDEN')
    expect(await storage.blocklist.isBlocked('ada@example.com')).toBe(true)
    expect(await storage.blocklist.isBlocked('stranger@example.com')).toBe(true)
  })

  it('A11: a plain member cannot unblock a colleague', async () => {
    const { roster, orgWithFounder, member } = createTestRoster()
    const { org } = await orgWithFounder()
    await member(org.id, 'ada@example.com')
    const plain = await member(org.id, 'plain@example.com')
    await roster.mail.reportBounce({ email: 'ada@example.com', kind: 'bounce' })
    expect((await roster.mail.unblock(plain, { email: 'ada@example.com' }))._unsafeUnwrapErr().code).toBe(
      'FORBIDDEN',
    )
  })

  it('A11: an address not on the list is NOT_FOUND', async () => {
    const { roster, system } = createTestRoster()
    const result = await roster.mail.unblock(system, { email: 'ada@example.com' })
    expect(result._unsafeUnwrapErr()).toMatchObject({
      code: 'NOT_FOUND',
      details: { entity: 'blocklist-entry' },
    })
  })
})

describe('changing to a blocked email (A11)', () => {
  it('A11: accounts.changeEmail and members.update refuse a blocked address, storing and mailing nothing', async () => {
    const { roster, mailer, storage, orgWithFounder, member } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const ada = await member(org.id, 'ada@example.com')
    await roster.mail.reportBounce({ email: 'blocked@example.com', kind: 'complaint' })
    mailer.clear()
    const outboxBefore = await storage.outbox.list({ limit: 1000 })

    const changed = await roster.accounts.changeEmail(ada, {
      accountId: ada.accountId,
      email: 'Blocked@example.com',
    })
    expect(changed._unsafeUnwrapErr().code).toBe('EMAIL_BLOCKED')
    const updated = await roster.members.update(founder, {
      orgId: org.id,
      accountId: ada.accountId,
      email: 'blocked@example.com',
    })
    expect(updated._unsafeUnwrapErr().code).toBe('EMAIL_BLOCKED')

    expect((await storage.accounts.findById(ada.accountId))?.email).toBe('ada@example.com')
    expect(mailer.sent).toHaveLength(0)
    expect(await storage.outbox.list({ limit: 1000 })).toEqual(outboxBefore)
  })
})
