import { memoryStorage } from '@roster/adapter-memory'
import { describe, expect, it } from 'vitest'
import type { Storage, StorageRepositories } from '../../ports/storage.js'
import { listSource, people, person, setupDirectory } from './test-fixtures.js'

/**
 * Memory storage whose transactions count every repository call (`repo.method`), and whose
 * `accounts.findByEmails` can be made blind — as if another writer created an account between the
 * batch's read and its insert.
 */
function instrumented() {
  const inner = memoryStorage()
  const calls: string[] = []
  const state = { blindEmails: false }
  const wrap = (repos: StorageRepositories): StorageRepositories =>
    new Proxy(repos, {
      get(target, area: string) {
        const repo = Reflect.get(target, area) as Record<string, unknown>
        if (typeof repo !== 'object' || repo === null) return repo
        return new Proxy(repo, {
          get(r, method: string) {
            const fn = Reflect.get(r, method)
            if (typeof fn !== 'function') return fn
            return (...args: unknown[]) => {
              calls.push(`${area}.${method}`)
              if (state.blindEmails && area === 'accounts' && method === 'findByEmails')
                return Promise.resolve([])
              return fn.apply(r, args)
            }
          },
        })
      },
    })
  const storage = new Proxy(inner, {
    get(target, prop) {
      if (prop === 'transaction')
        return <T>(fn: (tx: StorageRepositories) => Promise<T>) => target.transaction((tx) => fn(wrap(tx)))
      const value = Reflect.get(target, prop)
      return typeof value === 'function' ? value.bind(target) : value
    },
  }) as Storage
  return { storage, calls, state }
}

describe('connections.sync of new people in bulk', () => {
  it('S4: a batch of new people costs a few storage calls per batch, not per person', async () => {
    const { storage, calls } = instrumented()
    const t = await setupDirectory(listSource(people(1, 200)), { storage })
    t.mailer.clear()
    calls.length = 0
    const report = await t.sync({ batchSize: 500 })
    expect(report).toMatchObject({ added: 200, errorCount: 0, complete: true })
    const writes = calls.filter((call) => !/^(audit\.append|outbox\.enqueue|tokens\.insert)$/.test(call))
    // Lease, connection, org, links, blocklist, accounts, 3 inserts, managed fields; then the missing pass.
    expect(writes.length).toBeLessThan(20)
    expect(calls.filter((call) => call === 'accounts.insertMany')).toHaveLength(1)
    expect(calls).not.toContain('accounts.insert')
    expect(calls).not.toContain('memberships.insert')
    expect(calls).not.toContain('connectionLinks.insert')
    // Every person still gets their activation mail (A3) and audit row, in source order.
    expect(t.mailer.sent.map((m) => m.to)).toEqual(people(1, 200).map((p) => p.email))
    const added = (await t.audit()).filter(
      (event) => event.action === 'member.added' && event.changes.source?.after === t.connection.id,
    )
    expect(added).toHaveLength(200)
  })

  it('S2, A2: an account created between the batch read and its insert falls back to the per-person path and is attached', async () => {
    const { storage, state } = instrumented()
    const t = await setupDirectory(
      listSource([
        person(1, { email: 'Sam@Example.com', firstName: 'Samuel', lastName: 'Other' }),
        person(2),
      ]),
      { storage },
    )
    const sam = await t.activeAccount('sam@example.com', { firstName: 'Sam', lastName: 'Self' })
    t.mailer.clear()
    state.blindEmails = true
    const report = await t.sync()
    expect(report).toMatchObject({ added: 2, errorCount: 0, errors: [] })
    // Attached as it is: active at once, its profile untouched, no mail to it.
    expect(await t.memberView(sam.accountId)).toMatchObject({
      firstName: 'Sam',
      lastName: 'Self',
      membershipStatus: 'active',
    })
    expect(t.mailer.sent.map((m) => [m.to, m.template])).toEqual([['person2@corp.test', 'activation']])
    const links = await storage.connectionLinks.find({ orgId: t.org.id, connectionId: t.connection.id }, [
      'e0001',
      'e0002',
    ])
    expect(Object.fromEntries(links.map((link) => [link.externalId, link.ownsAccount]))).toEqual({
      e0001: false,
      e0002: true,
    })
    // Idempotent: the next run changes nothing.
    state.blindEmails = false
    expect(await t.sync()).toMatchObject({ unchanged: 2, added: 0, updated: 0 })
  })

  it('S2: in one batch, bulk and per-person people keep their outcomes (repeated email, blocked, local member, inactive)', async () => {
    const source = listSource([
      person(1),
      person(2, { email: 'PERSON1@corp.test' }),
      person(3, { email: 'bounced@corp.test' }),
      person(4, { email: 'plain@agency.test' }),
      person(5, { active: false }),
      person(6),
    ])
    const t = await setupDirectory(source)
    await t.storage.blocklist.add({ emailKey: 'bounced@corp.test', kind: 'bounce', createdAt: new Date(0) })
    const report = await t.sync()
    expect(report).toMatchObject({ added: 2, unchanged: 1, errorCount: 3 })
    expect(report.errors.map((e) => [e.externalId, e.code])).toEqual([
      ['e0002', 'EMAIL_TAKEN'],
      ['e0003', 'EMAIL_BLOCKED'],
      ['e0004', 'ALREADY_MEMBER'],
    ])
    expect((await t.accountOf('person6@corp.test')).status).toBe('pending_activation')
  })
})
