import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

describe('members.remove', () => {
  it('A13: removing a member deletes the membership and its role assignments; their active account stays', async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const person = await member(org.id, 'max@example.com', [{ roleId: 'admin', scope: 'org' }])
    const result = (
      await roster.members.remove(founder, { orgId: org.id, accountId: person.accountId })
    )._unsafeUnwrap()
    expect(result).toEqual({ accountDeleted: false })
    expect(await storage.memberships.find(org.id, person.accountId)).toBeNull()
    expect(await storage.grants.listFor(org.id, person.accountId)).toEqual([])
    expect(await storage.accounts.findById(person.accountId)).not.toBeNull()
    const got = await roster.members.get(founder, { orgId: org.id, accountId: person.accountId })
    expect(got._unsafeUnwrapErr().code).toBe('NOT_FOUND')
  })

  it('A13: a never-activated account left with no membership is deleted; the audit trail keeps only its id', async () => {
    const { roster, orgWithFounder, storage, tokenFor } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const ada = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
      })
    )._unsafeUnwrap()
    const token = tokenFor('ada@example.com')
    const result = (
      await roster.members.remove(founder, { orgId: org.id, accountId: ada.accountId })
    )._unsafeUnwrap()
    expect(result).toEqual({ accountDeleted: true })
    expect(await storage.accounts.findById(ada.accountId)).toBeNull()
    expect(await storage.accounts.findByEmail('ada@example.com')).toBeNull()
    expect((await roster.activation.activate({ token, password: 'a long enough password' })).isErr()).toBe(
      true,
    )

    const audit = await storage.audit.list({ orgId: org.id, targetId: ada.accountId, limit: 10 })
    expect(audit.map((event) => event.action)).toEqual(
      expect.arrayContaining(['member.removed', 'account.deleted']),
    )
    const removal = audit.filter((event) => event.action !== 'member.added')
    expect(JSON.stringify(removal)).not.toMatch(/ada@example\.com|Lovelace/)
  })

  it('A13: a pending account still invited elsewhere is kept', async () => {
    const { roster, orgWithFounder, storage } = createTestRoster()
    const { org: acme, founder: acmeFounder } = await orgWithFounder('Acme')
    const { org: globex, founder: globexFounder } = await orgWithFounder('Globex')
    const person = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }
    const ada = (await roster.members.add(acmeFounder, { orgId: acme.id, ...person }))._unsafeUnwrap()
    ;(await roster.members.add(globexFounder, { orgId: globex.id, ...person }))._unsafeUnwrap()
    const result = (
      await roster.members.remove(acmeFounder, { orgId: acme.id, accountId: ada.accountId })
    )._unsafeUnwrap()
    expect(result.accountDeleted).toBe(false)
    expect(await storage.accounts.findById(ada.accountId)).not.toBeNull()
  })

  it('O2: the founder cannot be removed (FOUNDER_PROTECTED), and an admin cannot remove themself', async () => {
    const { roster, orgWithFounder, member, system, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const admin = await member(org.id, 'admin@example.com', [{ roleId: 'admin', scope: 'org' }])
    for (const actor of [admin, system]) {
      const result = await roster.members.remove(actor, { orgId: org.id, accountId: founder.accountId })
      expect(result._unsafeUnwrapErr().code).toBe('FOUNDER_PROTECTED')
    }
    const self = await roster.members.remove(admin, { orgId: org.id, accountId: admin.accountId })
    expect(self._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    expect(await storage.memberships.countInOrg(org.id)).toBe(2)
  })

  it('O5: removing needs members:delete — a plain member is FORBIDDEN', async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org } = await orgWithFounder()
    const plain = await member(org.id, 'plain@example.com')
    const other = await member(org.id, 'other@example.com')
    const result = await roster.members.remove(plain, { orgId: org.id, accountId: other.accountId })
    expect(result._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'members:delete' },
    })
    expect(await storage.memberships.find(org.id, other.accountId)).not.toBeNull()
  })
})

describe('members.leave', () => {
  it('a member leaves: their membership goes, their account stays', async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org } = await orgWithFounder()
    const person = await member(org.id, 'max@example.com')
    ;(await roster.members.leave(person, { orgId: org.id }))._unsafeUnwrap()
    expect(await storage.memberships.find(org.id, person.accountId)).toBeNull()
    expect((await storage.accounts.findById(person.accountId))!.status).toBe('active')
    // X7: no longer a member, so the org answers like one that does not exist.
    const again = await roster.members.leave(person, { orgId: org.id })
    expect(again._unsafeUnwrapErr().code).toBe('ORG_NOT_FOUND')
  })

  it('a disabled member may still leave', async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const person = await member(org.id, 'max@example.com')
    ;(await roster.members.disable(founder, { orgId: org.id, accountId: person.accountId }))._unsafeUnwrap()
    ;(await roster.members.leave(person, { orgId: org.id }))._unsafeUnwrap()
    expect(await storage.memberships.find(org.id, person.accountId)).toBeNull()
  })

  it('O2: the founder cannot leave (FOUNDER_PROTECTED)', async () => {
    const { roster, orgWithFounder, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    expect((await roster.members.leave(founder, { orgId: org.id }))._unsafeUnwrapErr().code).toBe(
      'FOUNDER_PROTECTED',
    )
    expect(await storage.memberships.find(org.id, founder.accountId)).not.toBeNull()
  })
})
