import { describe, expect, it } from 'vitest'
import { grantKey } from '../../domain/grant.js'
import { createTestRoster } from '@roster/test-support'

/** An org with its founder, an admin, a member (Ann) and two buildings. */
async function setup() {
  const t = createTestRoster()
  const { org, founder } = await t.orgWithFounder('Acme Property')
  const admin = await t.member(org.id, 'admin@acme.test', [{ roleId: 'admin', scope: 'org' }])
  const ann = await t.member(org.id, 'ann@acme.test')
  const create = async (name: string) =>
    (await t.roster.resources.create(founder, { orgId: org.id, type: 'building', name }))._unsafeUnwrap()
  const towerA = await create('Tower A')
  const towerB = await create('Tower B')
  const held = async (accountId = ann.accountId) =>
    (await t.storage.grants.listFor(org.id, accountId)).map(grantKey).sort()
  return { ...t, org, founder, admin, ann, towerA, towerB, held }
}

describe('roles.set', () => {
  it('R2: replaces the member’s grants with exactly the given ones, in one audit event with before and after', async () => {
    const { roster, storage, org, admin, ann, towerA, held } = await setup()
    const result = await roster.roles.set(admin, {
      orgId: org.id,
      accountId: ann.accountId,
      grants: [
        { roleId: 'admin', scope: 'org' },
        { roleId: 'member', scope: { resourceId: towerA.id } },
        { roleId: 'admin', scope: 'org' },
      ],
    })
    const view = result._unsafeUnwrap()
    expect(view.grants.map((g) => g.roleId).sort()).toEqual(['admin', 'member'])
    expect(await held()).toEqual(['admin|org|', `member|resource|${towerA.id}`].sort())
    const events = await storage.audit.list({ orgId: org.id, action: 'role.set', limit: 10 })
    expect(events).toHaveLength(1)
    expect(events[0]!.changes).toEqual({
      grants: { before: ['member|org|'], after: ['admin|org|', `member|resource|${towerA.id}`].sort() },
    })
    // No assign/revoke events of their own: one call, one audit event.
    expect(await storage.audit.list({ orgId: org.id, action: 'role.assigned', limit: 10 })).toHaveLength(0)
    expect(await storage.audit.list({ orgId: org.id, action: 'role.revoked', limit: 10 })).toHaveLength(0)
  })

  it('R2: emits role.assigned for what was added and role.revoked per role dropped', async () => {
    const { roster, org, admin, ann } = await setup()
    const seen: string[] = []
    roster.events.on('role.assigned', (e) => seen.push(`assigned:${e.roleIds.join(',')}`))
    roster.events.on('role.revoked', (e) => seen.push(`revoked:${e.roleId}`))
    await roster.roles.set(admin, {
      orgId: org.id,
      accountId: ann.accountId,
      grants: [{ roleId: 'admin', scope: 'org' }],
    })
    expect(seen).toEqual(['assigned:admin', 'revoked:member'])
  })

  it('R2: a call that changes nothing writes no audit event and emits nothing', async () => {
    const { roster, storage, org, admin, ann, held } = await setup()
    const seen: string[] = []
    roster.events.on('role.assigned', () => seen.push('assigned'))
    const result = await roster.roles.set(admin, {
      orgId: org.id,
      accountId: ann.accountId,
      grants: [{ roleId: 'member', scope: 'org' }],
    })
    expect(result.isOk()).toBe(true)
    expect(await held()).toEqual(['member|org|'])
    expect(await storage.audit.list({ orgId: org.id, action: 'role.set', limit: 10 })).toHaveLength(0)
    expect(seen).toEqual([])
  })

  it('R2: an empty list revokes every grant', async () => {
    const { roster, org, admin, ann, held } = await setup()
    const view = (
      await roster.roles.set(admin, { orgId: org.id, accountId: ann.accountId, grants: [] })
    )._unsafeUnwrap()
    expect(view.grants).toEqual([])
    expect(await held()).toEqual([])
  })

  it('R3: a custom role cannot grant what it lacks (ESCALATION), nothing stored', async () => {
    const { roster, stored, org, founder, admin, ann, held } = await setup()
    const opener = (
      await roster.roles.define(founder, { orgId: org.id, name: 'Opener', permissions: ['buildings:open'] })
    )._unsafeUnwrap()
    const before = await stored(org.id)
    // admin holds every built-in permission but not the host's buildings:open.
    const refused = await roster.roles.set(admin, {
      orgId: org.id,
      accountId: ann.accountId,
      grants: [{ roleId: opener.id, scope: 'org' }],
    })
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: 'ESCALATION', details: { roleId: opener.id } })
    expect(await held()).toEqual(['member|org|'])
    expect(await stored(org.id)).toEqual(before)
  })

  it('R3: nor take away a role stronger than its own (ESCALATION on the dropped grant), nothing stored', async () => {
    const { roster, stored, org, founder, admin, member, held } = await setup()
    const opener = (
      await roster.roles.define(founder, { orgId: org.id, name: 'Opener', permissions: ['buildings:open'] })
    )._unsafeUnwrap()
    const bob = await member(org.id, 'bob@acme.test', [
      { roleId: 'member', scope: 'org' },
      { roleId: opener.id, scope: 'org' },
    ])
    const before = await stored(org.id)
    const refused = await roster.roles.set(admin, {
      orgId: org.id,
      accountId: bob.accountId,
      grants: [{ roleId: 'member', scope: 'org' }],
    })
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: 'ESCALATION', details: { roleId: opener.id } })
    expect(await held(bob.accountId)).toEqual([`${opener.id}|org|`, 'member|org|'].sort())
    expect(await stored(org.id)).toEqual(before)
  })

  it('R3: checked per scope — a building manager sets roles at their building only (FORBIDDEN elsewhere)', async () => {
    const { roster, org, founder, member, ann, towerA, towerB, held } = await setup()
    const manager = (
      await roster.roles.define(founder, {
        orgId: org.id,
        name: 'Building manager',
        permissions: ['roles:assign', 'buildings:open', 'members:read'],
      })
    )._unsafeUnwrap()
    const mia = await member(org.id, 'mia@acme.test', [
      { roleId: manager.id, scope: { resourceId: towerA.id } },
    ])
    const keep = { roleId: 'member', scope: 'org' as const }
    const atA = await roster.roles.set(mia, {
      orgId: org.id,
      accountId: ann.accountId,
      grants: [keep, { roleId: manager.id, scope: { resourceId: towerA.id } }],
    })
    expect(atA.isOk()).toBe(true)
    const atB = await roster.roles.set(mia, {
      orgId: org.id,
      accountId: ann.accountId,
      grants: [keep, { roleId: manager.id, scope: { resourceId: towerB.id } }],
    })
    expect(atB._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'roles:assign' },
    })
    // Dropping the org-wide `member` grant is a revoke at the org, where Mia has no roles:assign.
    const dropOrg = await roster.roles.set(mia, { orgId: org.id, accountId: ann.accountId, grants: [] })
    expect(dropOrg._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    expect(await held()).toEqual([`${manager.id}|resource|${towerA.id}`, 'member|org|'].sort())
  })

  it('O2: the founder keeps the org-wide owner grant (FOUNDER_PROTECTED), nothing stored', async () => {
    const { roster, stored, org, founder, held } = await setup()
    const before = await stored(org.id)
    const refused = await roster.roles.set(founder, {
      orgId: org.id,
      accountId: founder.accountId,
      grants: [{ roleId: 'admin', scope: 'org' }],
    })
    expect(refused._unsafeUnwrapErr().code).toBe('FOUNDER_PROTECTED')
    expect(await held(founder.accountId)).toEqual(['owner|org|'])
    expect(await stored(org.id)).toEqual(before)
    // Adding beside owner is fine.
    const added = await roster.roles.set(founder, {
      orgId: org.id,
      accountId: founder.accountId,
      grants: [
        { roleId: 'owner', scope: 'org' },
        { roleId: 'admin', scope: 'org' },
      ],
    })
    expect(added.isOk()).toBe(true)
  })

  it('O5: needs roles:assign (FORBIDDEN for a plain member), nothing stored', async () => {
    const { roster, stored, org, member, ann, held } = await setup()
    const carl = await member(org.id, 'carl@acme.test')
    const before = await stored(org.id)
    const refused = await roster.roles.set(carl, {
      orgId: org.id,
      accountId: ann.accountId,
      grants: [{ roleId: 'admin', scope: 'org' }],
    })
    expect(refused._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    expect(await held()).toEqual(['member|org|'])
    expect(await stored(org.id)).toEqual(before)
  })

  it('R2: unknown roles, resources and non-members are NOT_FOUND with the entity, nothing stored', async () => {
    const { roster, stored, org, admin, ann, held } = await setup()
    const before = await stored(org.id)
    const role = await roster.roles.set(admin, {
      orgId: org.id,
      accountId: ann.accountId,
      grants: [{ roleId: 'no-such-role', scope: 'org' }],
    })
    expect(role._unsafeUnwrapErr()).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'role' } })
    const resource = await roster.roles.set(admin, {
      orgId: org.id,
      accountId: ann.accountId,
      grants: [{ roleId: 'member', scope: { resourceId: 'no-such-building' } }],
    })
    expect(resource._unsafeUnwrapErr()).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'resource' } })
    const stranger = await roster.roles.set(admin, { orgId: org.id, accountId: 'nobody', grants: [] })
    expect(stranger._unsafeUnwrapErr()).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'member' } })
    expect(await held()).toEqual(['member|org|'])
    expect(await stored(org.id)).toEqual(before)
  })

  it('X4: bad input is VALIDATION naming the field, nothing stored', async () => {
    const { roster, stored, org, admin, ann } = await setup()
    const before = await stored(org.id)
    const result = await roster.roles.set(admin, {
      orgId: org.id,
      accountId: ann.accountId,
      grants: [{ roleId: '', scope: 'everywhere' as never }],
    })
    expect(result._unsafeUnwrapErr().code).toBe('VALIDATION')
    const paths = (result._unsafeUnwrapErr().details as { issues: { path: string }[] }).issues.map(
      (i) => i.path,
    )
    expect(paths.some((p) => p.startsWith('grants.0'))).toBe(true)
    expect(await stored(org.id)).toEqual(before)
  })

  it('R2: concurrent sets of one member end with one caller’s set, never a mix', async () => {
    const { roster, org, admin, ann, towerA, towerB, held } = await setup()
    const sets = [
      [{ roleId: 'admin', scope: 'org' as const }],
      [{ roleId: 'member', scope: { resourceId: towerA.id } }],
      [
        { roleId: 'member', scope: { resourceId: towerB.id } },
        { roleId: 'member', scope: 'org' as const },
      ],
    ]
    const results = await Promise.all(
      sets.map((grants) => roster.roles.set(admin, { orgId: org.id, accountId: ann.accountId, grants })),
    )
    for (const result of results) expect(result.isOk()).toBe(true)
    const expected = [
      ['admin|org|'],
      [`member|resource|${towerA.id}`],
      [`member|resource|${towerB.id}`, 'member|org|'].sort(),
    ].map((keys) => JSON.stringify(keys))
    expect(expected).toContain(JSON.stringify(await held()))
  })
})
