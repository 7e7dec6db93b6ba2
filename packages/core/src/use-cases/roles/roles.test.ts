import { describe, expect, it } from 'vitest'
import { createTestRoster } from '../../test-support.js'

/** A roster with an org, its founder, an admin and two buildings (Tower A, Tower B) and a parking lot. */
async function buildingsSetup() {
  const setup = createTestRoster()
  const { roster, orgWithFounder, member } = setup
  const { org, founder } = await orgWithFounder('Acme Property')
  const admin = await member(org.id, 'admin@acme.test', [{ roleId: 'admin', scope: 'org' }])
  const create = async (type: string, name: string) =>
    (await roster.resources.create(founder, { orgId: org.id, type, name }))._unsafeUnwrap()
  const towerA = await create('building', 'Tower A')
  const towerB = await create('building', 'Tower B')
  const parking = await create('parking', 'Parking P1')
  return { ...setup, org, founder, admin, towerA, towerB, parking }
}

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

  it('R4: built-in roles cannot be deleted or emptied', async () => {
    const { roster, org, founder } = await buildingsSetup()
    for (const roleId of ['owner', 'admin', 'member']) {
      const deleted = await roster.roles.delete(founder, { orgId: org.id, roleId })
      expect(deleted._unsafeUnwrapErr()).toMatchObject({
        code: 'FORBIDDEN',
        details: { reason: 'built-in-role' },
      })
      const emptied = await roster.roles.update(founder, { orgId: org.id, roleId, permissions: [] })
      expect(emptied._unsafeUnwrapErr().code).toBe('VALIDATION')
      const changed = await roster.roles.update(founder, {
        orgId: org.id,
        roleId,
        permissions: ['members:read'],
      })
      expect(changed._unsafeUnwrapErr()).toMatchObject({
        code: 'FORBIDDEN',
        details: { reason: 'built-in-role' },
      })
    }
    const roles = (await roster.roles.list(founder, { orgId: org.id }))._unsafeUnwrap()
    expect(roles.slice(0, 3).map((r) => [r.id, r.builtIn])).toEqual([
      ['owner', true],
      ['admin', true],
      ['member', true],
    ])
    expect(roles[0]).toMatchObject({ allPermissions: true })
    expect(roles[0]!.permissions).toContain('buildings:open')
    expect(roles[1]!.permissions).not.toContain('org:delete')
  })

  it('R4: a custom role cannot be emptied, and deleting one still assigned is ROLE_IN_USE', async () => {
    const { roster, org, founder, member, towerA, storage } = await buildingsSetup()
    const opener = (
      await roster.roles.define(founder, { orgId: org.id, name: 'Opener', permissions: ['buildings:open'] })
    )._unsafeUnwrap()
    const emptied = await roster.roles.update(founder, { orgId: org.id, roleId: opener.id, permissions: [] })
    expect(emptied._unsafeUnwrapErr().code).toBe('VALIDATION')
    const ann = await member(org.id, 'ann@acme.test', [
      { roleId: opener.id, scope: { resourceId: towerA.id } },
    ])
    const inUse = await roster.roles.delete(founder, { orgId: org.id, roleId: opener.id })
    expect(inUse._unsafeUnwrapErr()).toMatchObject({ code: 'ROLE_IN_USE', details: { grants: 1 } })
    expect(await storage.roles.findByIds(org.id, [opener.id])).toHaveLength(1)
    ;(
      await roster.roles.revoke(founder, {
        orgId: org.id,
        accountId: ann.accountId,
        roleId: opener.id,
        scope: { resourceId: towerA.id },
      })
    )._unsafeUnwrap()
    expect(
      (await roster.roles.delete(founder, { orgId: org.id, roleId: opener.id }))._unsafeUnwrap(),
    ).toEqual({
      roleId: opener.id,
    })
    const gone = await roster.roles.delete(founder, { orgId: org.id, roleId: opener.id })
    expect(gone._unsafeUnwrapErr()).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'role' } })
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

  it('O5: only actors holding the permission run a use-case (members:create, roles:manage, roles:assign)', async () => {
    const { roster, org, member, towerA } = await buildingsSetup()
    const plain = await member(org.id, 'plain@acme.test')
    const add = await roster.members.add(plain, {
      orgId: org.id,
      email: 'n@acme.test',
      firstName: 'N',
      lastName: 'N',
    })
    expect(add._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'members:create' },
    })
    const define = await roster.roles.define(plain, {
      orgId: org.id,
      name: 'X',
      permissions: ['members:read'],
    })
    expect(define._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'roles:manage' },
    })
    const assign = await roster.roles.assign(plain, {
      orgId: org.id,
      accountId: plain.accountId,
      grants: [{ roleId: 'member', scope: { resourceId: towerA.id } }],
    })
    expect(assign._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'roles:assign' },
    })
    const resource = await roster.resources.create(plain, { orgId: org.id, type: 'building', name: 'X' })
    expect(resource._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    const department = await roster.departments.create(plain, { orgId: org.id, name: 'X' })
    expect(department._unsafeUnwrapErr().code).toBe('FORBIDDEN')
  })

  it('can: ORG_NOT_FOUND for a non-member (X7), true for the system actor, VALIDATION for an unknown permission, NOT_FOUND for an unknown resource', async () => {
    const { roster, org, system, activeAccount, founder } = await buildingsSetup()
    const stranger = await activeAccount('stranger@else.test')
    expect(
      (await roster.roles.can(stranger, { orgId: org.id, permission: 'members:read' }))._unsafeUnwrapErr()
        .code,
    ).toBe('ORG_NOT_FOUND')
    expect(
      (await roster.roles.can(system, { orgId: org.id, permission: 'org:delete' }))._unsafeUnwrap(),
    ).toBe(true)
    const typo = await roster.roles.can(founder, {
      orgId: org.id,
      permission: 'buildings:opne' as 'buildings:open',
    })
    expect(typo._unsafeUnwrapErr()).toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'permission' }] },
    })
    const resource = await roster.roles.can(founder, {
      orgId: org.id,
      permission: 'members:read',
      resource: 'nope',
    })
    expect(resource._unsafeUnwrapErr()).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'resource' } })
    const noOrg = await roster.roles.can(founder, { orgId: 'nope', permission: 'members:read' })
    expect(noOrg._unsafeUnwrapErr().code).toBe('ORG_NOT_FOUND')
  })

  it('host permissions are typed: a typo is a compile error, and unknown ones are VALIDATION at run time', async () => {
    const { roster, org, founder, storage } = await buildingsSetup()
    const typed = await roster.roles.define(founder, {
      orgId: org.id,
      name: 'Typo',
      // @ts-expect-error 'buildings:opne' is not a permission of this roster
      permissions: ['buildings:opne'],
    })
    expect(typed._unsafeUnwrapErr()).toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'permissions.0', message: 'Unknown permission buildings:opne' }] },
    })
    expect(await storage.roles.list(org.id)).toEqual([])
  })

  it('roles: bad input is VALIDATION naming each field, and nothing is stored', async () => {
    const { roster, org, founder, storage, stored } = await buildingsSetup()
    const before = await stored(org.id)
    const result = await roster.roles.define(founder, {
      orgId: org.id,
      name: '  ',
      permissions: ['not a permission' as 'members:read'],
    })
    const error = result._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    const paths = (error.details?.issues as { path: string }[]).map((issue) => issue.path)
    expect(paths).toEqual(expect.arrayContaining(['name', 'permissions.0']))
    const reserved = await roster.roles.define(founder, {
      orgId: org.id,
      name: 'Admin',
      permissions: ['members:read'],
    })
    expect(reserved._unsafeUnwrapErr()).toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'name' }] },
    })
    ;(
      await roster.roles.define(founder, { orgId: org.id, name: 'Opener', permissions: ['buildings:open'] })
    )._unsafeUnwrap()
    const dup = await roster.roles.define(founder, {
      orgId: org.id,
      name: 'OPENER',
      permissions: ['members:read'],
    })
    expect(dup._unsafeUnwrapErr()).toMatchObject({ code: 'VALIDATION', details: { conflict: 'name' } })
    const badScope = await roster.roles.assign(founder, {
      orgId: org.id,
      accountId: founder.accountId,
      grants: [{ roleId: 'member', scope: { resourceType: 'Not A Type', all: true } }],
    })
    expect(badScope._unsafeUnwrapErr().code).toBe('VALIDATION')
    expect(await storage.roles.list(org.id)).toHaveLength(1)
    const after = await stored(org.id)
    expect(after.audit).toBe(before.audit + 1)
  })

  it('X3: roles and resources of another org cannot be granted (NOT_FOUND)', async () => {
    const { roster, org, founder, orgWithFounder } = await buildingsSetup()
    const { org: other, founder: otherFounder } = await orgWithFounder('Other')
    const foreignRole = (
      await roster.roles.define(otherFounder, {
        orgId: other.id,
        name: 'Foreign',
        permissions: ['members:read'],
      })
    )._unsafeUnwrap()
    const foreignBuilding = (
      await roster.resources.create(otherFounder, { orgId: other.id, type: 'building', name: 'Elsewhere' })
    )._unsafeUnwrap()
    const role = await roster.roles.assign(founder, {
      orgId: org.id,
      accountId: founder.accountId,
      grants: [{ roleId: foreignRole.id, scope: 'org' }],
    })
    expect(role._unsafeUnwrapErr()).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'role' } })
    const resource = await roster.roles.assign(founder, {
      orgId: org.id,
      accountId: founder.accountId,
      grants: [{ roleId: 'member', scope: { resourceId: foreignBuilding.id } }],
    })
    expect(resource._unsafeUnwrapErr()).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'resource' } })
  })
})
