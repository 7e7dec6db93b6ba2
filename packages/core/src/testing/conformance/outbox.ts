import { describe, expect } from 'vitest'
import type { OutboxMessage } from '../../domain/mail-message.js'
import { at } from './fixtures.js'
import { type ConformanceTest, seedOrg, sorted } from './harness.js'

const ids = (messages: OutboxMessage[]) => messages.map((message) => message.id)

export function outboxConformance(test: ConformanceTest): void {
  describe('outbox', () => {
    test('enqueue stores the message as given; findById returns it, null when unknown', async ({
      storage,
      f,
    }) => {
      const org = await seedOrg(storage, f)
      const message = f.outboxMessage({
        orgId: org.id,
        template: 'invitation',
        language: 'fr',
        data: { orgName: 'Acme', count: 3, nested: { ok: true }, list: ['a'] },
        nextAttemptAt: at(1),
        createdAt: at(-1),
      })
      await storage.outbox.enqueue(message)
      expect(await storage.outbox.findById(message.id)).toEqual(message)
      expect(await storage.outbox.findById(f.id())).toBeNull()
    })

    test('list returns messages oldest first, filtered by status, after afterId, at most limit', async ({
      storage,
      f,
    }) => {
      const messages = [
        f.outboxMessage(),
        f.outboxMessage({ status: 'sent', sentAt: at(1) }),
        f.outboxMessage(),
        f.outboxMessage({ status: 'dead', attempts: 8, lastError: 'refused' }),
        f.outboxMessage(),
      ]
      for (const message of [...messages].reverse()) await storage.outbox.enqueue(message)
      const all = ids(messages)
      expect(await storage.outbox.list({ limit: 10 })).toEqual(messages)
      expect(ids(await storage.outbox.list({ limit: 2 }))).toEqual(all.slice(0, 2))
      expect(ids(await storage.outbox.list({ limit: 10, afterId: all[1] }))).toEqual(all.slice(2))
      expect(ids(await storage.outbox.list({ limit: 10, status: 'pending' }))).toEqual([
        all[0],
        all[2],
        all[4],
      ])
      expect(ids(await storage.outbox.list({ limit: 1, status: 'pending', afterId: all[0] }))).toEqual([
        all[2],
      ])
      expect(ids(await storage.outbox.list({ limit: 10, status: 'sent' }))).toEqual([all[1]])
      expect(await storage.outbox.list({ limit: 10, status: 'blocked' })).toEqual([])
      expect(await storage.outbox.list({ limit: 10, afterId: all[4] })).toEqual([])
    })

    test('list with orgId keeps to that org; orgId null selects messages of no org', async ({
      storage,
      f,
    }) => {
      const orgA = await seedOrg(storage, f)
      const orgB = await seedOrg(storage, f)
      const a1 = f.outboxMessage({ orgId: orgA.id })
      const none = f.outboxMessage({ orgId: null })
      const b1 = f.outboxMessage({ orgId: orgB.id, status: 'dead' })
      const a2 = f.outboxMessage({ orgId: orgA.id, status: 'dead' })
      for (const message of [a1, none, b1, a2]) await storage.outbox.enqueue(message)
      expect(ids(await storage.outbox.list({ limit: 10, orgId: orgA.id }))).toEqual([a1.id, a2.id])
      expect(ids(await storage.outbox.list({ limit: 10, orgId: orgB.id }))).toEqual([b1.id])
      expect(ids(await storage.outbox.list({ limit: 10, orgId: null }))).toEqual([none.id])
      expect(ids(await storage.outbox.list({ limit: 10 }))).toEqual([a1.id, none.id, b1.id, a2.id])
      expect(ids(await storage.outbox.list({ limit: 10, orgId: orgA.id, status: 'dead' }))).toEqual([a2.id])
      expect(ids(await storage.outbox.list({ limit: 1, orgId: orgA.id, afterId: a1.id }))).toEqual([a2.id])
      expect(await storage.outbox.list({ limit: 10, orgId: f.id() })).toEqual([])
    })

    test('claimDue claims only pending messages due at now, leasing them and counting an attempt', async ({
      storage,
      f,
    }) => {
      const due = f.outboxMessage({ nextAttemptAt: at(-5) })
      const dueExactlyNow = f.outboxMessage({ nextAttemptAt: at(0), attempts: 2, lastError: 'timeout' })
      const later = f.outboxMessage({ nextAttemptAt: at(1) })
      const sent = f.outboxMessage({ status: 'sent', sentAt: at(-1), nextAttemptAt: at(-9) })
      const dead = f.outboxMessage({ status: 'dead', nextAttemptAt: at(-9) })
      const blocked = f.outboxMessage({ status: 'blocked', nextAttemptAt: at(-9) })
      for (const message of [due, dueExactlyNow, later, sent, dead, blocked])
        await storage.outbox.enqueue(message)

      const claimed = await storage.outbox.claimDue(at(0), 10, at(2), 'c')
      const expected = [
        { ...due, claim: 'c', attempts: 1, nextAttemptAt: at(2) },
        { ...dueExactlyNow, claim: 'c', attempts: 3, nextAttemptAt: at(2) },
      ]
      expect([...claimed].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(expected)
      expect(await storage.outbox.findById(due.id)).toEqual(expected[0])
      expect(await storage.outbox.findById(dueExactlyNow.id)).toEqual(expected[1])
      for (const untouched of [later, sent, dead, blocked])
        expect(await storage.outbox.findById(untouched.id)).toEqual(untouched)
    })

    test('claimDue does not hand out a leased message again until its lease ends', async ({ storage, f }) => {
      const message = f.outboxMessage({ nextAttemptAt: at(0) })
      await storage.outbox.enqueue(message)
      expect(ids(await storage.outbox.claimDue(at(0), 10, at(5), 'c'))).toEqual([message.id])
      expect(await storage.outbox.claimDue(at(0), 10, at(5), 'c')).toEqual([])
      expect(await storage.outbox.claimDue(at(4), 10, at(9), 'c')).toEqual([])
      const again = await storage.outbox.claimDue(at(5), 10, at(9), 'c')
      expect(again).toEqual([{ ...message, claim: 'c', attempts: 2, nextAttemptAt: at(9) }])
    })

    test('claimDue claims at most limit messages, and the rest on the next call', async ({ storage, f }) => {
      const messages = Array.from({ length: 5 }, () => f.outboxMessage({ nextAttemptAt: at(-1) }))
      for (const message of messages) await storage.outbox.enqueue(message)
      const first = await storage.outbox.claimDue(at(0), 3, at(10), 'c')
      const second = await storage.outbox.claimDue(at(0), 3, at(10), 'c')
      const third = await storage.outbox.claimDue(at(0), 3, at(10), 'c')
      expect(first).toHaveLength(3)
      expect(second).toHaveLength(2)
      expect(third).toEqual([])
      expect(sorted([...ids(first), ...ids(second)])).toEqual(ids(messages))
      expect(await storage.outbox.claimDue(at(0), 0, at(10), 'c')).toEqual([])
    })

    test('markSent marks the message sent at that time; it is never claimed again', async ({
      storage,
      f,
    }) => {
      const message = f.outboxMessage({ nextAttemptAt: at(0) })
      const other = f.outboxMessage({ nextAttemptAt: at(0) })
      await storage.outbox.enqueue(message)
      await storage.outbox.enqueue(other)
      expect(ids(await storage.outbox.claimDue(at(0), 1, at(5), 'c'))).toEqual([message.id])
      expect(await storage.outbox.markSending(message.id, 'c')).toBe(true)
      expect(await storage.outbox.markSent(message.id, at(1), 'c')).toBe(true)
      const stored = await storage.outbox.findById(message.id)
      expect(stored).toMatchObject({ id: message.id, status: 'sent', sentAt: at(1), to: message.to })
      expect(ids(await storage.outbox.list({ limit: 10, status: 'sent' }))).toEqual([message.id])
      expect(ids(await storage.outbox.claimDue(at(60), 10, at(61), 'c'))).toEqual([other.id])
    })

    test('markSent drops the body: no link, token or temporary password stays stored', async ({
      storage,
      f,
    }) => {
      const message = f.outboxMessage({
        nextAttemptAt: at(0),
        text: 'Your temporary password: hunter2-secret https://app.example/activate?token=tok-secret',
        html: '<a href="https://app.example/activate?token=tok-secret">Activate</a> hunter2-secret',
        data: {
          firstName: 'Ada',
          token: 'tok-secret',
          url: 'https://app.example/activate',
          password: 'hunter2-secret',
        },
      })
      const pending = f.outboxMessage({
        nextAttemptAt: at(0),
        text: 'kept',
        html: '<p>kept</p>',
        data: { token: 't' },
      })
      await storage.outbox.enqueue(message)
      await storage.outbox.enqueue(pending)
      const [claimed] = await storage.outbox.claimDue(at(0), 1, at(5), 'c')
      expect(claimed?.id).toBe(message.id)
      expect(await storage.outbox.markSending(message.id, 'c')).toBe(true)
      expect(await storage.outbox.markSent(message.id, at(1), 'c')).toBe(true)
      const {
        text: _text,
        html: _html,
        data: _data,
        ...kept
      } = { ...message, attempts: 1, nextAttemptAt: at(5) }
      const stored = await storage.outbox.findById(message.id)
      expect(stored).toEqual({
        ...kept,
        status: 'sent',
        sentAt: at(1),
        lastError: null,
        claim: null,
        text: '',
        html: '',
        data: {},
      })
      expect(JSON.stringify(await storage.outbox.list({ limit: 10, status: 'sent' }))).not.toMatch(/secret/)
      // Messages not sent keep their body.
      expect(await storage.outbox.findById(pending.id)).toEqual(pending)
    })

    test('markFailed records the attempt: back to pending later, or dead, or blocked', async ({
      storage,
      f,
    }) => {
      const retry = f.outboxMessage({ attempts: 1 })
      const dead = f.outboxMessage({ attempts: 8 })
      const blocked = f.outboxMessage({ attempts: 1 })
      for (const message of [retry, dead, blocked]) await storage.outbox.enqueue(message)
      await storage.outbox.markFailed(retry.id, {
        error: 'connection reset',
        attempts: 1,
        nextAttemptAt: at(30),
        status: 'pending',
        claim: null,
      })
      await storage.outbox.markFailed(dead.id, {
        error: '550 no such user',
        attempts: 8,
        nextAttemptAt: at(0),
        status: 'dead',
        claim: null,
      })
      await storage.outbox.markFailed(blocked.id, {
        error: 'address is on the blocklist',
        attempts: 1,
        nextAttemptAt: at(0),
        status: 'blocked',
        claim: null,
      })
      expect(await storage.outbox.findById(retry.id)).toEqual({
        ...retry,
        lastError: 'connection reset',
        attempts: 1,
        nextAttemptAt: at(30),
        status: 'pending',
      })
      expect(await storage.outbox.findById(dead.id)).toEqual({
        ...dead,
        lastError: '550 no such user',
        status: 'dead',
      })
      expect(await storage.outbox.findById(blocked.id)).toEqual({
        ...blocked,
        lastError: 'address is on the blocklist',
        status: 'blocked',
      })
      expect(await storage.outbox.claimDue(at(29), 10, at(40), 'c')).toEqual([])
      expect(ids(await storage.outbox.claimDue(at(30), 10, at(40), 'c'))).toEqual([retry.id])
    })

    test('markSending, markSent and markFailed ignore an unknown message', async ({ storage, f }) => {
      const id = f.id()
      expect(await storage.outbox.markSending(id, 'c')).toBe(false)
      expect(await storage.outbox.markSent(id, at(1), 'c')).toBe(false)
      expect(
        await storage.outbox.markFailed(id, {
          error: 'x',
          attempts: 1,
          nextAttemptAt: at(1),
          status: 'dead',
          claim: null,
        }),
      ).toBe(false)
      expect(await storage.outbox.findById(id)).toBeNull()
      expect(await storage.outbox.list({ limit: 10 })).toEqual([])
    })

    test('enqueue is written in the caller’s transaction and undone with it', async ({ storage, f }) => {
      const kept = f.outboxMessage()
      const dropped = f.outboxMessage()
      await storage.transaction(async (tx) => {
        await tx.outbox.enqueue(kept)
        expect(await tx.outbox.findById(kept.id)).toEqual(kept)
      })
      await expect(
        storage.transaction(async (tx) => {
          await tx.outbox.enqueue(dropped)
          throw new Error('rollback')
        }),
      ).rejects.toThrow('rollback')
      expect(await storage.outbox.list({ limit: 10 })).toEqual([kept])
    })
  })
}
