import { describe, expect, it } from 'vitest'
import { systemActor } from '../../domain/actor.js'
import { createTestRoster } from '@roster/test-support'

/** A roster whose mailer is down for good, so every mail of an added person goes dead on the first try. */
async function withDeadLetters() {
  const test = createTestRoster({ outbox: { maxAttempts: 1 } })
  const { org, founder } = await test.orgWithFounder()
  const other = await test.orgWithFounder('Other')
  test.mailer.failNext(3)
  for (const name of ['ada', 'bob']) {
    ;(
      await test.roster.members.add(founder, {
        orgId: org.id,
        email: `${name}@example.com`,
        firstName: name,
        lastName: 'Person',
      })
    )._unsafeUnwrap()
  }
  ;(
    await test.roster.members.add(other.founder, {
      orgId: other.org.id,
      email: 'cyd@example.com',
      firstName: 'Cyd',
      lastName: 'Person',
    })
  )._unsafeUnwrap()
  return { ...test, org, founder, other }
}

describe('outbox.list', () => {
  it('E3: admins see their org’s dead letters, without the body', async () => {
    const { roster, org, founder } = await withDeadLetters()
    const page = (await roster.outbox.list(founder, { orgId: org.id, status: 'dead' }))._unsafeUnwrap()
    expect(page.nextCursor).toBeNull()
    expect(page.items.map((m) => m.to)).toEqual(['ada@example.com', 'bob@example.com'])
    expect(page.items[0]).toMatchObject({
      orgId: org.id,
      template: 'activation',
      language: 'en',
      status: 'dead',
      attempts: 1,
      lastError: 'memory mailer: simulated delivery failure',
      sentAt: null,
      createdAt: '2030-01-01T00:00:00.000Z',
    })
    // The body may hold a sign-in link or a temporary password: never in this view.
    expect(Object.keys(page.items[0]!).sort()).toEqual(
      [
        'attempts',
        'createdAt',
        'id',
        'language',
        'lastError',
        'nextAttemptAt',
        'orgId',
        'sentAt',
        'status',
        'subject',
        'template',
        'to',
      ].sort(),
    )
    expect(JSON.stringify(page)).not.toContain('token=')
  })

  it('X3: never shows another org’s mail', async () => {
    const { roster, org, founder, other } = await withDeadLetters()
    const mine = (await roster.outbox.list(founder, { orgId: org.id }))._unsafeUnwrap()
    expect(mine.items.every((m) => m.orgId === org.id)).toBe(true)
    // X7: an org the actor is not in answers like one that does not exist.
    expect((await roster.outbox.list(founder, { orgId: other.org.id }))._unsafeUnwrapErr().code).toBe(
      'ORG_NOT_FOUND',
    )
  })

  it('O5: needs audit:read; plain members are refused', async () => {
    const { roster, org, member } = await withDeadLetters()
    const plain = await member(org.id, 'plain@example.com')
    const result = await roster.outbox.list(plain, { orgId: org.id })
    expect(result._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'audit:read' },
    })
  })

  it('lists mail of no org for the system actor only', async () => {
    const { roster, founder } = await withDeadLetters()
    const system = systemActor('ops')
    const platform = (await roster.outbox.list(system, { orgId: null }))._unsafeUnwrap()
    // The founders' sign-up activation mails.
    expect(platform.items.map((m) => m.template)).toEqual(['activation', 'activation'])
    expect(platform.items.every((m) => m.orgId === null)).toBe(true)
    expect((await roster.outbox.list(founder, { orgId: null }))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
  })

  it('pages with a keyset cursor, oldest first, without overlap', async () => {
    const { roster, org, founder } = await withDeadLetters()
    const first = (await roster.outbox.list(founder, { orgId: org.id, limit: 1 }))._unsafeUnwrap()
    expect(first.items).toHaveLength(1)
    expect(first.nextCursor).not.toBeNull()
    const second = (
      await roster.outbox.list(founder, { orgId: org.id, limit: 1, cursor: first.nextCursor! })
    )._unsafeUnwrap()
    expect(second.items[0]!.id > first.items[0]!.id).toBe(true)
    expect(second.nextCursor).toBeNull()
    expect(
      (await roster.outbox.list(founder, { orgId: org.id, cursor: 'nope!' }))._unsafeUnwrapErr().code,
    ).toBe('VALIDATION')
  })
})

describe('outbox.requeue', () => {
  it('E3: puts a dead letter back in the queue; the next dispatch delivers it once', async () => {
    const { roster, mailer, org, founder, storage } = await withDeadLetters()
    const [dead] = (await roster.outbox.list(founder, { orgId: org.id, status: 'dead' }))._unsafeUnwrap()
      .items
    const requeued: unknown[] = []
    roster.events.on('mail.requeued', (event) => requeued.push(event))
    const view = (
      await roster.outbox.requeue(founder, { orgId: org.id, messageId: dead!.id })
    )._unsafeUnwrap()
    expect(view).toMatchObject({ status: 'pending', attempts: 0 })
    expect(requeued).toEqual([
      { messageId: dead!.id, orgId: org.id, actor: { kind: 'account', id: founder.accountId } },
    ])
    expect((await roster.outbox.dispatch())._unsafeUnwrap()).toEqual({ sent: 1, failed: 0, retrying: 0 })
    expect(mailer.last('ada@example.com')?.id).toBe(dead!.id)
    const [audit] = await storage.audit.list({ orgId: org.id, action: 'mail.requeued', limit: 10 })
    expect(audit).toMatchObject({
      targetId: dead!.id,
      changes: { status: { before: 'dead', after: 'pending' } },
    })
    // Sent now: requeuing again is refused.
    expect(
      (await roster.outbox.requeue(founder, { orgId: org.id, messageId: dead!.id }))._unsafeUnwrapErr().code,
    ).toBe('INVALID_STATE')
  })

  it('X3: another org’s message is NOT_FOUND; a plain member is FORBIDDEN', async () => {
    const { roster, org, founder, other, member } = await withDeadLetters()
    const [theirs] = (
      await roster.outbox.list(other.founder, { orgId: other.org.id, status: 'dead' })
    )._unsafeUnwrap().items
    expect(
      (await roster.outbox.requeue(founder, { orgId: org.id, messageId: theirs!.id }))._unsafeUnwrapErr()
        .code,
    ).toBe('NOT_FOUND')
    const plain = await member(org.id, 'plain@example.com')
    expect(
      (await roster.outbox.requeue(plain, { orgId: org.id, messageId: theirs!.id }))._unsafeUnwrapErr().code,
    ).toBe('FORBIDDEN')
  })

  it('A11: a message to a still-blocked address stays blocked (EMAIL_BLOCKED)', async () => {
    const { roster, org, founder } = await withDeadLetters()
    const [dead] = (await roster.outbox.list(founder, { orgId: org.id, status: 'dead' }))._unsafeUnwrap()
      .items
    await roster.mail.reportBounce({ email: dead!.to, kind: 'bounce' })
    expect(
      (await roster.outbox.requeue(founder, { orgId: org.id, messageId: dead!.id }))._unsafeUnwrapErr().code,
    ).toBe('EMAIL_BLOCKED')
  })
})
