// The core use-cases on each storage (PGlite, and Postgres when ROSTER_TEST_DATABASE_URL is set), with their
// statement budgets. The package exports and migrations are in package.test.ts.
import { type Connection, createRoster, scryptPasswordHasher, systemActor } from '@roster/core'
import { createMemoryMailer } from '@roster/core/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { harnesses, type OpenOptions } from './test-support.js'

for (const harness of harnesses()) {
  describe(`on ${harness.name}`, () => {
    afterAll(() => harness.close())

    /** A roster over a fresh database, counting the statements each call sends. */
    async function counted(options: OpenOptions = {}) {
      let statements: string[] = []
      const database = await harness.open({ ...options, onStatement: (text) => statements.push(text) })
      const mailer = createMemoryMailer()
      const roster = createRoster({
        storage: database.storage,
        mailer,
        passwordHasher: scryptPasswordHasher({ N: 2 ** 10 }),
        // Delivery is the outbox's job, measured on its own; the use-cases are measured here.
        outbox: { dispatch: 'manual' },
      })
      const measure = async <T>(fn: () => PromiseLike<T>) => {
        statements = []
        const value = await fn()
        return { value, statements: [...statements] }
      }
      return { database, roster, mailer, measure }
    }

    it('runs the core use-cases: sign up, activate, create an org, add members, list and search them', async () => {
      const { database, roster, mailer } = await counted()
      try {
        const signedUp = (
          await roster.accounts.signUp({ email: 'fay@example.com', firstName: 'Fay', lastName: 'Founder' })
        )._unsafeUnwrap()
        expect(signedUp.status).toBe('pending_activation')
        await roster.outbox.dispatch()
        const token = mailer.last('fay@example.com')?.data.token as string
        const activated = (
          await roster.activation.activate({ token, password: 'correct horse battery staple' })
        )._unsafeUnwrap()
        expect(activated.status).toBe('active')
        // The link is single use.
        const again = await roster.activation.activate({ token, password: 'correct horse battery staple' })
        expect(again._unsafeUnwrapErr().code).toBe('TOKEN_INVALID')

        const founder = { accountId: signedUp.id }
        const org = (await roster.orgs.create(founder, { name: 'Acme Property' }))._unsafeUnwrap()
        for (const [email, firstName, lastName] of [
          ['ada@example.com', 'Ada', 'Lovelace'],
          ['alan@example.com', 'Alan', 'Turing'],
          ['elodie@example.com', 'Élodie', 'Ørsted'],
        ] as const) {
          const added = (
            await roster.members.add(founder, { orgId: org.id, email, firstName, lastName })
          )._unsafeUnwrap()
          expect(added.membershipStatus).toBe('invited')
        }
        const duplicate = await roster.members.add(founder, {
          orgId: org.id,
          email: 'ADA@example.com ',
          firstName: 'Ada',
          lastName: 'Again',
        })
        expect(duplicate._unsafeUnwrapErr().code).toBe('ALREADY_MEMBER')

        const page = (await roster.members.list(founder, { orgId: org.id, limit: 2 }))._unsafeUnwrap()
        expect(page.items.map((m) => m.email)).toEqual(['fay@example.com', 'ada@example.com'])
        const rest = (
          await roster.members.list(founder, {
            orgId: org.id,
            limit: 2,
            cursor: page.nextCursor ?? undefined,
          })
        )._unsafeUnwrap()
        expect(rest.items.map((m) => m.email)).toEqual(['alan@example.com', 'elodie@example.com'])
        expect(rest.nextCursor).toBeNull()
        const found = (await roster.members.list(founder, { orgId: org.id, search: 'élo' }))._unsafeUnwrap()
        expect(found.items.map((m) => m.lastName)).toEqual(['Ørsted'])
        const founderView = page.items[0]!
        expect(founderView).toMatchObject({ isFounder: true, membershipStatus: 'active' })
        expect(founderView.grants.map((g) => g.roleId)).toEqual(['owner'])

        // Activating an invited member activates the membership too (A8, A2b).
        await roster.outbox.dispatch()
        const adaToken = mailer.last('ada@example.com')?.data.token as string
        ;(
          await roster.activation.activate({ token: adaToken, password: 'another long password' })
        )._unsafeUnwrap()
        const ada = (await roster.members.list(founder, { orgId: org.id, search: 'ada' }))._unsafeUnwrap()
        expect(ada.items[0]).toMatchObject({ accountStatus: 'active', membershipStatus: 'active' })
      } finally {
        await harness.dispose(database)
      }
    })

    it('statement budget: members.add in at most 8 statements, BEGIN and COMMIT included', async () => {
      const { database, roster, measure } = await counted()
      try {
        const system = systemActor('test')
        const founderAccount = (
          await roster.members.add(system, {
            orgId: 'x'.repeat(32),
            email: 'unused@example.com',
            firstName: 'U',
            lastName: 'U',
          })
        ).isErr()
        expect(founderAccount).toBe(true)
        const fay = (
          await roster.accounts.signUp({ email: 'fay@example.com', firstName: 'Fay', lastName: 'F' })
        )._unsafeUnwrap()
        const org = (await roster.orgs.create(system, { name: 'Acme', founderId: fay.id })).isErr()
        expect(org).toBe(true) // a pending account cannot found an org
        await database.storage.accounts.update(fay.id, { status: 'active' })
        const acme = (await roster.orgs.create(system, { name: 'Acme', founderId: fay.id }))._unsafeUnwrap()
        const founder = { accountId: fay.id }

        const added = await measure(() =>
          roster.members.add(founder, {
            orgId: acme.id,
            email: 'ada@example.com',
            firstName: 'Ada',
            lastName: 'L',
          }),
        )
        expect(added.value.isOk()).toBe(true)
        expect(added.statements[0]).toMatch(/^begin/i)
        expect(added.statements.at(-1)).toMatch(/^commit/i)
        expect(added.statements.length).toBeLessThanOrEqual(8)

        // An existing account attached to a second org (invitation mail, no token).
        const other = (await roster.orgs.create(founder, { name: 'Other' }))._unsafeUnwrap()
        const attached = await measure(() =>
          roster.members.add(founder, {
            orgId: other.id,
            email: 'ada@example.com',
            firstName: 'Ada',
            lastName: 'L',
          }),
        )
        expect(attached.value.isOk()).toBe(true)
        expect(attached.statements.length).toBeLessThanOrEqual(8)
      } finally {
        await harness.dispose(database)
      }
    })

    it('statement budget: a members page in at most 3 statements, authorization included, names and managed fields too', async () => {
      const { database, roster, measure } = await counted()
      try {
        const fay = (
          await roster.accounts.signUp({ email: 'fay@example.com', firstName: 'Fay', lastName: 'F' })
        )._unsafeUnwrap()
        await database.storage.accounts.update(fay.id, { status: 'active' })
        const founder = { accountId: fay.id }
        const org = (await roster.orgs.create(founder, { name: 'Acme' }))._unsafeUnwrap()
        const rows = Array.from({ length: 120 }, (_, i) => ({
          email: `person${i}@example.com`,
          firstName: `First${i}`,
          lastName: `Last${i}`,
        }))
        ;(await roster.members.addMany(founder, { orgId: org.id, rows }))._unsafeUnwrap()

        const first = await measure(() => roster.members.list(founder, { orgId: org.id, limit: 100 }))
        const page = first.value._unsafeUnwrap()
        expect(page.items).toHaveLength(100)
        expect(first.statements.length).toBeLessThanOrEqual(3)
        const second = await measure(() =>
          roster.members.list(founder, { orgId: org.id, limit: 100, cursor: page.nextCursor ?? undefined }),
        )
        expect(second.value._unsafeUnwrap().items).toHaveLength(21)
        expect(second.statements.length).toBe(first.statements.length)
        const searched = await measure(() =>
          roster.members.list(founder, { orgId: org.id, search: 'first1', limit: 100 }),
        )
        expect(searched.value._unsafeUnwrap().items).toHaveLength(31) // first1, first10..19, first100..119
        expect(searched.statements.length).toBe(first.statements.length)

        // Rows with custom roles, resource-scoped grants and a directory-managed member: the directory
        // query reads role and resource names and managed fields with the rows, so still ≤ 3.
        const caretaker = (
          await roster.roles.define(founder, {
            orgId: org.id,
            name: 'Caretaker',
            permissions: ['members:read'],
          })
        )._unsafeUnwrap()
        const towers = await Promise.all(
          ['Tower A', 'Tower B', 'Tower C'].map(async (name) =>
            (
              await roster.resources.create(founder, { orgId: org.id, type: 'building', name })
            )._unsafeUnwrap(),
          ),
        )
        const scoped = Array.from({ length: 30 }, (_, i) => ({
          email: `scoped${i}@example.com`,
          firstName: `Scoped${i}`,
          lastName: 'S',
          grants: [
            { roleId: caretaker.id, scope: { resourceId: towers[i % 3]!.id } },
            { roleId: caretaker.id, scope: { resourceType: 'parking', all: true as const } },
            { roleId: 'member', scope: 'org' as const },
          ],
        }))
        ;(await roster.members.addMany(founder, { orgId: org.id, rows: scoped }))._unsafeUnwrap()
        const connection: Connection = {
          id: 'c'.repeat(26),
          orgId: org.id,
          kind: 'directory',
          sourceKey: 'hr',
          guestOrgId: null,
          status: 'active',
          onMissing: 'disable',
          intervalMinutes: null,
          managedFields: ['email', 'firstName', 'lastName'],
          run: 0,
          lastRunAt: null,
          lastCompletedAt: null,
          nextRunAt: null,
          leaseUntil: null,
          createdBy: null,
          approvedBy: null,
          createdAt: new Date(),
          updatedAt: new Date(),
        }
        expect(await database.storage.connections.insert(connection)).toEqual({ status: 'inserted' })
        const syncedId = page.items[7]!.accountId
        await database.storage.memberships.update(org.id, syncedId, { source: connection.id })

        const named = await measure(() => roster.members.list(founder, { orgId: org.id, limit: 200 }))
        const items = named.value._unsafeUnwrap().items
        expect(items).toHaveLength(151)
        expect(named.statements.length).toBeLessThanOrEqual(3)
        expect(named.statements.some((text) => /^(begin|commit)/i.test(text))).toBe(false)
        const scopedView = items.find((m) => m.email === 'scoped4@example.com')!
        expect(scopedView.grants.map((g) => [g.roleName, g.scopeName]).sort()).toEqual([
          ['Caretaker', 'Every parking'],
          ['Caretaker', 'Tower B'],
          ['Member', 'Organization'],
        ])
        expect(items.find((m) => m.accountId === syncedId)?.managedFields).toEqual([
          'email',
          'firstName',
          'lastName',
        ])
        // With a resource filter (its lookup is the third statement) and a role filter.
        const atTower = await measure(() =>
          roster.members.list(founder, { orgId: org.id, resourceId: towers[0]!.id, roleId: caretaker.id }),
        )
        expect(atTower.value._unsafeUnwrap().items).toHaveLength(10)
        expect(atTower.statements.length).toBeLessThanOrEqual(3)
        // One member, the same way (members.get).
        const got = await measure(() => roster.members.get(founder, { orgId: org.id, accountId: syncedId }))
        expect(got.value._unsafeUnwrap().managedFields).toEqual(['email', 'firstName', 'lastName'])
        expect(got.statements.length).toBeLessThanOrEqual(2)
      } finally {
        await harness.dispose(database)
      }
    })

    it('with deferAppends: false every write is its own statement, and the same rows are stored', async () => {
      const { database, roster, measure } = await counted({ deferAppends: false })
      try {
        const fay = (
          await roster.accounts.signUp({ email: 'fay@example.com', firstName: 'Fay', lastName: 'F' })
        )._unsafeUnwrap()
        await database.storage.accounts.update(fay.id, { status: 'active' })
        const founder = { accountId: fay.id }
        const org = (await roster.orgs.create(founder, { name: 'Acme' }))._unsafeUnwrap()
        const added = await measure(() =>
          roster.members.add(founder, {
            orgId: org.id,
            email: 'ada@example.com',
            firstName: 'Ada',
            lastName: 'L',
          }),
        )
        expect(added.value.isOk()).toBe(true)
        expect(added.statements.length).toBe(9) // the deferred path's 6 (statement-budget-members), plus the audit, outbox and token inserts each on its own
        const audit = await database.storage.audit.list({ orgId: org.id, limit: 10 })
        expect(audit.map((e) => e.action)).toEqual(['member.added', 'org.created'])
        expect(
          (await database.storage.outbox.list({ orgId: org.id, limit: 10 })).map((m) => m.template),
        ).toEqual(['activation'])
      } finally {
        await harness.dispose(database)
      }
    })
  })
}
