import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

/** Two orgs; Alice administers Acme only, Bob is a plain member of Globex. */
async function twoTenants() {
  const test = createTestRoster()
  const { org: acme } = await test.orgWithFounder('Acme')
  const { org: globex, founder: globexFounder } = await test.orgWithFounder('Globex')
  const alice = await test.member(acme.id, 'alice@example.com', [{ roleId: 'admin', scope: 'org' }])
  const bob = await test.member(globex.id, 'bob@example.com')
  return { ...test, acme, globex, globexFounder, alice, bob }
}

describe('X3: tenant isolation', () => {
  it("X3: an admin of org A can neither read nor change org B's members", async () => {
    const { roster, globex, alice, bob, storage, mailer } = await twoTenants()
    const target = { orgId: globex.id, accountId: bob.accountId }
    const auditBefore = await storage.audit.list({ orgId: globex.id, limit: 100 })
    mailer.clear()
    const attempts = {
      get: await roster.members.get(alice, target),
      list: await roster.members.list(alice, { orgId: globex.id }),
      add: await roster.members.add(alice, {
        orgId: globex.id,
        email: 'x@example.com',
        firstName: 'X',
        lastName: 'Y',
      }),
      addMany: await roster.members.addMany(alice, {
        orgId: globex.id,
        rows: [{ email: 'x@example.com', firstName: 'X', lastName: 'Y' }],
      }),
      update: await roster.members.update(alice, { ...target, firstName: 'Hacked', title: 'Hacked' }),
      disable: await roster.members.disable(alice, target),
      enable: await roster.members.enable(alice, target),
      remove: await roster.members.remove(alice, target),
    }
    for (const [name, result] of Object.entries(attempts)) {
      // X7: an org the actor is not in answers like one that does not exist.
      expect(result.isErr() && result.error.code, name).toBe('ORG_NOT_FOUND')
    }
    expect(await storage.memberships.find(globex.id, bob.accountId)).toMatchObject({
      status: 'active',
      title: null,
    })
    expect((await storage.accounts.findById(bob.accountId))!.firstName).toBe('Max')
    expect(await storage.accounts.findByEmail('x@example.com')).toBeNull()
    expect(await storage.audit.list({ orgId: globex.id, limit: 100 })).toEqual(auditBefore)
    expect(mailer.sent).toHaveLength(0)
  })

  it('X3: an admin of org A can neither read nor change org B itself', async () => {
    const { roster, globex, globexFounder, alice, storage } = await twoTenants()
    const orgId = globex.id
    const attempts = {
      get: await roster.orgs.get(alice, { orgId }),
      update: await roster.orgs.update(alice, { orgId, name: 'Hacked' }),
      delete: await roster.orgs.delete(alice, { orgId }),
      transfer: await roster.orgs.transferFoundership(alice, { orgId, toAccountId: alice.accountId }),
    }
    for (const [name, result] of Object.entries(attempts)) {
      // X7: an org the actor is not in answers like one that does not exist.
      expect(result.isErr() && result.error.code, name).toBe('ORG_NOT_FOUND')
    }
    expect(await storage.orgs.findById(orgId)).toMatchObject({
      name: 'Globex',
      founderId: globexFounder.accountId,
    })
    expect((await roster.orgs.listMine(alice))._unsafeUnwrap().map((entry) => entry.org.name)).toEqual([
      'Acme',
    ])
  })

  it('X3: naming org A does not reach a member of org B', async () => {
    const { roster, acme, alice, bob } = await twoTenants()
    const target = { orgId: acme.id, accountId: bob.accountId }
    for (const result of [
      await roster.members.get(alice, target),
      await roster.members.update(alice, { ...target, title: 'Hacked' }),
      await roster.members.disable(alice, target),
      await roster.members.remove(alice, target),
    ]) {
      expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'member' } })
    }
    const page = (await roster.members.list(alice, { orgId: acme.id }))._unsafeUnwrap()
    expect(page.items.map((item) => item.accountId)).not.toContain(bob.accountId)
  })
})
