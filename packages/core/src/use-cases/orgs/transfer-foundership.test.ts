import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

describe('orgs.transferFoundership', () => {
  it('O2: the founder hands over to an active employee, who gets owner; the old founder keeps their grants', async () => {
    const { roster, orgWithFounder, member } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const heir = await member(org.id, 'heir@example.com')
    const events: string[] = []
    roster.events.on('org.foundership-transferred', (event) =>
      events.push(`${event.fromAccountId}>${event.toAccountId}`),
    )
    const updated = (
      await roster.orgs.transferFoundership(founder, { orgId: org.id, toAccountId: heir.accountId })
    )._unsafeUnwrap()
    expect(updated.founderId).toBe(heir.accountId)
    expect(events).toEqual([`${founder.accountId}>${heir.accountId}`])

    const heirView = (
      await roster.members.get(founder, { orgId: org.id, accountId: heir.accountId })
    )._unsafeUnwrap()
    expect(heirView.isFounder).toBe(true)
    expect(heirView.grants.map((grant) => grant.roleId).sort()).toEqual(['member', 'owner'])
    const oldView = (
      await roster.members.get(heir, { orgId: org.id, accountId: founder.accountId })
    )._unsafeUnwrap()
    expect(oldView.isFounder).toBe(false)
    expect(oldView.grants.map((grant) => grant.roleId)).toEqual(['owner'])
    expect(oldView.allowedActions).toEqual(expect.arrayContaining(['disable', 'remove']))

    // The protection moved with foundership (O2), and so did the right to delete the org (O3).
    const disableHeir = await roster.members.disable(founder, { orgId: org.id, accountId: heir.accountId })
    expect(disableHeir._unsafeUnwrapErr().code).toBe('FOUNDER_PROTECTED')
    expect((await roster.orgs.delete(founder, { orgId: org.id }))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    ;(await roster.members.disable(heir, { orgId: org.id, accountId: founder.accountId }))._unsafeUnwrap()
  })

  it('O2: only the founder may transfer — an admin or another owner is FORBIDDEN', async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const admin = await member(org.id, 'admin@example.com', [{ roleId: 'admin', scope: 'org' }])
    const owner = await member(org.id, 'owner@example.com', [{ roleId: 'owner', scope: 'org' }])
    for (const actor of [admin, owner]) {
      const result = await roster.orgs.transferFoundership(actor, {
        orgId: org.id,
        toAccountId: actor.accountId,
      })
      expect(result._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    }
    expect((await storage.orgs.findById(org.id))!.founderId).toBe(founder.accountId)
  })

  it('O2: the new founder must be an active employee member with an active account', async () => {
    const { roster, orgWithFounder, member, activeAccount, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const guest = await member(org.id, 'guest@example.com', undefined, 'guest')
    const disabled = await member(org.id, 'disabled@example.com')
    ;(await roster.members.disable(founder, { orgId: org.id, accountId: disabled.accountId }))._unsafeUnwrap()
    const pending = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'ada@example.com',
        firstName: 'A',
        lastName: 'L',
      })
    )._unsafeUnwrap()
    const stranger = await activeAccount('stranger@example.com')
    const attempt = (accountId: string) =>
      roster.orgs.transferFoundership(founder, { orgId: org.id, toAccountId: accountId })
    expect((await attempt(guest.accountId))._unsafeUnwrapErr().code).toBe('INVALID_STATE')
    expect((await attempt(disabled.accountId))._unsafeUnwrapErr().code).toBe('INVALID_STATE')
    expect((await attempt(pending.accountId))._unsafeUnwrapErr().code).toBe('INVALID_STATE')
    expect((await attempt(founder.accountId))._unsafeUnwrapErr().code).toBe('INVALID_STATE')
    expect((await attempt(stranger.accountId))._unsafeUnwrapErr()).toMatchObject({
      code: 'NOT_FOUND',
      details: { entity: 'member' },
    })
    expect((await storage.orgs.findById(org.id))!.founderId).toBe(founder.accountId)
  })
})
