import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'
import { buildingsSetup } from './roles.fixtures.js'

describe('roles', () => {
  it('R1: permissions of several roles add up, org-wide plus roles at the resource in question', async () => {
    const { roster, org, founder, member, towerA, towerB } = await buildingsSetup()
    const opener = (
      await roster.roles.define(founder, { orgId: org.id, name: 'Opener', permissions: ['buildings:open'] })
    )._unsafeUnwrap()
    const reader = (
      await roster.roles.define(founder, { orgId: org.id, name: 'Auditor', permissions: ['audit:read'] })
    )._unsafeUnwrap()
    const carl = await member(org.id, 'carl@acme.test', [
      { roleId: 'member', scope: 'org' },
      { roleId: reader.id, scope: 'org' },
      { roleId: opener.id, scope: { resourceId: towerA.id } },
    ])
    const can = async (permission: 'buildings:open' | 'audit:read' | 'members:read', resource?: string) =>
      (await roster.roles.can(carl, { orgId: org.id, permission, resource }))._unsafeUnwrap()
    expect(await can('members:read')).toBe(true)
    expect(await can('audit:read')).toBe(true)
    expect(await can('buildings:open')).toBe(false)
    expect(await can('buildings:open', towerA.id)).toBe(true)
    expect(await can('audit:read', towerA.id)).toBe(true)
    expect(await can('members:read', towerA.id)).toBe(true)
    expect(await can('buildings:open', towerB.id)).toBe(false)
  })

  it('R1: a use-case acting on a resource checks at that scope (resources.delete)', async () => {
    const { roster, org, founder, member, towerA, towerB } = await buildingsSetup()
    const keeper = (
      await roster.roles.define(founder, { orgId: org.id, name: 'Keeper', permissions: ['resources:manage'] })
    )._unsafeUnwrap()
    const kim = await member(org.id, 'kim@acme.test', [
      { roleId: keeper.id, scope: { resourceId: towerA.id } },
    ])
    const refused = await roster.resources.delete(kim, { orgId: org.id, resourceId: towerB.id })
    expect(refused._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    const created = await roster.resources.create(kim, { orgId: org.id, type: 'building', name: 'Tower C' })
    expect(created._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    expect((await roster.resources.delete(kim, { orgId: org.id, resourceId: towerA.id })).isOk()).toBe(true)
  })

  it('R2: one call copies a role to all selected buildings, in one transaction', async () => {
    const { roster, org, admin, member, towerA, towerB, storage } = await buildingsSetup()
    const caretaker = (
      await roster.roles.define(admin, { orgId: org.id, name: 'Caretaker', permissions: ['members:read'] })
    )._unsafeUnwrap()
    const ann = await member(org.id, 'ann@acme.test')
    const view = (
      await roster.roles.assign(admin, {
        orgId: org.id,
        accountId: ann.accountId,
        grants: [towerA, towerB].map((b) => ({ roleId: caretaker.id, scope: { resourceId: b.id } })),
      })
    )._unsafeUnwrap()
    expect(view.grants).toEqual(
      expect.arrayContaining([
        {
          roleId: caretaker.id,
          scope: { resourceId: towerA.id },
          roleName: 'Caretaker',
          scopeName: 'Tower A',
        },
        {
          roleId: caretaker.id,
          scope: { resourceId: towerB.id },
          roleName: 'Caretaker',
          scopeName: 'Tower B',
        },
      ]),
    )
    const events = await storage.audit.list({ orgId: org.id, action: 'role.assigned', limit: 10 })
    expect(events).toHaveLength(1)
  })

  it('R2: "select all" grants at every resource of a type, including buildings created later', async () => {
    const { roster, org, founder, admin, member } = await buildingsSetup()
    const opener = (
      await roster.roles.define(founder, { orgId: org.id, name: 'Opener', permissions: ['buildings:open'] })
    )._unsafeUnwrap()
    const ann = await member(org.id, 'ann@acme.test')
    const view = (
      await roster.roles.assign(founder, {
        orgId: org.id,
        accountId: ann.accountId,
        grants: [{ roleId: opener.id, scope: { resourceType: 'building', all: true } }],
      })
    )._unsafeUnwrap()
    expect(view.grants).toContainEqual({
      roleId: opener.id,
      scope: { resourceType: 'building', all: true },
      roleName: 'Opener',
      scopeName: 'Every building',
    })
    const later = (
      await roster.resources.create(admin, { orgId: org.id, type: 'building', name: 'Tower Z' })
    )._unsafeUnwrap()
    const parkingLater = (
      await roster.resources.create(admin, { orgId: org.id, type: 'parking', name: 'P9' })
    )._unsafeUnwrap()
    expect(
      (
        await roster.roles.can(ann, { orgId: org.id, permission: 'buildings:open', resource: later.id })
      )._unsafeUnwrap(),
    ).toBe(true)
    expect(
      (
        await roster.roles.can(ann, {
          orgId: org.id,
          permission: 'buildings:open',
          resource: parkingLater.id,
        })
      )._unsafeUnwrap(),
    ).toBe(false)
  })

  it('R2: per-building different roles in one call; a bad grant rejects the whole call', async () => {
    const { roster, org, founder, member, towerA, towerB } = await buildingsSetup()
    const define = async (name: string, permissions: ('buildings:open' | 'members:read')[]) =>
      (await roster.roles.define(founder, { orgId: org.id, name, permissions }))._unsafeUnwrap()
    const manager = await define('Manager', ['buildings:open', 'members:read'])
    const visitor = await define('Visitor', ['members:read'])
    const ann = await member(org.id, 'ann@acme.test')
    const failed = await roster.roles.assign(founder, {
      orgId: org.id,
      accountId: ann.accountId,
      grants: [
        { roleId: manager.id, scope: { resourceId: towerA.id } },
        { roleId: visitor.id, scope: { resourceId: 'no-such-building' } },
      ],
    })
    expect(failed._unsafeUnwrapErr()).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'resource' } })
    const untouched = (
      await roster.members.get(founder, { orgId: org.id, accountId: ann.accountId })
    )._unsafeUnwrap()
    expect(untouched.grants.map((g) => g.roleId)).toEqual(['member'])

    const view = (
      await roster.roles.assign(founder, {
        orgId: org.id,
        accountId: ann.accountId,
        grants: [
          { roleId: manager.id, scope: { resourceId: towerA.id } },
          { roleId: visitor.id, scope: { resourceId: towerB.id } },
        ],
      })
    )._unsafeUnwrap()
    expect(view.grants.map((g) => `${g.roleName}@${g.scopeName}`).sort()).toEqual([
      'Manager@Tower A',
      'Member@Organization',
      'Visitor@Tower B',
    ])
    expect(
      (
        await roster.roles.can(ann, { orgId: org.id, permission: 'buildings:open', resource: towerA.id })
      )._unsafeUnwrap(),
    ).toBe(true)
    expect(
      (
        await roster.roles.can(ann, { orgId: org.id, permission: 'buildings:open', resource: towerB.id })
      )._unsafeUnwrap(),
    ).toBe(false)
  })

  it('revoke removes one grant at one scope; NOT_FOUND for a grant the member does not hold', async () => {
    const { roster, org, founder, member, towerA, towerB } = await buildingsSetup()
    const opener = (
      await roster.roles.define(founder, { orgId: org.id, name: 'Opener', permissions: ['buildings:open'] })
    )._unsafeUnwrap()
    const ann = await member(org.id, 'ann@acme.test', [
      { roleId: opener.id, scope: { resourceId: towerA.id } },
      { roleId: opener.id, scope: { resourceId: towerB.id } },
    ])
    const view = (
      await roster.roles.revoke(founder, {
        orgId: org.id,
        accountId: ann.accountId,
        roleId: opener.id,
        scope: { resourceId: towerA.id },
      })
    )._unsafeUnwrap()
    expect(view.grants.map((g) => g.scopeName)).toEqual(['Tower B'])
    const again = await roster.roles.revoke(founder, {
      orgId: org.id,
      accountId: ann.accountId,
      roleId: opener.id,
      scope: { resourceId: towerA.id },
    })
    expect(again._unsafeUnwrapErr()).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'grant' } })
  })

  it('R5: the same account holds different roles in different orgs', async () => {
    const { roster, orgWithFounder, member } = createTestRoster()
    const { org: integrator } = await orgWithFounder('Integrator')
    const { org: client } = await orgWithFounder('Client')
    const ivy = await member(integrator.id, 'ivy@integrator.test', [{ roleId: 'member', scope: 'org' }])
    // The client org adds the same account (attached, not duplicated) as an admin; Ivy accepts.
    const again = await member(client.id, 'ivy@integrator.test', [{ roleId: 'admin', scope: 'org' }])
    expect(again.accountId).toBe(ivy.accountId)
    ;(await roster.members.acceptInvitation(ivy, { orgId: client.id }))._unsafeUnwrap()
    const can = async (orgId: string) =>
      (await roster.roles.can(ivy, { orgId, permission: 'members:create' }))._unsafeUnwrap()
    expect(await can(integrator.id)).toBe(false)
    expect(await can(client.id)).toBe(true)
    const inIntegrator = await roster.members.add(ivy, {
      orgId: integrator.id,
      email: 'x@integrator.test',
      firstName: 'X',
      lastName: 'Y',
    })
    expect(inIntegrator._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    const inClient = await roster.members.add(ivy, {
      orgId: client.id,
      email: 'x@client.test',
      firstName: 'X',
      lastName: 'Y',
    })
    expect(inClient.isOk()).toBe(true)
  })
})
