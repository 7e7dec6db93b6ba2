import { describe, expect, it } from 'vitest'
import { systemActor } from '../../domain/actor.js'
import { createTestRoster } from '@roster/test-support'

/** An org with a few audited changes spread over time. */
async function withHistory() {
  const test = createTestRoster()
  const { roster, clock, orgWithFounder } = test
  const { org, founder } = await orgWithFounder() // t0: org.created
  clock.advance('1h')
  const ada = (
    await roster.members.add(founder, {
      orgId: org.id,
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'L',
    })
  )._unsafeUnwrap() // t0+1h
  clock.advance('1h')
  const bob = (
    await roster.members.add(systemActor('import'), {
      orgId: org.id,
      email: 'bob@example.com',
      firstName: 'Bob',
      lastName: 'B',
    })
  )._unsafeUnwrap() // t0+2h, by the system
  clock.advance('1h')
  ;(await roster.orgs.update(founder, { orgId: org.id, name: 'Acme Property' }))._unsafeUnwrap() // t0+3h
  return { ...test, org, founder, ada, bob }
}

describe('audit.list', () => {
  it('E1: lists the org’s events newest first, with actor, action, target, changes and ISO dates', async () => {
    const { roster, org, founder, ada } = await withHistory()
    const page = (await roster.audit.list(founder, { orgId: org.id }))._unsafeUnwrap()
    expect(page.nextCursor).toBeNull()
    expect(page.items.map((e) => e.action)).toEqual([
      'org.updated',
      'member.added',
      'member.added',
      'org.created',
    ])
    expect(page.items[0]).toEqual({
      id: expect.any(String),
      orgId: org.id,
      actor: { kind: 'account', id: founder.accountId },
      action: 'org.updated',
      targetType: 'org',
      targetId: org.id,
      changes: { name: { before: 'Acme', after: 'Acme Property' } },
      at: '2030-01-01T03:00:00.000Z',
    })
    expect(page.items[1]).toMatchObject({ actor: { kind: 'system', reason: 'import' } })
    expect(page.items[2]).toMatchObject({
      targetType: 'account',
      targetId: ada.accountId,
      changes: { type: { after: 'employee' }, status: { after: 'invited' } },
      at: '2030-01-01T01:00:00.000Z',
    })
    // Views survive JSON.
    expect(JSON.parse(JSON.stringify(page))).toEqual(page)
  })

  it('E1: filters by action, actor, target and time', async () => {
    const { roster, org, founder, ada, bob } = await withHistory()
    const list = async (filters: Record<string, unknown>) =>
      (await roster.audit.list(founder, { orgId: org.id, ...filters }))
        ._unsafeUnwrap()
        .items.map((e) => e.action)

    expect(await list({ action: 'member.added' })).toEqual(['member.added', 'member.added'])
    expect(await list({ actorId: founder.accountId })).toEqual(['org.updated', 'member.added', 'org.created'])
    expect(await list({ targetId: bob.accountId })).toEqual(['member.added'])
    expect(await list({ targetId: ada.accountId, action: 'org.updated' })).toEqual([])
    expect(await list({ since: '2030-01-01T01:00:00.000Z', until: '2030-01-01T03:00:00.000Z' })).toEqual([
      'member.added',
      'member.added',
    ])
    expect(await list({ since: new Date('2030-01-01T02:30:00Z') })).toEqual(['org.updated'])
  })

  it('E1: pages with a keyset cursor, without overlap or gap', async () => {
    const { roster, org, founder } = await withHistory()
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = (await roster.audit.list(founder, { orgId: org.id, limit: 3, cursor }))._unsafeUnwrap()
      seen.push(...page.items.map((e) => e.id))
      cursor = page.nextCursor ?? undefined
      pages++
    } while (cursor)
    expect(pages).toBe(2)
    const all = (await roster.audit.list(founder, { orgId: org.id }))._unsafeUnwrap().items.map((e) => e.id)
    expect(seen).toEqual(all)
  })

  it('O5: needs audit:read; plain members are FORBIDDEN', async () => {
    const { roster, org, member } = await withHistory()
    const plain = await member(org.id, 'plain@example.com')
    expect((await roster.audit.list(plain, { orgId: org.id }))._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'audit:read' },
    })
  })

  it('X3, X7: an admin of another org cannot read this one’s log (ORG_NOT_FOUND, as for no org)', async () => {
    const { roster, org, orgWithFounder } = await withHistory()
    const other = await orgWithFounder('Other')
    expect((await roster.audit.list(other.founder, { orgId: org.id }))._unsafeUnwrapErr().code).toBe(
      'ORG_NOT_FOUND',
    )
    const theirs = (await roster.audit.list(other.founder, { orgId: other.org.id }))._unsafeUnwrap()
    expect(theirs.items.every((e) => e.orgId === other.org.id)).toBe(true)
  })

  it('E1: account-level events of no org are for the system actor only', async () => {
    const { roster, founder } = await withHistory()
    const page = (await roster.audit.list(systemActor('ops'), { orgId: null }))._unsafeUnwrap()
    expect(page.items.map((e) => e.action)).toEqual(['account.activated', 'account.signed-up'])
    expect((await roster.audit.list(founder, { orgId: null }))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
  })

  it('refuses bad filters with VALIDATION naming each field', async () => {
    const { roster, org, founder } = await withHistory()
    const result = await roster.audit.list(founder, {
      orgId: org.id,
      since: 'yesterday',
      limit: 500,
      cursor: '!!',
    })
    const error = result._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    expect((error.details?.issues as { path: string }[]).map((i) => i.path).sort()).toEqual([
      'cursor',
      'limit',
      'since',
    ])
    const reversed = await roster.audit.list(founder, {
      orgId: org.id,
      since: '2030-01-02T00:00:00Z',
      until: '2030-01-01T00:00:00Z',
    })
    expect(reversed._unsafeUnwrapErr().details?.issues).toEqual([
      { path: 'until', message: 'Must be after since' },
    ])
  })
})
