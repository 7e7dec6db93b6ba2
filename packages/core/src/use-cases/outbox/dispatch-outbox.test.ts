import { memoryStorage } from '@roster/adapter-memory'
import { describe, expect, it } from 'vitest'
import { createRoster } from '../../create-roster.js'
import { scryptPasswordHasher } from '../../defaults/scrypt-password-hasher.js'
import { systemActor } from '../../domain/actor.js'
import type { MailMessage, OutboxMessage } from '../../domain/mail-message.js'
import { partitionOf } from '../../domain/partition.js'
import type { Mailer } from '../../ports/mailer.js'
import type { Storage } from '../../ports/storage.js'
import { createTestRoster } from '@roster/test-support'
import { createFixedClock } from '../../testing/fixed-clock.js'

const BACKOFF = 1_000

/** Every outbox row, oldest first. */
async function outboxRows(storage: Storage): Promise<OutboxMessage[]> {
  return storage.outbox.list({ limit: 10_000 })
}

/** Adds `n` people with activation links; each queues one mail. */
async function addPeople(
  roster: ReturnType<typeof createTestRoster>['roster'],
  orgId: string,
  n: number,
  prefix = 'person',
) {
  const system = systemActor('test')
  for (let i = 0; i < n; i++) {
    ;(
      await roster.members.add(system, {
        orgId,
        email: `${prefix}${i}@example.com`,
        firstName: `P${i}`,
        lastName: 'Person',
      })
    )._unsafeUnwrap()
  }
}

