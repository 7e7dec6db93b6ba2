import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

const ADMIN_ACTIONS = [
  'edit',
  'editAccount',
  'disable',
  'enable',
  'remove',
  'resendActivation',
  'assignRoles',
]

describe('members.get', () => {
  it('O1: the creator of an org is its founder, holding owner', async () => {
    const { roster, orgWithFounder } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    expect(org.founderId).toBe(founder.accountId)
    const view = (
      await roster.members.get(founder, { orgId: org.id, accountId: founder.accountId })
    )._unsafeUnwrap()
    expect(view).toMatchObject({ isFounder: true, membershipStatus: 'active', type: 'employee' })
    expect(view.grants).toEqual([expect.objectContaining({ roleId: 'owner', scope: 'org' })])
  })

  it('returns NOT_FOUND (entity member) for someone who is not a member of this org', async () => {
    const { roster, orgWithFounder } = createTestRoster()
    const { org, founder } = await orgWithFounder('Acme')
    const { founder: other } = await orgWithFounder('Globex')
    const error = (
      await roster.members.get(founder, { orgId: org.id, accountId: other.accountId })
    )._unsafeUnwrapErr()
    expect(error).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'member' } })
  })

  it('allowedActions: an admin sees disable and remove on a plain member, but not on the founder', async () => {
    const { roster, orgWithFounder, member } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const admin = await member(org.id, 'admin@example.com', [{ roleId: 'admin', scope: 'org' }])
    const plain = await member(org.id, 'plain@example.com')
    const get = async (accountId: string) =>
      (await roster.members.get(admin, { orgId: org.id, accountId }))._unsafeUnwrap().allowedActions
    expect(await get(plain.accountId)).toEqual(
      expect.arrayContaining(['edit', 'editAccount', 'disable', 'remove']),
    )
    const onFounder = await get(founder.accountId)
    expect(onFounder).toContain('edit')
    expect(onFounder).not.toContain('disable')
    expect(onFounder).not.toContain('remove')
    const onSelf = await get(admin.accountId)
    expect(onSelf).not.toContain('disable')
    expect(onSelf).not.toContain('remove')
  })

  it('allowedActions: a member-role viewer sees none of the admin actions', async () => {
    const { roster, orgWithFounder, member } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const viewer = await member(org.id, 'viewer@example.com')
    const plain = await member(org.id, 'plain@example.com')
    const items = (await roster.members.list(viewer, { orgId: org.id }))._unsafeUnwrap().items
    expect(items.map((item) => item.accountId)).toEqual([
      founder.accountId,
      viewer.accountId,
      plain.accountId,
    ])
    for (const item of items) {
      for (const action of ADMIN_ACTIONS) expect(item.allowedActions).not.toContain(action)
    }
  })

  it('allowedActions: enable replaces disable on a disabled member; editAccount goes once the account is shared (A17)', async () => {
    const { roster, orgWithFounder, member } = createTestRoster()
    const { org: acme, founder } = await orgWithFounder('Acme')
    const { org: globex } = await orgWithFounder('Globex')
    const plain = await member(acme.id, 'plain@example.com')
    ;(await roster.members.disable(founder, { orgId: acme.id, accountId: plain.accountId }))._unsafeUnwrap()
    await member(globex.id, 'plain@example.com')
    const actions = (
      await roster.members.get(founder, { orgId: acme.id, accountId: plain.accountId })
    )._unsafeUnwrap().allowedActions
    expect(actions).toContain('enable')
    expect(actions).not.toContain('disable')
    expect(actions).not.toContain('editAccount')
  })
})
