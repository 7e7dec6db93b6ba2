import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

describe('resources', () => {
  it('create, list by type with keyset paging, delete', async () => {
    const { roster, orgWithFounder } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const names = ['Tower A', 'Tower B', 'Tower C']
    for (const name of names)
      (await roster.resources.create(founder, { orgId: org.id, type: 'building', name }))._unsafeUnwrap()
    const lot = (
      await roster.resources.create(founder, { orgId: org.id, type: 'parking', name: 'P1' })
    )._unsafeUnwrap()
    expect(lot).toMatchObject({
      orgId: org.id,
      type: 'parking',
      name: 'P1',
      createdAt: '2030-01-01T00:00:00.000Z',
    })
    const first = (
      await roster.resources.list(founder, { orgId: org.id, type: 'building', limit: 2 })
    )._unsafeUnwrap()
    expect(first.items.map((r) => r.name)).toEqual(['Tower A', 'Tower B'])
    expect(first.nextCursor).not.toBeNull()
    const second = (
      await roster.resources.list(founder, {
        orgId: org.id,
        type: 'building',
        limit: 2,
        cursor: first.nextCursor!,
      })
    )._unsafeUnwrap()
    expect(second).toEqual({ items: [expect.objectContaining({ name: 'Tower C' })], nextCursor: null })
    const all = (await roster.resources.list(founder, { orgId: org.id }))._unsafeUnwrap()
    expect(all.items).toHaveLength(4)
    expect(
      (await roster.resources.delete(founder, { orgId: org.id, resourceId: lot.id }))._unsafeUnwrap(),
    ).toEqual({
      resourceId: lot.id,
    })
    const again = await roster.resources.delete(founder, { orgId: org.id, resourceId: lot.id })
    expect(again._unsafeUnwrapErr()).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'resource' } })
  })

  it('deleting a resource removes the grants at it, keeps grants at its type, in one transaction', async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const opener = (
      await roster.roles.define(founder, { orgId: org.id, name: 'Opener', permissions: ['buildings:open'] })
    )._unsafeUnwrap()
    const tower = (
      await roster.resources.create(founder, { orgId: org.id, type: 'building', name: 'T' })
    )._unsafeUnwrap()
    const ann = await member(org.id, 'ann@acme.test', [
      { roleId: opener.id, scope: { resourceId: tower.id } },
      { roleId: opener.id, scope: { resourceType: 'building', all: true } },
    ])
    ;(await roster.resources.delete(founder, { orgId: org.id, resourceId: tower.id }))._unsafeUnwrap()
    expect((await storage.grants.listFor(org.id, ann.accountId)).map((g) => g.scopeKind)).toEqual(['type'])
    // With no grant at a resource left, the role can go once the type-wide grant is revoked.
    ;(
      await roster.roles.revoke(founder, {
        orgId: org.id,
        accountId: ann.accountId,
        roleId: opener.id,
        scope: { resourceType: 'building', all: true },
      })
    )._unsafeUnwrap()
    expect((await roster.roles.delete(founder, { orgId: org.id, roleId: opener.id })).isOk()).toBe(true)
  })

  it('X3/O5: listing needs membership, creating needs resources:manage', async () => {
    const { roster, orgWithFounder, member, activeAccount } = createTestRoster()
    const { org } = await orgWithFounder()
    const plain = await member(org.id, 'plain@acme.test')
    expect((await roster.resources.list(plain, { orgId: org.id }))._unsafeUnwrap().items).toEqual([])
    const stranger = await activeAccount('s@else.test')
    // X7: to a stranger the org answers like one that does not exist.
    expect((await roster.resources.list(stranger, { orgId: org.id }))._unsafeUnwrapErr().code).toBe(
      'ORG_NOT_FOUND',
    )
    expect(
      (
        await roster.resources.create(plain, { orgId: org.id, type: 'building', name: 'X' })
      )._unsafeUnwrapErr().code,
    ).toBe('FORBIDDEN')
    expect(
      (await roster.resources.delete(plain, { orgId: org.id, resourceId: 'whatever' }))._unsafeUnwrapErr()
        .code,
    ).toBe('FORBIDDEN')
  })

  it('resources: bad input is VALIDATION naming each field, and nothing is stored', async () => {
    const { roster, orgWithFounder, storage, stored } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const before = await stored(org.id)
    const result = await roster.resources.create(founder, { orgId: org.id, type: 'Big Building', name: '' })
    const error = result._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    expect((error.details?.issues as { path: string }[]).map((i) => i.path)).toEqual(
      expect.arrayContaining(['type', 'name']),
    )
    const badLimit = await roster.resources.list(founder, { orgId: org.id, limit: 1000 })
    expect(badLimit._unsafeUnwrapErr().code).toBe('VALIDATION')
    expect(await storage.resources.list({ orgId: org.id, limit: 10 })).toEqual([])
    expect(await stored(org.id)).toEqual(before)
  })
})
