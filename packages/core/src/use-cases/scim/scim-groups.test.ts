import { describe, expect, it } from 'vitest'
import { ada, setupScim } from './test-fixtures.js'

/** A SCIM connection with `n` provisioned users and a custom role to map groups to. */
async function withUsers(n: number, options: Parameters<typeof setupScim>[0] = {}) {
  const t = await setupScim({ connection: { credential: 'none' }, ...options })
  const users: string[] = []
  for (let i = 1; i <= n; i++)
    users.push((await t.roster.scim.users.provision(t.principal, ada(i)))._unsafeUnwrap().id)
  const role = (
    await t.roster.roles.define(t.admin, {
      orgId: t.org.id,
      name: 'Caretaker',
      permissions: ['members:read'],
    })
  )._unsafeUnwrap()
  const connectionId = t.created.connection.connectionId
  const roleIds = async (accountId: string) =>
    (await t.storage.grants.listFor(t.org.id, accountId)).map((g) => g.roleId).sort()
  return { ...t, users, role, connectionId, roleIds }
}

describe('scim groups', () => {
  it('SC12: a created group is stored unmapped, with its members, found by displayName in any case', async () => {
    const { roster, principal, users } = await withUsers(2)
    const group = (
      await roster.scim.groups.create(principal, {
        displayName: 'Engineering',
        externalId: 'okta-1',
        members: users,
      })
    )._unsafeUnwrap()
    expect(group).toMatchObject({
      displayName: 'Engineering',
      externalId: 'okta-1',
      mapping: null,
      members: [...users].sort(),
      memberCount: 2,
      version: 1,
    })
    const found = (
      await roster.scim.groups.list(principal, { displayName: 'ENGINEERING', members: false })
    )._unsafeUnwrap()
    expect(found.total).toBe(1)
    expect(found.items[0]).toMatchObject({ id: group.id, memberCount: 2 })
    expect(found.items[0]).not.toHaveProperty('members')
  })

  it('SC12: a displayName the connection has, ignoring case, is INVALID_STATE and stores nothing', async () => {
    const { roster, principal, tables } = await withUsers(0)
    ;(await roster.scim.groups.create(principal, { displayName: 'Sales' }))._unsafeUnwrap()
    const before = tables()
    const again = await roster.scim.groups.create(principal, { displayName: ' sales ' })
    expect(again._unsafeUnwrapErr()).toMatchObject({
      code: 'INVALID_STATE',
      details: { reason: 'displayName' },
    })
    expect(tables()).toEqual(before)
  })

  it('SC12, X4: a member that is not a user of the connection is VALIDATION; nothing is stored', async () => {
    const { roster, principal, tables, users } = await withUsers(1)
    const before = tables()
    const bad = await roster.scim.groups.create(principal, {
      displayName: 'X',
      members: [users[0]!, 'nobody'],
    })
    expect(bad._unsafeUnwrapErr()).toMatchObject({ code: 'VALIDATION' })
    expect(tables()).toEqual(before)
    const long = await roster.scim.groups.create(principal, { displayName: 'x'.repeat(301) })
    expect(long._unsafeUnwrapErr()).toMatchObject({ code: 'VALIDATION' })
  })

  it('SC2: another connection cannot see, change or delete a group (NOT_FOUND, like an unknown id)', async () => {
    const { roster, principal, admin, org } = await withUsers(0)
    const group = (await roster.scim.groups.create(principal, { displayName: 'Mine' }))._unsafeUnwrap()
    const other = (
      await roster.scim.createConnection(admin, { orgId: org.id, name: 'Entra' })
    )._unsafeUnwrap()
    const intruder = (await roster.scim.authenticate({ token: other.secret.token }))._unsafeUnwrap()
    for (const result of [
      await roster.scim.groups.get(intruder, { id: group.id }),
      await roster.scim.groups.rename(intruder, { id: group.id, displayName: 'Theirs' }),
      await roster.scim.groups.delete(intruder, { id: group.id }),
    ]) {
      expect(result._unsafeUnwrapErr()).toMatchObject({
        code: 'NOT_FOUND',
        details: { entity: 'scim-group' },
      })
    }
    expect((await roster.scim.groups.list(intruder))._unsafeUnwrap().total).toBe(0)
  })

  it('SC12: rename bumps the version; If-Match on an old version is CONFLICT and changes nothing', async () => {
    const { roster, principal } = await withUsers(0)
    const group = (await roster.scim.groups.create(principal, { displayName: 'Ops' }))._unsafeUnwrap()
    const renamed = (
      await roster.scim.groups.rename(principal, { id: group.id, displayName: 'Operations' })
    )._unsafeUnwrap()
    expect(renamed).toMatchObject({ displayName: 'Operations', version: 2 })
    const stale = await roster.scim.groups.patch(principal, {
      id: group.id,
      ifVersion: 1,
      displayName: 'Ops again',
    })
    expect(stale._unsafeUnwrapErr()).toMatchObject({ code: 'CONFLICT', details: { reason: 'version' } })
    expect((await roster.scim.groups.get(principal, { id: group.id }))._unsafeUnwrap().displayName).toBe(
      'Operations',
    )
  })

  it('SC8, SC11: membership changes are audited as the connection; a deleted group takes back its role', async () => {
    const { roster, principal, admin, org, users, role, connectionId, roleIds } = await withUsers(1)
    const group = (
      await roster.scim.groups.create(principal, { displayName: 'Care', members: users })
    )._unsafeUnwrap()
    ;(
      await roster.scim.mapGroup(admin, {
        orgId: org.id,
        connectionId,
        groupId: group.id,
        mapping: { kind: 'role', roleId: role.id, resourceIds: 'every' },
      })
    )._unsafeUnwrap()
    expect(await roleIds(users[0]!)).toEqual([role.id, 'member'].sort())
    ;(await roster.scim.groups.delete(principal, { id: group.id }))._unsafeUnwrap()
    expect(await roleIds(users[0]!)).toEqual(['member'])
    expect((await roster.scim.groups.get(principal, { id: group.id }))._unsafeUnwrapErr().code).toBe(
      'NOT_FOUND',
    )
    const activity = (
      await roster.scim.activity(admin, { orgId: org.id, connectionId, limit: 50 })
    )._unsafeUnwrap()
    const actions = activity.items.map((event) => event.action)
    expect(actions).toEqual(
      expect.arrayContaining(['scim.group.created', 'scim.group.deleted', 'role.revoked']),
    )
  })

  it('SC10: a role mapping at chosen resources gives one grant per resource', async () => {
    const { roster, principal, admin, org, users, role, connectionId, storage } = await withUsers(1)
    const tower = (
      await roster.resources.create(admin, { orgId: org.id, type: 'building', name: 'Tower' })
    )._unsafeUnwrap()
    const group = (
      await roster.scim.groups.create(principal, { displayName: 'Tower care', members: users })
    )._unsafeUnwrap()
    ;(
      await roster.scim.mapGroup(admin, {
        orgId: org.id,
        connectionId,
        groupId: group.id,
        mapping: { kind: 'role', roleId: role.id, resourceIds: [tower.id] },
      })
    )._unsafeUnwrap()
    const grants = await storage.grants.listFor(org.id, users[0]!)
    expect(grants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ roleId: role.id, scopeKind: 'resource', scopeValue: tower.id }),
      ]),
    )
  })

  it('SC10, R3: mapping needs connections:manage, an existing role, and no escalation', async () => {
    const { roster, principal, admin, org, role, connectionId, member, tables } = await withUsers(0)
    const group = (await roster.scim.groups.create(principal, { displayName: 'G' }))._unsafeUnwrap()
    const input = (mapping: Parameters<typeof roster.scim.mapGroup>[1]['mapping']) => ({
      orgId: org.id,
      connectionId,
      groupId: group.id,
      mapping,
    })
    const plain = await member(org.id, 'plain@example.com')
    expect(
      (
        await roster.scim.mapGroup(plain, input({ kind: 'role', roleId: role.id, resourceIds: 'every' }))
      )._unsafeUnwrapErr(),
    ).toMatchObject({ code: 'FORBIDDEN' })
    // Managing connections is not handing out roles (R3): a connector may not map a group to one.
    const connectorRole = (
      await roster.roles.define(admin, {
        orgId: org.id,
        name: 'Connector',
        permissions: ['connections:manage'],
      })
    )._unsafeUnwrap()
    const connector = await member(org.id, 'connector@example.com', [
      { roleId: connectorRole.id, scope: 'org' },
    ])
    const before2 = tables()
    expect(
      (
        await roster.scim.mapGroup(connector, input({ kind: 'role', roleId: role.id, resourceIds: 'every' }))
      )._unsafeUnwrapErr(),
    ).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'roles:assign' } })
    expect(tables()).toEqual(before2)
    expect(
      (
        await roster.scim.mapGroup(admin, input({ kind: 'role', roleId: 'missing', resourceIds: 'every' }))
      )._unsafeUnwrapErr(),
    ).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'role' } })
    expect(
      (
        await roster.scim.mapGroup(admin, input({ kind: 'department', departmentId: 'missing' }))
      )._unsafeUnwrapErr(),
    ).toMatchObject({ code: 'DEPARTMENT_NOT_FOUND' })
    expect(
      (await roster.scim.mapGroup(admin, input({ kind: 'license', product: 'nothing' })))._unsafeUnwrapErr(),
    ).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'license-pool' } })
    expect(tables()).toEqual(before2)
    const listed = (await roster.scim.listGroups(admin, { orgId: org.id, connectionId }))._unsafeUnwrap()
    expect(listed).toMatchObject({ total: 1, items: [{ id: group.id, mapping: null, memberCount: 0 }] })
  })

  it('SC11, SC5: a SCIM DELETE of a user takes back what its groups gave', async () => {
    const { roster, principal, admin, org, users, role, connectionId, roleIds } = await withUsers(1)
    const group = (
      await roster.scim.groups.create(principal, { displayName: 'Care', members: users })
    )._unsafeUnwrap()
    ;(
      await roster.scim.mapGroup(admin, {
        orgId: org.id,
        connectionId,
        groupId: group.id,
        mapping: { kind: 'role', roleId: role.id, resourceIds: 'every' },
      })
    )._unsafeUnwrap()
    ;(await roster.scim.users.deprovision(principal, { id: users[0]! }))._unsafeUnwrap()
    expect(await roleIds(users[0]!)).toEqual(['member'])
    expect((await roster.scim.groups.get(principal, { id: group.id }))._unsafeUnwrap().members).toEqual([])
  })

  it('SC10, L3: a guest in a license group fails the PATCH with NOT_LICENSABLE; nothing is stored', async () => {
    const t = await withUsers(1, { connection: { credential: 'none', memberType: 'guest' } })
    ;(
      await t.roster.licenses.createPool(t.admin, { orgId: t.org.id, product: 'crm', seats: 5 })
    )._unsafeUnwrap()
    const group = (await t.roster.scim.groups.create(t.principal, { displayName: 'CRM' }))._unsafeUnwrap()
    ;(
      await t.roster.scim.mapGroup(t.admin, {
        orgId: t.org.id,
        connectionId: t.connectionId,
        groupId: group.id,
        mapping: { kind: 'license', product: 'crm' },
      })
    )._unsafeUnwrap()
    const before = t.tables()
    const refused = await t.roster.scim.groups.addMembers(t.principal, { id: group.id, members: t.users })
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: 'NOT_LICENSABLE' })
    expect(t.tables()).toEqual(before)
  })
})
