import { describe, expect } from 'vitest'
import { joinRequest } from './access-fixtures.js'
import { at } from './fixtures.js'
import { type ConformanceTest, parallel, seedAccount, seedOrg } from './harness.js'

export function joinRequestsConformance(test: ConformanceTest): void {
  describe('join requests', () => {
    test('insert stores a pending request; findById returns it, null for an unknown id', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      const request = joinRequest(f, org, account, { message: 'Hello' })
      expect(await storage.joinRequests.insert(request)).toEqual({ status: 'inserted' })
      expect(await storage.joinRequests.findById(request.orgId, request.id)).toEqual(request)
      expect(await storage.joinRequests.findById(f.id(), f.id())).toBeNull()
    })

    test('by-id calls are scoped to the org: another org sees no request of that id; orgOf finds its org', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const other = await seedOrg(storage, f)
      const request = joinRequest(f, org, await seedAccount(storage, f))
      await storage.joinRequests.insert(request)
      expect(await storage.joinRequests.orgOf(request.id)).toBe(org.id)
      expect(await storage.joinRequests.orgOf(f.id())).toBeNull()
      expect(await storage.joinRequests.findById(other.id, request.id)).toBeNull()
      expect(
        await storage.joinRequests.decide(other.id, request.id, {
          status: 'denied',
          decidedBy: null,
          reason: null,
          decidedAt: at(0),
        }),
      ).toEqual({ status: 'not-found' })
      expect(await storage.joinRequests.findById(org.id, request.id)).toEqual(request)
    })

    test('J1: insert returns exists with the pending one while the account has one there; decided ones do not count', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      const first = joinRequest(f, org, account)
      await storage.joinRequests.insert(first)
      const second = joinRequest(f, org, account)
      expect(await storage.joinRequests.insert(second)).toEqual({ status: 'exists', pending: first })
      expect(await storage.joinRequests.findById(second.orgId, second.id)).toBeNull()
      // Another org, or another account, is another pair.
      expect(await storage.joinRequests.insert(joinRequest(f, await seedOrg(storage, f), account))).toEqual({
        status: 'inserted',
      })
      await storage.joinRequests.decide(first.orgId, first.id, {
        status: 'denied',
        decidedBy: null,
        reason: 'no',
        decidedAt: at(1),
      })
      expect(await storage.joinRequests.insert(second)).toEqual({ status: 'inserted' })
    })

    test('J2: decide moves a pending request once; then not-pending with the request as it is', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      const decider = await seedAccount(storage, f)
      const request = joinRequest(f, org, account)
      await storage.joinRequests.insert(request)
      const decision = { status: 'approved' as const, decidedBy: decider.id, reason: null, decidedAt: at(2) }
      const decided = { ...request, ...decision }
      expect(await storage.joinRequests.decide(request.orgId, request.id, decision)).toEqual({
        status: 'decided',
        request: decided,
      })
      expect(
        await storage.joinRequests.decide(request.orgId, request.id, {
          status: 'denied',
          decidedBy: null,
          reason: 'x',
          decidedAt: at(3),
        }),
      ).toEqual({ status: 'not-pending', request: decided })
      expect(await storage.joinRequests.findById(request.orgId, request.id)).toEqual(decided)
      expect(
        await storage.joinRequests.decide(f.id(), f.id(), {
          status: 'cancelled',
          decidedBy: null,
          reason: null,
          decidedAt: at(3),
        }),
      ).toEqual({ status: 'not-found' })
    })

    test('list pages the org’s requests by id ascending, filtered by status, at most limit', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const requests = []
      for (let i = 0; i < 4; i++) requests.push(joinRequest(f, org, await seedAccount(storage, f)))
      for (const request of [...requests].reverse()) await storage.joinRequests.insert(request)
      await storage.joinRequests.insert(
        joinRequest(f, await seedOrg(storage, f), await seedAccount(storage, f)),
      )
      await storage.joinRequests.decide(requests[1]!.orgId, requests[1]!.id, {
        status: 'cancelled',
        decidedBy: requests[1]!.accountId,
        reason: null,
        decidedAt: at(1),
      })
      const all = await storage.joinRequests.list({ orgId: org.id, limit: 10 })
      expect(all.map((r) => r.id)).toEqual(requests.map((r) => r.id))
      const pending = requests.filter((_, i) => i !== 1)
      const first = await storage.joinRequests.list({ orgId: org.id, status: 'pending', limit: 2 })
      expect(first).toEqual(pending.slice(0, 2))
      expect(
        await storage.joinRequests.list({
          orgId: org.id,
          status: 'pending',
          limit: 2,
          afterId: first[1]!.id,
        }),
      ).toEqual(pending.slice(2))
      expect(
        (await storage.joinRequests.list({ orgId: org.id, status: 'cancelled', limit: 10 })).map((r) => r.id),
      ).toEqual([requests[1]!.id])
    })

    test('J2: listForAccount returns the account’s own requests to every org, newest first, at most limit', async ({
      storage,
      f,
    }) => {
      const account = await seedAccount(storage, f)
      const other = await seedAccount(storage, f)
      const first = joinRequest(f, await seedOrg(storage, f), account)
      const second = joinRequest(f, await seedOrg(storage, f), account)
      const third = joinRequest(f, await seedOrg(storage, f), account)
      for (const request of [second, first, third]) await storage.joinRequests.insert(request)
      await storage.joinRequests.insert(joinRequest(f, await seedOrg(storage, f), other))
      await storage.joinRequests.decide(first.orgId, first.id, {
        status: 'denied',
        decidedBy: null,
        reason: 'We only take staff.',
        decidedAt: at(1),
      })
      const mine = await storage.joinRequests.listForAccount(account.id, 10)
      expect(mine.map((r) => r.id)).toEqual([third.id, second.id, first.id])
      expect(mine[2]).toMatchObject({ status: 'denied', reason: 'We only take staff.' })
      expect((await storage.joinRequests.listForAccount(account.id, 2)).map((r) => r.id)).toEqual([
        third.id,
        second.id,
      ])
      expect(await storage.joinRequests.listForAccount(f.id(), 10)).toEqual([])
      expect(await storage.joinRequests.listForAccount(account.id, 0)).toEqual([])
    })

    test('J1 concurrency: 20 parallel inserts for one (account, org) leave exactly one pending', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const account = await seedAccount(storage, f)
      const outcomes = await parallel(20, () =>
        storage.transaction((tx) => tx.joinRequests.insert(joinRequest(f, org, account))),
      )
      expect(outcomes.filter((o) => o.status === 'inserted')).toHaveLength(1)
      expect(await storage.joinRequests.list({ orgId: org.id, status: 'pending', limit: 50 })).toHaveLength(1)
    })

    test('J2 concurrency: 10 parallel decisions on one request, exactly one decided', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const request = joinRequest(f, org, await seedAccount(storage, f))
      await storage.joinRequests.insert(request)
      const outcomes = await parallel(10, (i) =>
        storage.transaction((tx) =>
          tx.joinRequests.decide(request.orgId, request.id, {
            status: i % 2 ? 'approved' : 'denied',
            decidedBy: null,
            reason: null,
            decidedAt: at(i),
          }),
        ),
      )
      expect(outcomes.filter((o) => o.status === 'decided')).toHaveLength(1)
      expect(outcomes.filter((o) => o.status === 'not-pending')).toHaveLength(9)
    })
  })
}
