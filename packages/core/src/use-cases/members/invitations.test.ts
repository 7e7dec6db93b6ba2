import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

/** Acme invites Ada, who already has an active account. */
async function invited() {
  const test = createTestRoster()
  const { org, founder } = await test.orgWithFounder()
  const ada = await test.activeAccount('ada@example.com', { firstName: 'Ada', lastName: 'Lovelace' })
  const view = (
    await test.roster.members.add(founder, {
      orgId: org.id,
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
    })
  )._unsafeUnwrap()
  expect(view.membershipStatus).toBe('invited')
  return { ...test, org, founder, ada }
}

describe('members.acceptInvitation / members.declineInvitation', () => {
  it('A2b: the invited person accepts: the membership becomes active and they can act in the org', async () => {
    const { roster, org, ada } = await invited()
    expect((await roster.members.list(ada, { orgId: org.id }))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    const events: string[] = []
    roster.events.on('member.invitation-accepted', (event) => events.push(event.accountId))
    const view = (await roster.members.acceptInvitation(ada, { orgId: org.id }))._unsafeUnwrap()
    expect(view).toMatchObject({ accountId: ada.accountId, membershipStatus: 'active' })
    expect(events).toEqual([ada.accountId])
    expect((await roster.members.list(ada, { orgId: org.id })).isOk()).toBe(true)
    const again = await roster.members.acceptInvitation(ada, { orgId: org.id })
    expect(again._unsafeUnwrapErr().code).toBe('INVALID_STATE')
  })

  it('A2b: declining removes the invitation; the account stays', async () => {
    const { roster, org, ada, storage } = await invited()
    ;(await roster.members.declineInvitation(ada, { orgId: org.id }))._unsafeUnwrap()
    expect(await storage.memberships.find(org.id, ada.accountId)).toBeNull()
    expect(await storage.accounts.findById(ada.accountId)).not.toBeNull()
    // X7: no membership left, so the org answers like one that does not exist.
    const again = await roster.members.declineInvitation(ada, { orgId: org.id })
    expect(again._unsafeUnwrapErr().code).toBe('ORG_NOT_FOUND')
  })

  it('A2b, X7: only the invited person can answer; an active membership is INVALID_STATE, no membership ORG_NOT_FOUND', async () => {
    const { roster, org, founder, activeAccount, system, storage } = await invited()
    const stranger = await activeAccount('stranger@example.com')
    expect((await roster.members.acceptInvitation(stranger, { orgId: org.id }))._unsafeUnwrapErr().code).toBe(
      'ORG_NOT_FOUND',
    )
    expect((await roster.members.declineInvitation(founder, { orgId: org.id }))._unsafeUnwrapErr().code).toBe(
      'INVALID_STATE',
    )
    expect((await roster.members.acceptInvitation(system, { orgId: org.id })).isErr()).toBe(true)
    expect(await storage.memberships.countInOrg(org.id)).toBe(2)
  })

  it('A2b: a pending account cannot accept until it activates (its invitations activate with it, A8)', async () => {
    const { roster, orgWithFounder, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const ada = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'ada@example.com',
        firstName: 'A',
        lastName: 'L',
      })
    )._unsafeUnwrap()
    const result = await roster.members.acceptInvitation({ accountId: ada.accountId }, { orgId: org.id })
    expect(result._unsafeUnwrapErr().code).toBe('INVALID_STATE')
    expect((await storage.memberships.find(org.id, ada.accountId))!.status).toBe('invited')
  })

  it('A2b: listMine shows the invitation so the person can accept it', async () => {
    const { roster, org, ada } = await invited()
    const mine = (await roster.orgs.listMine(ada))._unsafeUnwrap()
    expect(mine).toEqual([expect.objectContaining({ membershipStatus: 'invited', isFounder: false })])
    expect(mine[0]!.org.id).toBe(org.id)
  })
})
