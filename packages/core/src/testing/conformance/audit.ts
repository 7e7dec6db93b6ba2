import { describe, expect } from 'vitest'
import type { AuditEvent } from '../../domain/audit-event.js'
import type { AuditQuery, Storage } from '../../ports/storage.js'
import { at } from './fixtures.js'
import { type ConformanceTest, seedAccount, seedOrg } from './harness.js'

const ids = (events: AuditEvent[]) => events.map((event) => event.id)
const newestFirst = (events: AuditEvent[]) => [...events].reverse().map((event) => event.id)

/** Walks every page of a query with `beforeId`, checking each page's size. */
async function allPages(storage: Storage, query: Omit<AuditQuery, 'beforeId'>): Promise<AuditEvent[]> {
  const events: AuditEvent[] = []
  let beforeId: string | undefined
  for (let guard = 0; guard < 100; guard++) {
    const page = await storage.audit.list({ ...query, ...(beforeId === undefined ? {} : { beforeId }) })
    expect(page.length).toBeLessThanOrEqual(query.limit)
    events.push(...page)
    const last = page.at(-1)
    if (!last) return events
    beforeId = last.id
  }
  throw new Error('list never ran out of events')
}

export function auditConformance(test: ConformanceTest): void {
  describe('audit', () => {
    test('list returns an empty list when nothing matches', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      expect(await storage.audit.list({ orgId: null, limit: 10 })).toEqual([])
      expect(await storage.audit.list({ orgId: org.id, limit: 10 })).toEqual([])
    })

    test('append stores the event as given (actor, changes, date by value)', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const actor = await seedAccount(storage, f)
      const byPerson = f.auditEvent({
        orgId: org.id,
        actor: { kind: 'account', id: actor.id },
        action: 'member.added',
        targetType: 'membership',
        targetId: actor.id,
        changes: { status: { before: null, after: 'invited' }, password: {}, tags: { after: ['a', 'b'] } },
        at: at(3),
      })
      const bySystem = f.auditEvent({ actor: { kind: 'system', reason: 'nightly sync' }, changes: {} })
      await storage.audit.append(byPerson)
      await storage.audit.append(bySystem)
      expect(await storage.audit.list({ orgId: org.id, limit: 10 })).toEqual([byPerson])
      expect(await storage.audit.list({ orgId: null, limit: 10 })).toEqual([bySystem])
    })

    test('list keeps each org’s events apart; orgId null lists the events of no org', async ({
      storage,
      f,
    }) => {
      const orgA = await seedOrg(storage, f)
      const orgB = await seedOrg(storage, f)
      const a1 = f.auditEvent({ orgId: orgA.id })
      const global = f.auditEvent({ orgId: null })
      const b1 = f.auditEvent({ orgId: orgB.id })
      const a2 = f.auditEvent({ orgId: orgA.id })
      for (const event of [a1, global, b1, a2]) await storage.audit.append(event)
      expect(ids(await storage.audit.list({ orgId: orgA.id, limit: 10 }))).toEqual([a2.id, a1.id])
      expect(ids(await storage.audit.list({ orgId: orgB.id, limit: 10 }))).toEqual([b1.id])
      expect(ids(await storage.audit.list({ orgId: null, limit: 10 }))).toEqual([global.id])
      expect(await storage.audit.list({ orgId: f.id(), limit: 10 })).toEqual([])
    })

    test('list filters by action, actorId and targetId', async ({ storage, f }) => {
      const org = await seedOrg(storage, f)
      const ann = await seedAccount(storage, f)
      const bob = await seedAccount(storage, f)
      // Targets are ids in the core's format, like every id the core hands to storage.
      const [t1, t2] = [f.id(), f.id()]
      const e1 = f.auditEvent({
        orgId: org.id,
        actor: { kind: 'account', id: ann.id },
        action: 'member.added',
        targetId: t1,
      })
      const e2 = f.auditEvent({
        orgId: org.id,
        actor: { kind: 'account', id: bob.id },
        action: 'member.added',
        targetId: t2,
      })
      const e3 = f.auditEvent({
        orgId: org.id,
        actor: { kind: 'account', id: ann.id },
        action: 'member.removed',
        targetId: t2,
      })
      const e4 = f.auditEvent({
        orgId: org.id,
        actor: { kind: 'system', reason: ann.id },
        action: 'member.removed',
        targetId: t1,
      })
      for (const event of [e1, e2, e3, e4]) await storage.audit.append(event)
      const list = (query: Partial<AuditQuery>) =>
        storage.audit.list({ orgId: org.id, limit: 10, ...query }).then(ids)
      expect(await list({ action: 'member.added' })).toEqual([e2.id, e1.id])
      expect(await list({ action: 'member.removed' })).toEqual([e4.id, e3.id])
      expect(await list({ action: 'member' })).toEqual([])
      // A system actor has no account id, whatever its reason says.
      expect(await list({ actorId: ann.id })).toEqual([e3.id, e1.id])
      expect(await list({ actorId: bob.id })).toEqual([e2.id])
      expect(await list({ targetId: t2 })).toEqual([e3.id, e2.id])
      expect(await list({ targetId: t1, action: 'member.removed' })).toEqual([e4.id])
      expect(await list({ actorId: ann.id, action: 'member.added', targetId: t1 })).toEqual([e1.id])
      expect(await list({ actorId: bob.id, targetId: t1 })).toEqual([])
    })

    test('list filters by time: since inclusive, until exclusive', async ({ storage, f }) => {
      const events = [0, 10, 20, 30].map((minutes) => f.auditEvent({ at: at(minutes) }))
      for (const event of events) await storage.audit.append(event)
      const [e0, e10, e20, e30] = events.map((event) => event.id)
      const list = (query: Partial<AuditQuery>) =>
        storage.audit.list({ orgId: null, limit: 10, ...query }).then(ids)
      expect(await list({ since: at(10) })).toEqual([e30, e20, e10])
      expect(await list({ since: at(11) })).toEqual([e30, e20])
      expect(await list({ until: at(20) })).toEqual([e10, e0])
      expect(await list({ until: at(21) })).toEqual([e20, e10, e0])
      expect(await list({ since: at(10), until: at(30) })).toEqual([e20, e10])
      expect(await list({ since: at(31) })).toEqual([])
    })

    test('list returns at most limit events, newest first', async ({ storage, f }) => {
      const events = Array.from({ length: 5 }, () => f.auditEvent())
      // Appended out of order: the order is by id, not by insertion.
      for (const event of [events[3], events[0], events[4], events[1], events[2]])
        await storage.audit.append(event!)
      expect(ids(await storage.audit.list({ orgId: null, limit: 2 }))).toEqual(
        newestFirst(events).slice(0, 2),
      )
      expect(ids(await storage.audit.list({ orgId: null, limit: 10 }))).toEqual(newestFirst(events))
    })

    test('list with beforeId visits every event exactly once, newest first, across pages', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const events: AuditEvent[] = []
      for (let i = 0; i < 7; i++) {
        const event = f.auditEvent({ orgId: org.id, action: i % 2 === 0 ? 'even' : 'odd' })
        events.push(event)
        await storage.audit.append(event)
        await storage.audit.append(f.auditEvent({ orgId: null }))
      }
      for (const limit of [1, 3, 7, 10])
        expect(ids(await allPages(storage, { orgId: org.id, limit }))).toEqual(newestFirst(events))
      expect(ids(await allPages(storage, { orgId: org.id, action: 'even', limit: 2 }))).toEqual(
        newestFirst(events.filter((_, i) => i % 2 === 0)),
      )
      expect(ids(await storage.audit.list({ orgId: org.id, beforeId: events[3]!.id, limit: 10 }))).toEqual(
        newestFirst(events.slice(0, 3)),
      )
    })

    test('append is written in the caller’s transaction and undone with it', async ({ storage, f }) => {
      const kept = f.auditEvent()
      const dropped = f.auditEvent()
      await storage.transaction(async (tx) => {
        await tx.audit.append(kept)
        expect(ids(await tx.audit.list({ orgId: null, limit: 10 }))).toEqual([kept.id])
      })
      await expect(
        storage.transaction(async (tx) => {
          await tx.audit.append(dropped)
          throw new Error('rollback')
        }),
      ).rejects.toThrow('rollback')
      expect(await storage.audit.list({ orgId: null, limit: 10 })).toEqual([kept])
    })
  })
}
