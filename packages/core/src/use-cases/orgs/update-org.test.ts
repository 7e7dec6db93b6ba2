import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

describe('orgs.get / orgs.update / orgs.listMine', () => {
  it('X3: any active member reads the org; a stranger cannot', async () => {
    const { roster, orgWithFounder, member, activeAccount } = createTestRoster()
    const { org } = await orgWithFounder()
    const plain = await member(org.id, 'plain@example.com')
    expect((await roster.orgs.get(plain, { orgId: org.id }))._unsafeUnwrap()).toEqual(org)
    const stranger = await activeAccount('stranger@example.com')
    // X7: to a stranger the org answers like one that does not exist.
    expect((await roster.orgs.get(stranger, { orgId: org.id }))._unsafeUnwrapErr().code).toBe('ORG_NOT_FOUND')
    expect((await roster.orgs.get(plain, { orgId: 'no-such-org' }))._unsafeUnwrapErr().code).toBe(
      'ORG_NOT_FOUND',
    )
  })

  it('O5: updating needs org:update — an admin may, a plain member may not', async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org } = await orgWithFounder()
    const admin = await member(org.id, 'admin@example.com', [{ roleId: 'admin', scope: 'org' }])
    const plain = await member(org.id, 'plain@example.com')
    const refused = await roster.orgs.update(plain, { orgId: org.id, name: 'Hijacked' })
    expect(refused._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'org:update' },
    })
    expect((await storage.orgs.findById(org.id))!.name).toBe('Acme')
    const renamed = (
      await roster.orgs.update(admin, { orgId: org.id, name: 'Acme Property' })
    )._unsafeUnwrap()
    expect(renamed.name).toBe('Acme Property')
  })

  it('merges settings, audits the changed fields, and writes nothing when nothing changes', async () => {
    const { roster, orgWithFounder, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const fields: string[][] = []
    roster.events.on('org.updated', (event) => fields.push(event.fields))
    const first = await roster.orgs.update(founder, {
      orgId: org.id,
      settings: { requiredProducts: ['one-office', 'one-office'] },
    })
    expect(first._unsafeUnwrap().settings).toEqual({ joinRequests: true, requiredProducts: ['one-office'] })
    const second = await roster.orgs.update(founder, { orgId: org.id, settings: { joinRequests: false } })
    expect(second._unsafeUnwrap().settings).toEqual({ joinRequests: false, requiredProducts: ['one-office'] })
    ;(
      await roster.orgs.update(founder, { orgId: org.id, name: 'Acme', settings: { joinRequests: false } })
    )._unsafeUnwrap()
    expect(fields).toEqual([['settings'], ['settings']])
    expect(await storage.audit.list({ orgId: org.id, action: 'org.updated', limit: 10 })).toHaveLength(2)
  })

  it("O4: the contact email may be set to a member's email, and cleared", async () => {
    const { roster, orgWithFounder } = createTestRoster()
    const { org, founder } = await orgWithFounder('Acme', 'fay@example.com')
    const same = await roster.orgs.update(founder, { orgId: org.id, email: 'fay@example.com' })
    expect(same._unsafeUnwrap().email).toBe('fay@example.com')
    const cleared = await roster.orgs.update(founder, { orgId: org.id, email: null })
    expect(cleared._unsafeUnwrap().email).toBeNull()
  })

  it('X4: bad input is VALIDATION naming each field; nothing changes', async () => {
    const { roster, orgWithFounder, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const result = await roster.orgs.update(founder, {
      orgId: org.id,
      name: '',
      email: 'nope',
      settings: { joinRequests: 'yes' as unknown as boolean, requiredProducts: [''] },
    })
    const error = result._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    const paths = (error.details?.issues as { path: string }[]).map((issue) => issue.path)
    expect(paths).toEqual(
      expect.arrayContaining(['name', 'email', 'settings.joinRequests', 'settings.requiredProducts.0']),
    )
    expect(await storage.orgs.findById(org.id)).toMatchObject({ name: 'Acme', email: null })
  })

  it('listMine lists every org the person belongs to with the membership status, and nothing else', async () => {
    const { roster, orgWithFounder, member, activeAccount, system } = createTestRoster()
    const { org: acme } = await orgWithFounder('Acme')
    const { org: globex } = await orgWithFounder('Globex')
    await orgWithFounder('Initech')
    const max = await member(acme.id, 'max@example.com', undefined, 'guest')
    await member(globex.id, 'max@example.com')
    const mine = (await roster.orgs.listMine(max))._unsafeUnwrap()
    expect(
      mine.map((entry) => [entry.org.name, entry.membershipStatus, entry.type, entry.isFounder]),
    ).toEqual([
      ['Acme', 'active', 'guest', false],
      ['Globex', 'invited', 'employee', false],
    ])
    const nobody = await activeAccount('nobody@example.com')
    expect((await roster.orgs.listMine(nobody))._unsafeUnwrap()).toEqual([])
    expect((await roster.orgs.listMine(system))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
  })
})