describe('outbox.dispatch', () => {
  it('E3: a mailer failing N times then recovering delivers every message exactly once', async () => {
    const test = createTestRoster({ outbox: { backoff: BACKOFF, maxAttempts: 8 } })
    const { roster, mailer, clock, storage, orgWithFounder } = test
    const { org } = await orgWithFounder()
    mailer.clear()
    // 5 inline attempts fail, then 7 dispatcher attempts fail, then the mailer recovers.
    mailer.failNext(12)
    await addPeople(roster, org.id, 5)
    expect(mailer.sent).toHaveLength(0)
    const queued = (await outboxRows(storage)).filter((m) => m.status === 'pending')
    expect(queued).toHaveLength(5)

    // Nothing is due before its backoff has passed.
    expect((await roster.outbox.dispatch())._unsafeUnwrap()).toEqual({ sent: 0, failed: 0, retrying: 0 })

    const totals = { sent: 0, failed: 0, retrying: 0 }
    for (let round = 0; round < 10 && totals.sent < 5; round++) {
      clock.advance(BACKOFF * 2 ** round)
      const report = (await roster.outbox.dispatch())._unsafeUnwrap()
      totals.sent += report.sent
      totals.failed += report.failed
      totals.retrying += report.retrying
    }
    expect(totals).toEqual({ sent: 5, failed: 0, retrying: 7 })
    expect(mailer.sent.map((m) => m.id).sort()).toEqual(queued.map((m) => m.id).sort())
    expect(new Set(mailer.sent.map((m) => m.id)).size).toBe(5)
    expect((await outboxRows(storage)).every((m) => m.status === 'sent' && m.sentAt !== null)).toBe(true)

    // Dispatching again sends nothing more.
    clock.advance('1d')
    expect((await roster.outbox.dispatch())._unsafeUnwrap()).toEqual({ sent: 0, failed: 0, retrying: 0 })
    expect(mailer.sent).toHaveLength(5)
  })

  it('E3: a mailer failure never fails the use-case nor loses the message (inline delivery)', async () => {
    const { roster, mailer, storage, clock, orgWithFounder } = createTestRoster({
      outbox: { backoff: BACKOFF },
    })
    const { org, founder } = await orgWithFounder()
    mailer.failNext(1)
    const added = await roster.members.add(founder, {
      orgId: org.id,
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
    })
    expect(added.isOk()).toBe(true)
    expect(mailer.last('ada@example.com')).toBeUndefined()
    const [row] = (await outboxRows(storage)).filter((m) => m.to === 'ada@example.com')
    expect(row).toMatchObject({ status: 'pending', attempts: 1 })
    expect(row!.lastError).toMatch(/simulated delivery failure/)
    clock.advance(BACKOFF)
    expect((await roster.outbox.dispatch())._unsafeUnwrap()).toEqual({ sent: 1, failed: 0, retrying: 0 })
    expect(mailer.last('ada@example.com')?.id).toBe(row!.id)
  })

  it("E3: with dispatch 'manual' use-cases only queue; outbox.dispatch delivers", async () => {
    const { roster, mailer, storage, tokenFor } = createTestRoster({
      outbox: { dispatch: 'manual' },
    })
    const signUp = await roster.accounts.signUp({ email: 'fay@example.com', firstName: 'Fay', lastName: 'F' })
    expect(signUp.isOk()).toBe(true)
    expect(mailer.sent).toHaveLength(0)
    expect((await roster.outbox.dispatch())._unsafeUnwrap()).toEqual({ sent: 1, failed: 0, retrying: 0 })
    expect(tokenFor('fay@example.com')).toBeTypeOf('string')
    expect((await outboxRows(storage)).map((m) => m.status)).toEqual(['sent'])
  })

  it("E3, issue 16: dispatchers given partitions deliver each its own orgs' mail, and together all of it once", async () => {
    const { roster, mailer, storage, clock, orgWithFounder } = createTestRoster({
      outbox: { backoff: BACKOFF },
    })
    const orgIds = []
    for (let i = 0; i < 4; i++) orgIds.push((await orgWithFounder(`Org ${i}`)).org.id)
    // Every inline attempt fails, so the mail of four orgs and one of no org waits for dispatchers.
    mailer.clear()
    mailer.failNext(9)
    for (const [i, orgId] of orgIds.entries()) await addPeople(roster, orgId, 2, `org${i}-`)
    ;(
      await roster.accounts.signUp({ email: 'fay@example.com', firstName: 'Fay', lastName: 'F' })
    )._unsafeUnwrap()
    const queued = (await outboxRows(storage)).filter((m) => m.status === 'pending')
    expect(queued).toHaveLength(9)
    clock.advance(BACKOFF)
    const count = 3
    for (let index = 0; index < count; index++) {
      const before = mailer.sent.length
      ;(await roster.outbox.dispatch({ partition: { index, count } }))._unsafeUnwrap()
      expect(
        mailer.sent
          .slice(before)
          .map((m) => m.id)
          .sort(),
      ).toEqual(
        queued
          .filter((m) => partitionOf(m.orgId, count) === index)
          .map((m) => m.id)
          .sort(),
      )
    }
    expect(mailer.sent.map((m) => m.id).sort()).toEqual(queued.map((m) => m.id).sort())
    expect(
      (await roster.outbox.dispatch({ partition: { index: -1, count } }))._unsafeUnwrapErr(),
    ).toMatchObject({
      code: 'VALIDATION',
    })
  })

  it('E3: backs off exponentially, records attempts and the last error, then dead-letters', async () => {
    const { roster, mailer, clock, storage } = createTestRoster({
      outbox: { dispatch: 'manual', backoff: BACKOFF, maxAttempts: 3 },
    })
    const dead: unknown[] = []
    roster.events.on('mail.dead-lettered', (event) => dead.push(event))
    await roster.accounts.signUp({ email: 'ada@example.com', firstName: 'Ada', lastName: 'L' })
    const [queued] = await outboxRows(storage)
    const start = clock.now().getTime()
    mailer.failNext(10)

    expect((await roster.outbox.dispatch())._unsafeUnwrap()).toEqual({ sent: 0, failed: 0, retrying: 1 })
    let row = await storage.outbox.findById(queued!.id)
    expect(row).toMatchObject({ status: 'pending', attempts: 1 })
    expect(row!.nextAttemptAt.getTime()).toBe(start + BACKOFF)

    clock.advance(BACKOFF - 1)
    expect((await roster.outbox.dispatch())._unsafeUnwrap().retrying).toBe(0)
    clock.advance(1)
    expect((await roster.outbox.dispatch())._unsafeUnwrap().retrying).toBe(1)
    row = await storage.outbox.findById(queued!.id)
    expect(row).toMatchObject({ status: 'pending', attempts: 2 })
    expect(row!.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 2 * BACKOFF)

    clock.advance(2 * BACKOFF)
    expect((await roster.outbox.dispatch())._unsafeUnwrap()).toEqual({ sent: 0, failed: 1, retrying: 0 })
    row = await storage.outbox.findById(queued!.id)
    expect(row).toMatchObject({ status: 'dead', attempts: 3 })
    expect(row!.lastError).toMatch(/simulated delivery failure/)
    expect(dead).toEqual([
      expect.objectContaining({ messageId: queued!.id, to: 'ada@example.com', attempts: 3, orgId: null }),
    ])

    // Dead messages are never picked up again.
    clock.advance('30d')
    expect((await roster.outbox.dispatch())._unsafeUnwrap()).toEqual({ sent: 0, failed: 0, retrying: 0 })
    expect(mailer.sent).toHaveLength(0)
  })

  it('E3: two dispatchers racing send each message once', async () => {
    const storage = memoryStorage()
    const clock = createFixedClock()
    const deliveries: MailMessage[] = []
    // A slow mailer, so that the two dispatchers' claims and sends interleave.
    const mailer: Mailer = {
      async send(message) {
        await new Promise((resolve) => setTimeout(resolve, 1))
        deliveries.push(message)
        return { id: message.id }
      },
    }
    const make = () =>
      createRoster({
        storage,
        mailer,
        clock,
        passwordHasher: scryptPasswordHasher({ N: 2 ** 10 }),
        outbox: { dispatch: 'manual' },
      })
    const a = make()
    const b = make()
    for (let i = 0; i < 30; i++) {
      ;(
        await a.accounts.signUp({ email: `p${i}@example.com`, firstName: 'P', lastName: `${i}` })
      )._unsafeUnwrap()
    }
    let sent = 0
    for (let round = 0; round < 20 && sent < 30; round++) {
      const reports = await Promise.all([
        a.outbox.dispatch({ limit: 4 }),
        b.outbox.dispatch({ limit: 4 }),
        a.outbox.dispatch({ limit: 4 }),
        b.outbox.dispatch({ limit: 4 }),
      ])
      sent += reports.reduce((total, report) => total + report._unsafeUnwrap().sent, 0)
    }
    expect(sent).toBe(30)
    expect(deliveries).toHaveLength(30)
    expect(new Set(deliveries.map((m) => m.id)).size).toBe(30)
    expect((await outboxRows(storage)).every((m) => m.status === 'sent')).toBe(true)
  })

  it('A11: skips blocked addresses and marks their messages blocked', async () => {
    const { roster, mailer, storage, orgWithFounder } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const manual = createRoster({
      storage,
      mailer,
      clock: roster.context.clock,
      outbox: { dispatch: 'manual' },
    })
    ;(
      await manual.members.add(founder, {
        orgId: org.id,
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
      })
    )._unsafeUnwrap()
    ;(await roster.mail.reportBounce({ email: 'ADA@example.com', kind: 'bounce' }))._unsafeUnwrap()
    expect((await roster.outbox.dispatch())._unsafeUnwrap()).toEqual({ sent: 0, failed: 1, retrying: 0 })
    expect(mailer.last('ada@example.com')).toBeUndefined()
    const [row] = (await outboxRows(storage)).filter((m) => m.to === 'ada@example.com')
    expect(row).toMatchObject({ status: 'blocked', lastError: 'address is on the blocklist' })
  })

  it('refuses a limit out of range with VALIDATION', async () => {
    const { roster } = createTestRoster()
    expect((await roster.outbox.dispatch({ limit: 0 }))._unsafeUnwrapErr().code).toBe('VALIDATION')
    expect((await roster.outbox.dispatch({ limit: 1.5 }))._unsafeUnwrapErr().code).toBe('VALIDATION')
  })

  it('refuses a misconfigured outbox at createRoster', () => {
    const base = { storage: memoryStorage(), mailer: { send: async () => ({ id: '' }) } }
    expect(() => createRoster({ ...base, outbox: { maxAttempts: 0 } })).toThrow(/maxAttempts/)
    expect(() => createRoster({ ...base, outbox: { backoff: -1 } })).toThrow(/backoff/)
  })
})
