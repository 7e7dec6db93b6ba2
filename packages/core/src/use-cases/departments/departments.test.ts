import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

async function setup() {
  const t = createTestRoster()
  const { org, founder } = await t.orgWithFounder('Acme')
  const create = async (name: string) =>
    (await t.roster.departments.create(founder, { orgId: org.id, name }))._unsafeUnwrap()
  return { ...t, org, founder, create }
}

describe('departments', () => {
  it('D1: members.add and members.update refuse a department that does not exist in the org', async () => {
    const { roster, org, founder, member, storage, stored, orgWithFounder } = await setup()
    const before = await stored(org.id)
    const added = await roster.members.add(founder, {
      orgId: org.id,
      email: 'ann@acme.test',
      firstName: 'Ann',
      lastName: 'A',
      departmentId: 'no-such-department',
    })
    expect(added._unsafeUnwrapErr()).toMatchObject({
      code: 'DEPARTMENT_NOT_FOUND',
      details: { departmentId: 'no-such-department' },
    })
    expect(await storage.memberships.countInOrg(org.id)).toBe(1)
    expect(await stored(org.id)).toEqual(before)
    // A department of another org is not one of this org's.
    const { org: other, founder: otherFounder } = await orgWithFounder('Other')
    const foreign = (
      await roster.departments.create(otherFounder, { orgId: other.id, name: 'Sales' })
    )._unsafeUnwrap()
    const bob = await member(org.id, 'bob@acme.test')
    const updated = await roster.members.update(founder, {
      orgId: org.id,
      accountId: bob.accountId,
      departmentId: foreign.id,
    })
    expect(updated._unsafeUnwrapErr().code).toBe('DEPARTMENT_NOT_FOUND')
  })

  it('D1: create it first, then members.add and members.update take it; MemberView.department shows it', async () => {
    const { roster, org, founder, create } = await setup()
    const sales = await create('Sales')
    const support = await create('Support')
    const view = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: 'ann@acme.test',
        firstName: 'Ann',
        lastName: 'A',
        departmentId: sales.id,
      })
    )._unsafeUnwrap()
    expect(view.department).toEqual({ id: sales.id, name: 'Sales' })
    const moved = (
      await roster.members.update(founder, {
        orgId: org.id,
        accountId: view.accountId,
        departmentId: support.id,
      })
    )._unsafeUnwrap()
    expect(moved.department).toEqual({ id: support.id, name: 'Support' })
    const out = (
      await roster.members.update(founder, { orgId: org.id, accountId: view.accountId, departmentId: null })
    )._unsafeUnwrap()
    expect(out.department).toBeNull()
  })

  it('D2: names are unique per org ignoring case (create and rename), other orgs may reuse them', async () => {
    const { roster, org, founder, create, orgWithFounder, storage } = await setup()
    const sales = await create('Sales')
    const dup = await roster.departments.create(founder, { orgId: org.id, name: '  SALES ' })
    expect(dup._unsafeUnwrapErr()).toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'name' }], conflict: 'name' },
    })
    const support = await create('Support')
    const renamed = await roster.departments.rename(founder, {
      orgId: org.id,
      departmentId: support.id,
      name: 'sales',
    })
    expect(renamed._unsafeUnwrapErr()).toMatchObject({ code: 'VALIDATION', details: { conflict: 'name' } })
    const recased = (
      await roster.departments.rename(founder, { orgId: org.id, departmentId: sales.id, name: 'SALES' })
    )._unsafeUnwrap()
    expect(recased.name).toBe('SALES')
    const { org: other, founder: otherFounder } = await orgWithFounder('Other')
    expect((await roster.departments.create(otherFounder, { orgId: other.id, name: 'Sales' })).isOk()).toBe(
      true,
    )
    expect((await storage.departments.list(org.id)).map((row) => row.department.name)).toEqual([
      'SALES',
      'Support',
    ])
  })

  it('D2: concurrent creates of one name in different case store one department', async () => {
    const { roster, org, founder, storage } = await setup()
    const results = await Promise.all(
      ['Field Ops', 'FIELD OPS', 'field ops', 'Field ops'].map((name) =>
        roster.departments.create(founder, { orgId: org.id, name }),
      ),
    )
    expect(results.filter((r) => r.isOk())).toHaveLength(1)
    expect(results.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr().code)).toEqual([
      'VALIDATION',
      'VALIDATION',
      'VALIDATION',
    ])
    expect(await storage.departments.list(org.id)).toHaveLength(1)
  })

  it('D2: deleting a department with members is refused without a target, and moves them with one', async () => {
    const { roster, org, founder, member, create } = await setup()
    const sales = await create('Sales')
    const support = await create('Support')
    const ann = await member(org.id, 'ann@acme.test')
    const bob = await member(org.id, 'bob@acme.test')
    for (const who of [ann, bob])
      (
        await roster.members.update(founder, {
          orgId: org.id,
          accountId: who.accountId,
          departmentId: sales.id,
        })
      )._unsafeUnwrap()
    const refused = await roster.departments.delete(founder, { orgId: org.id, departmentId: sales.id })
    expect(refused._unsafeUnwrapErr()).toMatchObject({
      code: 'DEPARTMENT_NOT_EMPTY',
      details: { members: 2 },
    })
    const list = (await roster.departments.list(founder, { orgId: org.id }))._unsafeUnwrap()
    expect(list.map((d) => [d.name, d.memberCount])).toEqual([
      ['Sales', 2],
      ['Support', 0],
    ])
    const badTarget = await roster.departments.delete(founder, {
      orgId: org.id,
      departmentId: sales.id,
      moveMembersTo: 'nope',
    })
    expect(badTarget._unsafeUnwrapErr().code).toBe('DEPARTMENT_NOT_FOUND')
    const self = await roster.departments.delete(founder, {
      orgId: org.id,
      departmentId: sales.id,
      moveMembersTo: sales.id,
    })
    expect(self._unsafeUnwrapErr().code).toBe('VALIDATION')
    const deleted = (
      await roster.departments.delete(founder, {
        orgId: org.id,
        departmentId: sales.id,
        moveMembersTo: support.id,
      })
    )._unsafeUnwrap()
    expect(deleted).toEqual({ departmentId: sales.id, moved: 2 })
    const annView = (
      await roster.members.get(founder, { orgId: org.id, accountId: ann.accountId })
    )._unsafeUnwrap()
    expect(annView.department).toEqual({ id: support.id, name: 'Support' })
    const empty = await create('Empty')
    expect((await roster.departments.delete(founder, { orgId: org.id, departmentId: empty.id })).isOk()).toBe(
      true,
    )
    const gone = await roster.departments.delete(founder, { orgId: org.id, departmentId: empty.id })
    expect(gone._unsafeUnwrapErr().code).toBe('DEPARTMENT_NOT_FOUND')
  })

  it('members.list filters by departmentId', async () => {
    const { roster, org, founder, member, create } = await setup()
    const sales = await create('Sales')
    const ann = await member(org.id, 'ann@acme.test')
    await member(org.id, 'bob@acme.test')
    ;(
      await roster.members.update(founder, {
        orgId: org.id,
        accountId: ann.accountId,
        departmentId: sales.id,
      })
    )._unsafeUnwrap()
    const page = (
      await roster.members.list(founder, { orgId: org.id, departmentId: sales.id })
    )._unsafeUnwrap()
    expect(page.items.map((m) => m.accountId)).toEqual([ann.accountId])
    expect(page.items[0]!.department).toEqual({ id: sales.id, name: 'Sales' })
  })

  it('O5: departments need departments:manage to change and members:read to list', async () => {
    const { roster, org, member, create, activeAccount } = await setup()
    const sales = await create('Sales')
    const plain = await member(org.id, 'plain@acme.test')
    expect(
      (await roster.departments.create(plain, { orgId: org.id, name: 'X' }))._unsafeUnwrapErr().code,
    ).toBe('FORBIDDEN')
    expect(
      (
        await roster.departments.rename(plain, { orgId: org.id, departmentId: sales.id, name: 'X' })
      )._unsafeUnwrapErr().code,
    ).toBe('FORBIDDEN')
    expect(
      (await roster.departments.delete(plain, { orgId: org.id, departmentId: sales.id }))._unsafeUnwrapErr()
        .code,
    ).toBe('FORBIDDEN')
    expect((await roster.departments.list(plain, { orgId: org.id }))._unsafeUnwrap()).toHaveLength(1)
    const stranger = await activeAccount('stranger@else.test')
    // X7: to a stranger the org answers like one that does not exist.
    expect((await roster.departments.list(stranger, { orgId: org.id }))._unsafeUnwrapErr().code).toBe(
      'ORG_NOT_FOUND',
    )
  })

  it('departments: bad input is VALIDATION naming each field, and nothing is stored', async () => {
    const { roster, org, founder, storage, stored } = await setup()
    const before = await stored(org.id)
    const result = await roster.departments.create(founder, { orgId: '', name: ' '.repeat(3) })
    const error = result._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    expect((error.details?.issues as { path: string }[]).map((i) => i.path)).toEqual(
      expect.arrayContaining(['orgId', 'name']),
    )
    const tooLong = await roster.departments.create(founder, { orgId: org.id, name: 'x'.repeat(201) })
    expect(tooLong._unsafeUnwrapErr().code).toBe('VALIDATION')
    expect(await storage.departments.list(org.id)).toEqual([])
    expect(await stored(org.id)).toEqual(before)
  })

  it('O3: deleting the org releases its departments, resources, roles and join requests', async () => {
    const { roster, org, founder, create, storage, activeAccount } = await setup()
    await create('Sales')
    ;(
      await roster.resources.create(founder, { orgId: org.id, type: 'building', name: 'Tower A' })
    )._unsafeUnwrap()
    ;(
      await roster.roles.define(founder, { orgId: org.id, name: 'Opener', permissions: ['buildings:open'] })
    )._unsafeUnwrap()
    const jo = await activeAccount('jo@else.test')
    ;(await roster.joinRequests.create(jo, { orgId: org.id }))._unsafeUnwrap()
    ;(await roster.orgs.delete(founder, { orgId: org.id }))._unsafeUnwrap()
    expect(await storage.departments.list(org.id)).toEqual([])
    expect(await storage.resources.list({ orgId: org.id, limit: 10 })).toEqual([])
    expect(await storage.roles.list(org.id)).toEqual([])
    expect(await storage.joinRequests.list({ orgId: org.id, limit: 10 })).toEqual([])
  })
})
