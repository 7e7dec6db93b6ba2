import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

describe('orgs.delete', () => {
  it('O3: refuses to delete an org with other members (ORG_NOT_EMPTY), invited ones included', async () => {
    const { roster, orgWithFounder, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    ;(
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'ada@example.com',
        firstName: 'A',
        lastName: 'L',
      })
    )._unsafeUnwrap()
    const result = await roster.orgs.delete(founder, { orgId: org.id })
    expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'ORG_NOT_EMPTY', details: { otherMembers: 1 } })
    expect(await storage.orgs.findById(org.id)).not.toBeNull()
  })

  it('O3: only the founder may delete — not an admin, not an owner who is not the founder', async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const admin = await member(org.id, 'admin@example.com', [{ roleId: 'admin', scope: 'org' }])
    const owner = await member(org.id, 'owner@example.com', [{ roleId: 'owner', scope: 'org' }])
    expect((await roster.orgs.delete(admin, { orgId: org.id }))._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'org:delete' },
    })
    const byOwner = (await roster.orgs.delete(owner, { orgId: org.id }))._unsafeUnwrapErr()
    expect(byOwner.code).toBe('FORBIDDEN')
    expect(byOwner.message).toMatch(/founder/)
    expect(await storage.orgs.findById(org.id)).not.toBeNull()
    expect(founder.accountId).not.toBe(owner.accountId)
  })

  it('O3: once alone, the founder deletes the org with its memberships and grants; accounts and audit stay', async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const person = await member(org.id, 'max@example.com')
    ;(await roster.members.remove(founder, { orgId: org.id, accountId: person.accountId }))._unsafeUnwrap()
    const deleted: string[] = []
    roster.events.on('org.deleted', (event) => deleted.push(event.orgId))
    ;(await roster.orgs.delete(founder, { orgId: org.id }))._unsafeUnwrap()
    expect(deleted).toEqual([org.id])
    expect(await storage.orgs.findById(org.id)).toBeNull()
    expect(await storage.memberships.countInOrg(org.id)).toBe(0)
    expect(await storage.grants.listFor(org.id, founder.accountId)).toEqual([])
    expect(await storage.accounts.findById(founder.accountId)).not.toBeNull()
    expect((await roster.orgs.listMine(founder))._unsafeUnwrap()).toEqual([])
    expect(await storage.audit.list({ orgId: org.id, action: 'org.deleted', limit: 1 })).toHaveLength(1)
    expect((await roster.orgs.get(founder, { orgId: org.id }))._unsafeUnwrapErr().code).toBe('ORG_NOT_FOUND')
  })

  it('O3: the system actor may delete an org once only its founder is left', async () => {
    const { roster, orgWithFounder, system, storage } = createTestRoster()
    const { org } = await orgWithFounder()
    ;(await roster.orgs.delete(system, { orgId: org.id }))._unsafeUnwrap()
    expect(await storage.orgs.findById(org.id)).toBeNull()
  })
})
