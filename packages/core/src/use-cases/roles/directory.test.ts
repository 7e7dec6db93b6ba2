import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

async function setup() {
  const t = createTestRoster()
  const { org, founder } = await t.orgWithFounder('Acme')
  const building = async (name: string, type = 'building') =>
    (await t.roster.resources.create(founder, { orgId: org.id, type, name }))._unsafeUnwrap()
  const towerA = await building('Tower A')
  const towerB = await building('Tower B')
  const caretaker = (
    await t.roster.roles.define(founder, {
      orgId: org.id,
      name: 'Caretaker',
      permissions: ['buildings:open', 'members:read'],
    })
  )._unsafeUnwrap()
  const manager = (
    await t.roster.roles.define(founder, {
      orgId: org.id,
      name: 'Manager',
      permissions: ['roles:assign', 'buildings:open', 'members:read'],
    })
  )._unsafeUnwrap()
  return { ...t, org, founder, building, towerA, towerB, caretaker, manager }
}

describe('members directory and access', () => {
  it('members.list filters by roleId, by resource (its grants and its type’s), and by both on one grant', async () => {
    const { roster, org, founder, member, towerA, towerB, caretaker, manager } = await setup()
    const ann = await member(org.id, 'ann@acme.test', [
      { roleId: caretaker.id, scope: { resourceId: towerA.id } },
    ])
    const bob = await member(org.id, 'bob@acme.test', [
      { roleId: manager.id, scope: { resourceId: towerB.id } },
    ])
    const cat = await member(org.id, 'cat@acme.test', [
      { roleId: caretaker.id, scope: { resourceType: 'building', all: true } },
    ])
    const dan = await member(org.id, 'dan@acme.test', [
      { roleId: manager.id, scope: { resourceId: towerA.id } },
      { roleId: caretaker.id, scope: { resourceId: towerB.id } },
    ])
    await member(org.id, 'eve@acme.test', [{ roleId: 'admin', scope: 'org' }])
    const ids = async (filters: { roleId?: string; resourceId?: string }) =>
      (await roster.members.list(founder, { orgId: org.id, ...filters }))
        ._unsafeUnwrap()
        .items.map((m) => m.accountId)
    expect(await ids({ roleId: caretaker.id })).toEqual([ann.accountId, cat.accountId, dan.accountId])
    expect(await ids({ resourceId: towerA.id })).toEqual([ann.accountId, cat.accountId, dan.accountId])
    expect(await ids({ resourceId: towerB.id })).toEqual([bob.accountId, cat.accountId, dan.accountId])
    expect(await ids({ resourceId: towerA.id, roleId: manager.id })).toEqual([dan.accountId])
    expect(await ids({ resourceId: towerB.id, roleId: manager.id })).toEqual([bob.accountId])
    expect(await ids({ roleId: 'admin' })).toHaveLength(1)
    const unknown = await roster.members.list(founder, { orgId: org.id, resourceId: 'nope' })
    expect(unknown._unsafeUnwrapErr()).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'resource' } })
  })

  it('MemberView.grants names each role and scope (custom roles and resources the viewer does not hold too)', async () => {
    const { roster, org, member, towerA, caretaker } = await setup()
    const viewer = await member(org.id, 'viewer@acme.test')
    const ann = await member(org.id, 'ann@acme.test', [
      { roleId: caretaker.id, scope: { resourceId: towerA.id } },
      { roleId: caretaker.id, scope: { resourceType: 'parking', all: true } },
      { roleId: 'member', scope: 'org' },
    ])
    const view = (
      await roster.members.get(viewer, { orgId: org.id, accountId: ann.accountId })
    )._unsafeUnwrap()
    expect(view.grants.map((g) => [g.roleName, g.scopeName]).sort()).toEqual([
      ['Caretaker', 'Every parking'],
      ['Caretaker', 'Tower A'],
      ['Member', 'Organization'],
    ])
  })

  it('the directory reads role and resource names with the page itself, no further reads (no N+1)', async () => {
    const { roster, org, founder, member, building, caretaker, storage } = await setup()
    for (let i = 0; i < 12; i++) {
      const b = await building(`B${i}`)
      await member(org.id, `p${i}@acme.test`, [{ roleId: caretaker.id, scope: { resourceId: b.id } }])
    }
    const calls = { roles: 0, resources: 0 }
    const roles = storage.roles.findByIds.bind(storage.roles)
    const resources = storage.resources.findByIds.bind(storage.resources)
    storage.roles.findByIds = (orgId, ids) => {
      calls.roles++
      return roles(orgId, ids)
    }
    storage.resources.findByIds = (orgId, ids) => {
      calls.resources++
      return resources(orgId, ids)
    }
    const page = (await roster.members.list(founder, { orgId: org.id, limit: 50 }))._unsafeUnwrap()
    expect(page.items).toHaveLength(13)
    // The directory rows carry the names (MemberRow grants' roleName and scopeName).
    expect(calls.roles).toBe(0)
    expect(calls.resources).toBe(0)
    expect(page.items.slice(1).map((m) => m.grants.map((g) => [g.roleName, g.scopeName]))).toEqual(
      Array.from({ length: 12 }, (_, i) => [['Caretaker', `B${i}`]]),
    )
  })

  it('allowedActions reflects scoped permissions: roles:assign at one building offers assignRoles', async () => {
    const { roster, org, member, towerA, manager, caretaker } = await setup()
    const mia = await member(org.id, 'mia@acme.test', [
      { roleId: 'member', scope: 'org' },
      { roleId: manager.id, scope: { resourceId: towerA.id } },
    ])
    const reader = await member(org.id, 'reader@acme.test', [
      { roleId: 'member', scope: 'org' },
      { roleId: caretaker.id, scope: { resourceId: towerA.id } },
    ])
    const ann = await member(org.id, 'ann@acme.test')
    const asMia = (await roster.members.get(mia, { orgId: org.id, accountId: ann.accountId }))._unsafeUnwrap()
    expect(asMia.allowedActions).toContain('assignRoles')
    expect(asMia.allowedActions).not.toContain('edit')
    const asReader = (
      await roster.members.get(reader, { orgId: org.id, accountId: ann.accountId })
    )._unsafeUnwrap()
    expect(asReader.allowedActions).toEqual([])
  })
})
