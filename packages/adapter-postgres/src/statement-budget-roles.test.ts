// Pins how many statements a role change costs, so the count cannot creep back: `roles.set` (one
// call a "change role" screen makes) against the `roles.assign` + `roles.revoke` pair it replaces.
import { createRoster, scryptPasswordHasher, systemActor } from '@roster/core'
import { createMemoryMailer } from '@roster/core/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { harnesses } from './test-support.js'

/** What `roles.set` sends today (BEGIN and COMMIT included); lower it when a read is folded. */
const SET_ROLES_BUDGET = 7

for (const harness of harnesses()) {
  describe(`on ${harness.name}`, () => {
    afterAll(() => harness.close())

    it(`statement budget: roles.set in at most ${SET_ROLES_BUDGET} statements, fewer than assign + revoke`, async () => {
      let statements: string[] = []
      const database = await harness.open({ onStatement: (text) => statements.push(text) })
      try {
        const roster = createRoster({
          storage: database.storage,
          mailer: createMemoryMailer(),
          passwordHasher: scryptPasswordHasher({ N: 2 ** 10 }),
          outbox: { dispatch: 'manual' },
        })
        const measure = async <T>(fn: () => PromiseLike<T>) => {
          statements = []
          const value = await fn()
          return { value, count: statements.length, first: statements[0], last: statements.at(-1) }
        }
        const system = systemActor('test')
        const fay = (
          await roster.accounts.signUp({ email: 'fay@example.com', firstName: 'Fay', lastName: 'F' })
        )._unsafeUnwrap()
        await database.storage.accounts.update(fay.id, { status: 'active' })
        const founder = { accountId: fay.id }
        const org = (await roster.orgs.create(system, { name: 'Acme', founderId: fay.id }))._unsafeUnwrap()
        const ada = (
          await roster.members.add(founder, {
            orgId: org.id,
            email: 'ada@example.com',
            firstName: 'A',
            lastName: 'L',
          })
        )._unsafeUnwrap()
        const target = { orgId: org.id, accountId: ada.accountId }

        // member → admin, the old way: assign admin, then revoke member.
        const assigned = await measure(() =>
          roster.roles.assign(founder, { ...target, grants: [{ roleId: 'admin', scope: 'org' }] }),
        )
        const revoked = await measure(() =>
          roster.roles.revoke(founder, { ...target, roleId: 'member', scope: 'org' }),
        )
        expect(assigned.value.isOk() && revoked.value.isOk()).toBe(true)

        // admin → member, one call.
        const set = await measure(() =>
          roster.roles.set(founder, { ...target, grants: [{ roleId: 'member', scope: 'org' }] }),
        )
        expect(set.value._unsafeUnwrap().grants.map((g) => g.roleId)).toEqual(['member'])
        expect(set.first).toMatch(/^begin/i)
        expect(set.last).toMatch(/^commit/i)
        expect(set.count).toBeLessThanOrEqual(SET_ROLES_BUDGET)
        expect(set.count).toBeLessThan(assigned.count + revoked.count)
      } finally {
        await harness.dispose(database)
      }
    })
  })
}
