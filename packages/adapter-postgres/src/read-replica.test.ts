// `readReplica`: which statements go where. A real streaming replica is not available here, so
// the "replica" is a second migrated database (a schema of its own on the server, a second PGlite)
// that never receives the primary's writes — a replica lagging forever. Writes must still work in
// full (nothing they read comes from it), and the staleness-tolerant reads must show its state.
import { createMemoryMailer, createRoster, scryptPasswordHasher, systemActor } from '@roster/core'
import { afterAll, describe, expect, it } from 'vitest'
import { postgresStorage } from './postgres-storage.js'
import { harnesses } from './test-support.js'

const primaries = harnesses()
const replicas = harnesses()
const WRITE = /^\s*(insert|update|delete|with\b[\s\S]*\b(insert|update|delete)\b|begin|commit|savepoint)/i

for (const [index, primaryHarness] of primaries.entries()) {
  const replicaHarness = replicas[index]!
  describe(`readReplica (${primaryHarness.name})`, () => {
    afterAll(() => Promise.all([primaryHarness.close(), replicaHarness.close()]))

    it('sends pages, rows and the audit log to the replica; writes, their reads and the access check to the primary', async () => {
      const onPrimary: string[] = []
      const onReplica: string[] = []
      const primary = await primaryHarness.open({ onStatement: (sql) => onPrimary.push(sql) })
      const replica = await replicaHarness.open({ onStatement: (sql) => onReplica.push(sql) })
      try {
        const storage = postgresStorage(primary.db, { readReplica: replica.db })
        const mailer = createMemoryMailer()
        const roster = createRoster({
          storage,
          mailer,
          passwordHasher: scryptPasswordHasher({ N: 2 ** 10 }),
          outbox: { dispatch: 'manual' },
        })
        const system = systemActor('replica test')
        const founder = (
          await roster.accounts.signUp({ email: 'fay@example.com', firstName: 'Fay', lastName: 'Founder' })
        )._unsafeUnwrap()
        await roster.outbox.dispatch()
        const token = mailer.last('fay@example.com')?.data.token as string
        expect(
          (await roster.activation.activate({ token, password: 'correct horse battery staple' })).isOk(),
        ).toBe(true)
        const created = await roster.orgs.create(system, { name: 'Replica Org', founderId: founder.id })
        if (created.isErr()) throw new Error(JSON.stringify(created.error))
        const org = created.value
        const added = await roster.members.add(system, {
          orgId: org.id,
          email: 'rae@example.com',
          firstName: 'Rae',
          lastName: 'Plica',
        })
        // The write read its premises (the org, the email) from the primary: it succeeded although
        // the replica has no org at all, and a second add sees the first.
        expect(added.isOk()).toBe(true)
        const again = await roster.members.add(system, {
          orgId: org.id,
          email: 'rae@example.com',
          firstName: 'Rae',
          lastName: 'Again',
        })
        expect(again._unsafeUnwrapErr().code).toBe('ALREADY_MEMBER')
        expect(onReplica).toEqual([])

        // The lists come from the replica, which has not caught up (forever, here).
        const page = (await roster.members.list(system, { orgId: org.id }))._unsafeUnwrap()
        expect(page.items).toEqual([])
        const audit = (await roster.audit.list(system, { orgId: org.id }))._unsafeUnwrap()
        expect(audit.items).toEqual([])
        // The same reads on the primary see the writes (read your writes there).
        expect(
          (await postgresStorage(primary.db).memberships.page({ orgId: org.id, limit: 10 })).length,
        ).toBe(2)

        expect(onReplica.length).toBeGreaterThanOrEqual(2)
        expect(onReplica.filter((sql) => WRITE.test(sql))).toEqual([])
        expect(onReplica.some((sql) => /audit_events/.test(sql))).toBe(true)
        expect(onReplica.some((sql) => /memberships/.test(sql))).toBe(true)
        expect(onPrimary.some((sql) => /^\s*begin/i.test(sql))).toBe(true)
      } finally {
        await primaryHarness.dispose(primary)
        await replicaHarness.dispose(replica)
      }
    })

    it('inside a transaction every call goes to the primary, the routed reads included', async () => {
      const onReplica: string[] = []
      const primary = await primaryHarness.open()
      const replica = await replicaHarness.open({ onStatement: (sql) => onReplica.push(sql) })
      try {
        const storage = postgresStorage(primary.db, { readReplica: replica.db })
        await storage.transaction(async (tx) => {
          await tx.memberships.page({ orgId: 'org-x', limit: 5 })
          await tx.audit.list({ orgId: 'org-x', limit: 5 })
          await tx.roles.list('org-x')
        })
        expect(onReplica).toEqual([])
        // …and outside one they do go to the replica (the control).
        await storage.roles.list('org-x')
        expect(onReplica.length).toBe(1)
      } finally {
        await primaryHarness.dispose(primary)
        await replicaHarness.dispose(replica)
      }
    })
  })
}
