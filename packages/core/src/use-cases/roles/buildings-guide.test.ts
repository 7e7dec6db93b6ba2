// The buildings example of docs/guides/roles-and-permissions.md, step by step, so the guide stays true.
import { describe, expect, it } from 'vitest'
import type { Actor } from '../../domain/actor.js'
import { createTestRoster } from '@roster/test-support'

describe('guide: roles and permissions (buildings)', () => {
  it('R1/R2/R3: define roles, create buildings, copy to selected, select all, per-building roles, can', async () => {
    const { roster, orgWithFounder, member } = createTestRoster({
      permissions: ['buildings:open', 'buildings:inspect'] as never,
    })
    const { org, founder: fay } = await orgWithFounder('Acme Property')
    const orgId = org.id
    const adam = await member(orgId, 'adam@acme.test', [{ roleId: 'admin', scope: 'org' }])
    const caretaker = (
      await roster.roles.define(fay, {
        orgId,
        name: 'Caretaker',
        permissions: ['members:read', 'buildings:open'],
      })
    )._unsafeUnwrap()
    const manager = (
      await roster.roles.define(fay, {
        orgId,
        name: 'Building manager',
        permissions: [
          'members:read',
          'buildings:open',
          'buildings:inspect' as 'buildings:open',
          'roles:assign',
        ],
      })
    )._unsafeUnwrap()
    const byAdam = await roster.roles.define(adam, { orgId, name: 'Opener', permissions: ['buildings:open'] })
    expect(byAdam._unsafeUnwrapErr().code).toBe('ESCALATION')

    const building = async (name: string) =>
      (await roster.resources.create(fay, { orgId, type: 'building', name }))._unsafeUnwrap()
    const towerA = await building('Tower A')
    const towerB = await building('Tower B')
    const towerC = await building('Tower C')

    const ann = await member(orgId, 'ann@acme.test')
    const bob = await member(orgId, 'bob@acme.test')
    const mia = await member(orgId, 'mia@acme.test')
    ;(
      await roster.roles.assign(fay, {
        orgId,
        accountId: ann.accountId,
        grants: [towerA.id, towerB.id].map((resourceId) => ({ roleId: caretaker.id, scope: { resourceId } })),
      })
    )._unsafeUnwrap()
    ;(
      await roster.roles.assign(fay, {
        orgId,
        accountId: bob.accountId,
        grants: [{ roleId: caretaker.id, scope: { resourceType: 'building', all: true } }],
      })
    )._unsafeUnwrap()
    ;(
      await roster.roles.assign(fay, {
        orgId,
        accountId: mia.accountId,
        grants: [
          { roleId: manager.id, scope: { resourceId: towerA.id } },
          { roleId: caretaker.id, scope: { resourceId: towerB.id } },
          { roleId: 'member', scope: 'org' },
        ],
      })
    )._unsafeUnwrap()

    const can = async (actor: Actor, permission: string, resource?: string) =>
      (
        await roster.roles.can(actor, { orgId, permission: permission as 'buildings:open', resource })
      )._unsafeUnwrap()
    expect(await can(ann, 'buildings:open', towerA.id)).toBe(true)
    expect(await can(ann, 'buildings:open', towerC.id)).toBe(false)
    expect(await can(bob, 'buildings:open', towerC.id)).toBe(true)
    expect(await can(mia, 'buildings:inspect', towerA.id)).toBe(true)
    expect(await can(mia, 'buildings:inspect', towerB.id)).toBe(false)
    expect(await can(ann, 'buildings:open')).toBe(false)

    const assignAsMia = (roleId: string, resourceId: string) =>
      roster.roles.assign(mia, {
        orgId,
        accountId: ann.accountId,
        grants: [{ roleId, scope: { resourceId } }],
      })
    expect((await assignAsMia(caretaker.id, towerA.id)).isOk()).toBe(true)
    expect((await assignAsMia(caretaker.id, towerB.id))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    expect((await assignAsMia('owner', towerA.id))._unsafeUnwrapErr().code).toBe('ESCALATION')

    const atTowerA = (await roster.members.list(fay, { orgId, resourceId: towerA.id }))._unsafeUnwrap()
    expect(atTowerA.items.map((m) => m.accountId)).toEqual([ann.accountId, bob.accountId, mia.accountId])
    const managers = (
      await roster.members.list(fay, { orgId, resourceId: towerA.id, roleId: manager.id })
    )._unsafeUnwrap()
    expect(managers.items.map((m) => m.accountId)).toEqual([mia.accountId])
    expect(managers.items[0]!.grants).toContainEqual({
      roleId: manager.id,
      scope: { resourceId: towerA.id },
      roleName: 'Building manager',
      scopeName: 'Tower A',
    })
  })
})
