import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

describe('orgs.create', () => {
  it('O1: the creator becomes the founder with the owner role and an active employee membership', async () => {
    const { roster, activeAccount } = createTestRoster()
    const fay = await activeAccount('fay@example.com')
    const org = (await roster.orgs.create(fay, { name: 'Acme Property' }))._unsafeUnwrap()
    expect(org).toMatchObject({ founderId: fay.accountId, slug: 'acme-property' })
    const me = (await roster.members.get(fay, { orgId: org.id, accountId: fay.accountId }))._unsafeUnwrap()
    expect(me).toMatchObject({ isFounder: true, type: 'employee', membershipStatus: 'active' })
    expect(me.grants.map((grant) => [grant.roleId, grant.scope])).toEqual([['owner', 'org']])
    expect((await roster.orgs.listMine(fay))._unsafeUnwrap()).toEqual([
      expect.objectContaining({ isFounder: true, membershipStatus: 'active', type: 'employee' }),
    ])
  })

  it("O4: an org's contact email may equal a member's email", async () => {
    const { roster, activeAccount } = createTestRoster()
    const fay = await activeAccount('fay@example.com')
    const org = await roster.orgs.create(fay, { name: 'Fay & Co', email: 'FAY@example.com' })
    expect(org._unsafeUnwrap().email).toBe('FAY@example.com')
  })

  it('X4: bad input is VALIDATION naming each field; no org is stored', async () => {
    const { roster, activeAccount, storage } = createTestRoster()
    const fay = await activeAccount('fay@example.com')
    const result = await roster.orgs.create(fay, { name: ' ', slug: 'Not A Slug!', email: 'nope' })
    const error = result._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    const paths = (error.details?.issues as { path: string }[]).map((issue) => issue.path)
    expect(paths).toEqual(expect.arrayContaining(['name', 'slug', 'email']))
    expect(await storage.orgs.listForAccount(fay.accountId)).toEqual([])
  })
})
