import { describe, expect, it } from 'vitest'
import { buildingsSetup } from './roles.fixtures.js'

describe('roles', () => {
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
