// Fenced claims of the outbox (E3, at-most-once delivery): a message is marked `sending` before the
// mailer sees it, `sending` is never due again, and every write about an attempt checks the claim
// token, so a dispatcher whose lease lapsed cannot send or record a message someone else claimed.
import { describe, expect } from 'vitest'
import { at } from './fixtures.js'
import { partitionOf } from '../../domain/partition.js'
import { type ConformanceTest, seedOrg, sorted } from './harness.js'

export function outboxClaimsConformance(test: ConformanceTest): void {
  describe('outbox claims', () => {
    test('E3: claimDue stores the claim token on every message it hands out', async ({ storage, f }) => {
      const message = f.outboxMessage({ nextAttemptAt: at(0) })
      await storage.outbox.enqueue(message)
      const [claimed] = await storage.outbox.claimDue(at(0), 10, at(5), 'claim-a')
      expect(claimed).toEqual({ ...message, claim: 'claim-a', attempts: 1, nextAttemptAt: at(5) })
      expect(await storage.outbox.findById(message.id)).toEqual(claimed)
    })

    test('E3, issue 16: claimDue with a partition hands out only the mail of the orgs partitionOf puts in it (no org is the org "")', async ({
      storage,
      f,
    }) => {
      const messages = [f.outboxMessage({ nextAttemptAt: at(0) })]
      for (let i = 0; i < 7; i++) {
        const org = await seedOrg(storage, f)
        messages.push(f.outboxMessage({ orgId: org.id, nextAttemptAt: at(0) }))
      }
      for (const message of messages) await storage.outbox.enqueue(message)
      const count = 3
      const claimedIds: string[] = []
      for (let index = 0; index < count; index++) {
        const claimed = await storage.outbox.claimDue(at(0), 20, at(5), `claim-${index}`, { index, count })
        expect(claimed.map((m) => m.id)).toEqual(
          messages.filter((m) => partitionOf(m.orgId, count) === index).map((m) => m.id),
        )
        claimedIds.push(...claimed.map((m) => m.id))
      }
      expect(claimedIds.sort()).toEqual(messages.map((m) => m.id).sort())
    })

    test('E3: markSending moves a message to sending only under its current claim', async ({
      storage,
      f,
    }) => {
      const message = f.outboxMessage({ nextAttemptAt: at(0) })
      await storage.outbox.enqueue(message)
      await storage.outbox.claimDue(at(0), 10, at(5), 'claim-a')
      expect(await storage.outbox.markSending(message.id, 'claim-b')).toBe(false)
      expect(await storage.outbox.findById(message.id)).toMatchObject({ status: 'pending', claim: 'claim-a' })
      expect(await storage.outbox.markSending(message.id, 'claim-a')).toBe(true)
      expect(await storage.outbox.findById(message.id)).toEqual({
        ...message,
        status: 'sending',
        claim: 'claim-a',
        attempts: 1,
        nextAttemptAt: at(5),
      })
      // Once sending, not even its own claim moves it again.
      expect(await storage.outbox.markSending(message.id, 'claim-a')).toBe(false)
    })

    test('E3: a lapsed claimer cannot send what a later claimer took over', async ({ storage, f }) => {
      const message = f.outboxMessage({ nextAttemptAt: at(0) })
      await storage.outbox.enqueue(message)
      await storage.outbox.claimDue(at(0), 10, at(1), 'slow')
      // The slow claimer's lease passes (or its clock is behind); another one claims the message.
      expect((await storage.outbox.claimDue(at(1), 10, at(6), 'fast')).map((m) => m.id)).toEqual([message.id])
      expect(await storage.outbox.markSending(message.id, 'slow')).toBe(false)
      expect(
        await storage.outbox.markFailed(message.id, {
          error: 'late',
          attempts: 1,
          nextAttemptAt: at(2),
          status: 'pending',
          claim: 'slow',
        }),
      ).toBe(false)
      expect(await storage.outbox.markSending(message.id, 'fast')).toBe(true)
      expect(await storage.outbox.markSent(message.id, at(2), 'slow')).toBe(false)
      expect(await storage.outbox.findById(message.id)).toMatchObject({
        status: 'sending',
        claim: 'fast',
        attempts: 2,
      })
      expect(await storage.outbox.markSent(message.id, at(2), 'fast')).toBe(true)
      expect(await storage.outbox.findById(message.id)).toMatchObject({
        status: 'sent',
        claim: null,
        sentAt: at(2),
      })
    })

    test('E3: a message left sending is never claimed again, whatever the time', async ({ storage, f }) => {
      const message = f.outboxMessage({ nextAttemptAt: at(0) })
      await storage.outbox.enqueue(message)
      await storage.outbox.claimDue(at(0), 10, at(1), 'a')
      expect(await storage.outbox.markSending(message.id, 'a')).toBe(true)
      expect(await storage.outbox.claimDue(at(60 * 24 * 365), 10, at(60 * 24 * 366), 'b')).toEqual([])
      expect(await storage.outbox.list({ limit: 10, status: 'sending' })).toHaveLength(1)
    })

    test('E3: markSent applies only to a message sending under that claim', async ({ storage, f }) => {
      const message = f.outboxMessage({ nextAttemptAt: at(0) })
      await storage.outbox.enqueue(message)
      await storage.outbox.claimDue(at(0), 10, at(5), 'a')
      // Claimed but not marked sending: it was never handed to a mailer.
      expect(await storage.outbox.markSent(message.id, at(1), 'a')).toBe(false)
      expect(await storage.outbox.findById(message.id)).toMatchObject({
        status: 'pending',
        text: message.text,
      })
    })

    test('E3: markFailed under the claim ends the attempt; the message is due again with no claim', async ({
      storage,
      f,
    }) => {
      const message = f.outboxMessage({ nextAttemptAt: at(0) })
      await storage.outbox.enqueue(message)
      await storage.outbox.claimDue(at(0), 10, at(5), 'a')
      expect(await storage.outbox.markSending(message.id, 'a')).toBe(true)
      expect(
        await storage.outbox.markFailed(message.id, {
          error: 'connection reset',
          attempts: 1,
          nextAttemptAt: at(2),
          status: 'pending',
          claim: 'a',
        }),
      ).toBe(true)
      expect(await storage.outbox.findById(message.id)).toMatchObject({
        status: 'pending',
        claim: null,
        lastError: 'connection reset',
        nextAttemptAt: at(2),
      })
      // The ended claim fences nothing any more: a second markFailed or markSending under it is refused.
      expect(await storage.outbox.markSending(message.id, 'a')).toBe(false)
      expect((await storage.outbox.claimDue(at(2), 10, at(7), 'b')).map((m) => m.id)).toEqual([message.id])
    })

    test('E3: markFailed with claim null (a requeue) applies in any state', async ({ storage, f }) => {
      const message = f.outboxMessage({ nextAttemptAt: at(0) })
      await storage.outbox.enqueue(message)
      await storage.outbox.claimDue(at(0), 10, at(5), 'a')
      await storage.outbox.markSending(message.id, 'a')
      expect(
        await storage.outbox.markFailed(message.id, {
          error: 'requeued',
          attempts: 0,
          nextAttemptAt: at(9),
          status: 'pending',
          claim: null,
        }),
      ).toBe(true)
      expect(await storage.outbox.findById(message.id)).toMatchObject({
        status: 'pending',
        claim: null,
        attempts: 0,
      })
      // The old claimer's late outcome changes nothing.
      expect(await storage.outbox.markSent(message.id, at(9), 'a')).toBe(false)
    })

    test('E3: a message enqueued with a claim is held by it until nextAttemptAt', async ({ storage, f }) => {
      const message = f.outboxMessage({ claim: 'inline', attempts: 1, nextAttemptAt: at(1) })
      await storage.transaction(async (tx) => tx.outbox.enqueue(message))
      expect(await storage.outbox.findById(message.id)).toEqual(message)
      expect(await storage.outbox.claimDue(at(0), 10, at(5), 'dispatcher')).toEqual([])
      expect(await storage.outbox.markSending(message.id, 'inline')).toBe(true)

      const lapsed = f.outboxMessage({ claim: 'inline', attempts: 1, nextAttemptAt: at(1) })
      await storage.transaction(async (tx) => tx.outbox.enqueue(lapsed))
      expect((await storage.outbox.claimDue(at(1), 10, at(5), 'dispatcher')).map((m) => m.id)).toEqual([
        lapsed.id,
      ])
      expect(await storage.outbox.markSending(lapsed.id, 'inline')).toBe(false)
    })

    test('E3: lapsed and fresh claimers racing markSending: each message is sent by exactly one', async ({
      storage,
      f,
    }) => {
      const messages = Array.from({ length: 12 }, () => f.outboxMessage({ nextAttemptAt: at(0) }))
      for (const message of messages) await storage.outbox.enqueue(message)
      await storage.outbox.claimDue(at(0), 100, at(1), 'slow')
      // The fresh claimer claims after the lease lapsed while the slow one marks its batch.
      const [slowResults, fresh] = await Promise.all([
        Promise.all(messages.map((m) => storage.outbox.markSending(m.id, 'slow'))),
        storage.outbox
          .claimDue(at(1), 100, at(6), 'fresh')
          .then((claimed) =>
            Promise.all(
              claimed.map(async (m) => ({ id: m.id, mine: await storage.outbox.markSending(m.id, 'fresh') })),
            ),
          ),
      ])
      const senders = new Map<string, number>()
      messages.forEach((m, i) => {
        if (slowResults[i]) senders.set(m.id, (senders.get(m.id) ?? 0) + 1)
      })
      for (const { id, mine } of fresh) if (mine) senders.set(id, (senders.get(id) ?? 0) + 1)
      expect(sorted([...senders.keys()])).toEqual(sorted(messages.map((m) => m.id)))
      expect([...senders.values()].every((n) => n === 1)).toBe(true)
      const stored = await storage.outbox.list({ limit: 100 })
      expect(stored.every((m) => m.status === 'sending')).toBe(true)
    })
  })
}
