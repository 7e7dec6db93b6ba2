import { describe, expect, it } from 'vitest'
import type { RosterEvents } from '../../events.js'
import { createTestRoster } from '@roster/test-support'

describe('roster.events', () => {
  it('E2: member.added fires after commit, with the org, the account and the actor', async () => {
    const { roster, storage, orgWithFounder } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const seen: Array<{ payload: RosterEvents['member.added']; stored: boolean }> = []
    roster.events.on('member.added', async (payload) => {
      // The change is visible to anyone reading storage when the event arrives.
      const stored = (await storage.memberships.find(payload.orgId, payload.accountId)) !== null
      seen.push({ payload, stored })
    })
    const view = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'L',
      })
    )._unsafeUnwrap()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(seen).toEqual([
      {
        payload: {
          orgId: org.id,
          accountId: view.accountId,
          actor: { kind: 'account', id: founder.accountId },
        },
        stored: true,
      },
    ])
  })

  it('E2: a use-case’s events go out after its mail was handed to the mailer', async () => {
    const { roster, mailer, orgWithFounder } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    let mailedFirst = false
    roster.events.on('member.added', () => {
      mailedFirst = mailer.last('ada@example.com') !== undefined
    })
    await roster.members.add(founder, {
      orgId: org.id,
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'L',
    })
    expect(mailedFirst).toBe(true)
  })

  it('E2: no event for a failed use-case', async () => {
    const { roster, orgWithFounder, member } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    await member(org.id, 'ada@example.com')
    const plain = await member(org.id, 'plain@example.com')
    const events: string[] = []
    roster.events.on('*', (type) => events.push(type))

    const failures = [
      // VALIDATION
      await roster.members.add(founder, { orgId: org.id, email: 'nope', firstName: '', lastName: '' }),
      // ALREADY_MEMBER: fails inside the transaction, after writes were attempted
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'ada@example.com',
        firstName: 'A',
        lastName: 'L',
      }),
      // FORBIDDEN
      await roster.members.add(plain, {
        orgId: org.id,
        email: 'new@example.com',
        firstName: 'N',
        lastName: 'N',
      }),
      // SLUG_TAKEN
      await roster.orgs.create(founder, { name: 'Acme' }),
    ]
    expect(failures.map((result) => result.isErr() && result.error.code)).toEqual([
      'VALIDATION',
      'ALREADY_MEMBER',
      'FORBIDDEN',
      'SLUG_TAKEN',
    ])
    expect(events).toEqual([])
  })

  it('E2: a throwing or rejecting handler does not fail the use-case nor silence other handlers', async () => {
    const { roster, storage, orgWithFounder } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const calls: string[] = []
    roster.events.on('member.added', () => {
      calls.push('throws')
      throw new Error('host bug')
    })
    roster.events.on('member.added', async () => {
      calls.push('rejects')
      throw new Error('async host bug')
    })
    roster.events.on('member.added', () => {
      calls.push('fine')
    })
    const result = await roster.members.add(founder, {
      orgId: org.id,
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'L',
    })
    expect(result.isOk()).toBe(true)
    expect(calls).toEqual(['throws', 'rejects', 'fine'])
    expect(await storage.accounts.findByEmail('ada@example.com')).not.toBeNull()
    // Give a rejection the chance to surface as unhandled (vitest fails the run if it does).
    await new Promise((resolve) => setTimeout(resolve, 0))
  })

  it('E2: off unsubscribes one handler, or all of a type', async () => {
    const { roster, orgWithFounder } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const calls: string[] = []
    const one = () => calls.push('one')
    const two = () => calls.push('two')
    const any = (type: string) => calls.push(`*${type}`)
    roster.events.on('member.added', one)
    roster.events.on('member.added', two)
    roster.events.on('*', any)
    roster.events.off('member.added', one)
    await roster.members.add(founder, {
      orgId: org.id,
      email: 'a@example.com',
      firstName: 'A',
      lastName: 'A',
    })
    expect(calls).toEqual(['two', '*member.added'])
    roster.events.off('member.added')
    roster.events.off('*', any)
    await roster.members.add(founder, {
      orgId: org.id,
      email: 'b@example.com',
      firstName: 'B',
      lastName: 'B',
    })
    expect(calls).toEqual(['two', '*member.added'])
  })

  it('E2: public flows emit too (sign-up, activation), with the ids they are about', async () => {
    const { roster, tokenFor } = createTestRoster()
    const events: Array<[string, unknown]> = []
    roster.events.on('*', (type, payload) => events.push([type, payload]))
    const account = (
      await roster.accounts.signUp({ email: 'ada@example.com', firstName: 'Ada', lastName: 'L' })
    )._unsafeUnwrap()
    await roster.activation.activate({
      token: tokenFor('ada@example.com'),
      password: 'a long enough password',
    })
    expect(events).toEqual([
      ['account.signed-up', { accountId: account.id }],
      ['account.activated', { accountId: account.id }],
    ])
  })
})
