import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

describe('members.disable / members.enable', () => {
  it('A12: a disabled member can no longer act in the org; enabling restores them with their roles', async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const admin = await member(org.id, 'admin@example.com', [{ roleId: 'admin', scope: 'org' }])
    const disabled = (
      await roster.members.disable(founder, { orgId: org.id, accountId: admin.accountId })
    )._unsafeUnwrap()
    expect(disabled.membershipStatus).toBe('disabled')
    expect(disabled.accountStatus).toBe('active')
    expect(disabled.grants.map((grant) => grant.roleId)).toEqual(['admin'])

    const input = { orgId: org.id, email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }
    expect((await roster.members.add(admin, input))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    expect((await roster.members.list(admin, { orgId: org.id }))._unsafeUnwrapErr().code).toBe('FORBIDDEN')

    const enabled = (
      await roster.members.enable(founder, { orgId: org.id, accountId: admin.accountId })
    )._unsafeUnwrap()
    expect(enabled.membershipStatus).toBe('active')
    expect(enabled.grants.map((grant) => grant.roleId)).toEqual(['admin'])
    expect((await roster.members.add(admin, input)).isOk()).toBe(true)
    const actions = (await storage.audit.list({ orgId: org.id, targetId: admin.accountId, limit: 10 })).map(
      (event) => event.action,
    )
    expect(actions).toEqual(expect.arrayContaining(['member.disabled', 'member.enabled']))
  })

  it('A12: disabling a membership leaves the account and its other orgs alone', async () => {
    const { roster, orgWithFounder, member, system } = createTestRoster()
    const { org: acme, founder } = await orgWithFounder('Acme')
    const { org: globex } = await orgWithFounder('Globex')
    const person = await member(acme.id, 'max@example.com')
    await member(globex.id, 'max@example.com')
    ;(await roster.members.acceptInvitation(person, { orgId: globex.id }))._unsafeUnwrap()
    ;(await roster.members.disable(founder, { orgId: acme.id, accountId: person.accountId }))._unsafeUnwrap()
    expect((await roster.members.list(person, { orgId: globex.id })).isOk()).toBe(true)
    const elsewhere = (
      await roster.members.get(system, { orgId: globex.id, accountId: person.accountId })
    )._unsafeUnwrap()
    expect(elsewhere).toMatchObject({ membershipStatus: 'active', accountStatus: 'active' })
  })

  it('O2: the founder cannot be disabled (FOUNDER_PROTECTED), not even by the system', async () => {
    const { roster, orgWithFounder, member, system } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const admin = await member(org.id, 'admin@example.com', [{ roleId: 'admin', scope: 'org' }])
    for (const actor of [admin, system, founder]) {
      const result = await roster.members.disable(actor, { orgId: org.id, accountId: founder.accountId })
      expect(result._unsafeUnwrapErr().code).toBe('FOUNDER_PROTECTED')
    }
  })

  it('A12: nobody disables themself', async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org } = await orgWithFounder()
    const admin = await member(org.id, 'admin@example.com', [{ roleId: 'admin', scope: 'org' }])
    const result = await roster.members.disable(admin, { orgId: org.id, accountId: admin.accountId })
    expect(result._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    expect((await storage.memberships.find(org.id, admin.accountId))!.status).toBe('active')
  })

  it('A12: disabling twice, disabling an invitation or enabling an active member is INVALID_STATE', async () => {
    const { roster, orgWithFounder, member } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const person = await member(org.id, 'max@example.com')
    const invited = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'ada@example.com',
        firstName: 'A',
        lastName: 'L',
      })
    )._unsafeUnwrap()
    const target = { orgId: org.id, accountId: person.accountId }
    expect((await roster.members.enable(founder, target))._unsafeUnwrapErr().code).toBe('INVALID_STATE')
    ;(await roster.members.disable(founder, target))._unsafeUnwrap()
    expect((await roster.members.disable(founder, target))._unsafeUnwrapErr().code).toBe('INVALID_STATE')
    const invitation = await roster.members.disable(founder, { orgId: org.id, accountId: invited.accountId })
    expect(invitation._unsafeUnwrapErr().code).toBe('INVALID_STATE')
  })

  it('O5: a plain member may neither disable nor enable anyone', async () => {
    const { roster, orgWithFounder, member } = createTestRoster()
    const { org } = await orgWithFounder()
    const plain = await member(org.id, 'plain@example.com')
    const other = await member(org.id, 'other@example.com')
    const target = { orgId: org.id, accountId: other.accountId }
    expect((await roster.members.disable(plain, target))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    expect((await roster.members.enable(plain, target))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
  })
})
