import { describe, expect, it } from 'vitest'
import { buildingsSetup } from './roles.fixtures.js'

describe('roles', () => {
  it('R3: an actor cannot grant a role holding permissions it lacks (ESCALATION), nothing stored', async () => {
    const { roster, org, founder, admin, member, storage } = await buildingsSetup()
    const opener = (
      await roster.roles.define(founder, { orgId: org.id, name: 'Opener', permissions: ['buildings:open'] })
    )._unsafeUnwrap()
    const ann = await member(org.id, 'ann@acme.test')
    const before = await storage.grants.listFor(org.id, ann.accountId)
    // admin holds every built-in permission but not the host's buildings:open.
    const refused = await roster.roles.assign(admin, {
      orgId: org.id,
      accountId: ann.accountId,
      grants: [{ roleId: opener.id, scope: 'org' }],
    })
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: 'ESCALATION', details: { roleId: opener.id } })
    const owner = await roster.roles.assign(admin, {
      orgId: org.id,
      accountId: ann.accountId,
      grants: [{ roleId: 'owner', scope: 'org' }],
    })
    expect(owner._unsafeUnwrapErr().code).toBe('ESCALATION')
    expect(await storage.grants.listFor(org.id, ann.accountId)).toEqual(before)
  })

  it('R3: the check is per scope — a building manager grants at their building only', async () => {
    const { roster, org, founder, member, towerA, towerB } = await buildingsSetup()
    const manager = (
      await roster.roles.define(founder, {
        orgId: org.id,
        name: 'Building manager',
        permissions: ['roles:assign', 'buildings:open', 'members:read'],
      })
    )._unsafeUnwrap()
    const opener = (
      await roster.roles.define(founder, { orgId: org.id, name: 'Opener', permissions: ['buildings:open'] })
    )._unsafeUnwrap()
    const mia = await member(org.id, 'mia@acme.test', [
      { roleId: manager.id, scope: { resourceId: towerA.id } },
    ])
    const ann = await member(org.id, 'ann@acme.test')
    const assign = (scope: { resourceId: string } | 'org' | { resourceType: string; all: true }) =>
      roster.roles.assign(mia, {
        orgId: org.id,
        accountId: ann.accountId,
        grants: [{ roleId: opener.id, scope }],
      })
    expect((await assign({ resourceId: towerA.id })).isOk()).toBe(true)
    expect((await assign({ resourceId: towerB.id }))._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'roles:assign' },
    })
    expect((await assign('org'))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    expect((await assign({ resourceType: 'building', all: true }))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    // At the building, granting the manager role itself is fine; owner is escalation.
    const owner = await roster.roles.assign(mia, {
      orgId: org.id,
      accountId: ann.accountId,
      grants: [{ roleId: 'owner', scope: { resourceId: towerA.id } }],
    })
    expect(owner._unsafeUnwrapErr().code).toBe('ESCALATION')
  })

  it('R3: a resource-scoped grant is checked at the resource’s real type (type-wide rights count)', async () => {
    const { roster, org, founder, member, towerB, parking } = await buildingsSetup()
    const manager = (
      await roster.roles.define(founder, {
        orgId: org.id,
        name: 'Estate manager',
        permissions: ['roles:assign', 'buildings:open'],
      })
    )._unsafeUnwrap()
    const opener = (
      await roster.roles.define(founder, { orgId: org.id, name: 'Opener', permissions: ['buildings:open'] })
    )._unsafeUnwrap()
    const eve = await member(org.id, 'eve@acme.test', [
      { roleId: manager.id, scope: { resourceType: 'building', all: true } },
    ])
    const ann = await member(org.id, 'ann@acme.test')
    const atTowerB = await roster.roles.assign(eve, {
      orgId: org.id,
      accountId: ann.accountId,
      grants: [{ roleId: opener.id, scope: { resourceId: towerB.id } }],
    })
    expect(atTowerB.isOk()).toBe(true)
    const atParking = await roster.roles.assign(eve, {
      orgId: org.id,
      accountId: ann.accountId,
      grants: [{ roleId: opener.id, scope: { resourceId: parking.id } }],
    })
    expect(atParking._unsafeUnwrapErr().code).toBe('FORBIDDEN')
  })

  it('R3: members.add checks a resource-scoped grant at the resource’s real type (not its id)', async () => {
    const { roster, org, founder, member, towerA, parking } = await buildingsSetup()
    const hr = (
      await roster.roles.define(founder, {
        orgId: org.id,
        name: 'HR',
        permissions: ['members:create', 'members:read'],
      })
    )._unsafeUnwrap()
    const estate = (
      await roster.roles.define(founder, {
        orgId: org.id,
        name: 'Estate',
        permissions: ['roles:assign', 'buildings:open'],
      })
    )._unsafeUnwrap()
    const opener = (
      await roster.roles.define(founder, { orgId: org.id, name: 'Opener', permissions: ['buildings:open'] })
    )._unsafeUnwrap()
    const hana = await member(org.id, 'hana@acme.test', [
      { roleId: hr.id, scope: 'org' },
      { roleId: estate.id, scope: { resourceType: 'building', all: true } },
    ])
    const add = (email: string, resourceId: string) =>
      roster.members.add(hana, {
        orgId: org.id,
        email,
        firstName: 'N',
        lastName: 'N',
        grants: [{ roleId: opener.id, scope: { resourceId } }],
      })
    const added = (await add('n1@acme.test', towerA.id))._unsafeUnwrap()
    expect(added.grants).toEqual([
      { roleId: opener.id, scope: { resourceId: towerA.id }, roleName: 'Opener', scopeName: 'Tower A' },
    ])
    expect((await add('n2@acme.test', parking.id))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
  })

  it('R3: defining or widening a role with permissions the actor lacks is ESCALATION', async () => {
    const { roster, org, admin } = await buildingsSetup()
    const refused = await roster.roles.define(admin, {
      orgId: org.id,
      name: 'Deleter',
      permissions: ['org:delete'],
    })
    expect(refused._unsafeUnwrapErr()).toMatchObject({
      code: 'ESCALATION',
      details: { missing: ['org:delete'] },
    })
    const role = (
      await roster.roles.define(admin, { orgId: org.id, name: 'Reader', permissions: ['members:read'] })
    )._unsafeUnwrap()
    const widened = await roster.roles.update(admin, {
      orgId: org.id,
      roleId: role.id,
      permissions: ['members:read', 'buildings:open'],
    })
    expect(widened._unsafeUnwrapErr().code).toBe('ESCALATION')
    const list = (await roster.roles.list(admin, { orgId: org.id }))._unsafeUnwrap()
    expect(list.find((r) => r.id === role.id)?.permissions).toEqual(['members:read'])
  })

  it('R3/O2: nobody removes the founder’s owner grant (FOUNDER_PROTECTED)', async () => {
    const { roster, org, founder, member } = await buildingsSetup()
    const coOwner = await member(org.id, 'co@acme.test', [{ roleId: 'owner', scope: 'org' }])
    for (const actor of [founder, coOwner]) {
      const result = await roster.roles.revoke(actor, {
        orgId: org.id,
        accountId: founder.accountId,
        roleId: 'owner',
        scope: 'org',
      })
      expect(result._unsafeUnwrapErr().code).toBe('FOUNDER_PROTECTED')
    }
    expect(
      (await roster.roles.can(founder, { orgId: org.id, permission: 'org:delete' }))._unsafeUnwrap(),
    ).toBe(true)
    // Another owner's owner grant can go — but not by an admin (it would be escalation).
    const admin = await member(org.id, 'adm@acme.test', [{ roleId: 'admin', scope: 'org' }])
    const byAdmin = await roster.roles.revoke(admin, {
      orgId: org.id,
      accountId: coOwner.accountId,
      roleId: 'owner',
      scope: 'org',
    })
    expect(byAdmin._unsafeUnwrapErr().code).toBe('ESCALATION')
    const byFounder = await roster.roles.revoke(founder, {
      orgId: org.id,
      accountId: coOwner.accountId,
      roleId: 'owner',
      scope: 'org',
    })
    expect(byFounder._unsafeUnwrap().grants).toEqual([])
  })
})
