import { memoryStorage } from '@roster/adapter-memory'
import { describe, expect, it } from 'vitest'
import { createRoster } from '../create-roster.js'
import { scryptPasswordHasher } from '../defaults/scrypt-password-hasher.js'
import { systemActor } from '../domain/actor.js'
import type { MailMessage } from '../domain/mail-message.js'
import type { RosterEvents } from '../events.js'
import type { Mailer } from '../ports/mailer.js'
import { createTestRoster } from '@roster/test-support'
import { withStorageFaults } from '../testing/faults/faulty-storage.js'
import { createFixedClock } from '../testing/fixed-clock.js'

const system = systemActor('test')
const ada = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }

/** A roster whose storage can be made to fail, and the delivery failures it announces. */
async function faultyRoster() {
  const faults = withStorageFaults(memoryStorage())
  const test = createTestRoster({ storage: faults.storage, outbox: { backoff: 1_000 } })
  const failures: Array<RosterEvents['mail.delivery-failed']> = []
  test.roster.events.on('mail.delivery-failed', (event) => failures.push(event))
  const { org, founder } = await test.orgWithFounder()
  test.mailer.clear()
  faults.reset()
  return { ...test, faults, failures, org, founder }
}

describe('delivery after commit', () => {
  it('E3: a failing blocklist read after commit leaves members.add ok, and the mail to the retry', async () => {
    const { roster, faults, failures, storage, mailer, clock, org } = await faultyRoster()
    faults.failWhen((call) => call === 'blocklist.blockedAmong', 1)
    const added = await roster.members.add(system, { orgId: org.id, ...ada })
    expect(added.isOk()).toBe(true)
    expect((await storage.memberships.find(org.id, added._unsafeUnwrap().accountId))?.status).toBeDefined()
    expect(mailer.sent).toHaveLength(0)
    const [row] = await storage.outbox.list({ limit: 10, status: 'pending' })
    expect(row).toMatchObject({ to: ada.email, attempts: 1 })
    expect(failures).toEqual([
      expect.objectContaining({ messageId: row!.id, stage: 'blocklist', outcome: 'retry' }),
    ])

    // Nothing is due while the inline claim holds it; then the dispatcher delivers it, once.
    expect((await roster.outbox.dispatch())._unsafeUnwrap().sent).toBe(0)
    clock.advance('61s')
    expect((await roster.outbox.dispatch())._unsafeUnwrap()).toEqual({ sent: 1, failed: 0, retrying: 0 })
    clock.advance('1d')
    expect((await roster.outbox.dispatch())._unsafeUnwrap().sent).toBe(0)
    expect(mailer.sent.map((m) => m.to)).toEqual([ada.email])
  })

  it('E3: a failed markSent after a successful send never sends the message again', async () => {
    const { roster, faults, failures, storage, mailer, clock, org } = await faultyRoster()
    faults.failWhen((call) => call === 'outbox.markSent')
    expect((await roster.members.add(system, { orgId: org.id, ...ada })).isOk()).toBe(true)
    expect(mailer.sent).toHaveLength(1)
    const row = (await storage.outbox.list({ limit: 10 })).find((m) => m.to === ada.email)
    expect(row).toMatchObject({ status: 'sending' })
    expect(failures).toEqual([
      expect.objectContaining({ messageId: row!.id, stage: 'record', outcome: 'unconfirmed' }),
    ])
    for (const wait of ['61s', '10m', '30d'] as const) {
      clock.advance(wait)
      expect((await roster.outbox.dispatch())._unsafeUnwrap()).toEqual({ sent: 0, failed: 0, retrying: 0 })
    }
    expect(mailer.sent).toHaveLength(1)
  })

  it('E3: a failed markSent in a dispatcher pass never sends the message again', async () => {
    const faults = withStorageFaults(memoryStorage())
    const { roster, mailer, clock, storage } = createTestRoster({
      storage: faults.storage,
      outbox: { dispatch: 'manual' },
    })
    ;(await roster.accounts.signUp(ada))._unsafeUnwrap()
    faults.failWhen((call) => call === 'outbox.markSent')
    expect((await roster.outbox.dispatch())._unsafeUnwrap()).toEqual({ sent: 1, failed: 0, retrying: 0 })
    for (let pass = 0; pass < 5; pass++) {
      clock.advance('10m')
      expect((await roster.outbox.dispatch())._unsafeUnwrap().sent).toBe(0)
    }
    expect(mailer.sent).toHaveLength(1)
    expect((await storage.outbox.list({ limit: 10 }))[0]).toMatchObject({ status: 'sending', attempts: 1 })
  })

  it('E3: when recording the attempt fails nothing is sent, and the dispatcher sends it once later', async () => {
    const { roster, faults, failures, mailer, clock, org } = await faultyRoster()
    faults.failWhen((call) => call === 'outbox.markSending', 1)
    expect((await roster.members.add(system, { orgId: org.id, ...ada })).isOk()).toBe(true)
    expect(mailer.sent).toHaveLength(0)
    expect(failures).toEqual([expect.objectContaining({ stage: 'claim', outcome: 'retry' })])
    clock.advance('61s')
    expect((await roster.outbox.dispatch())._unsafeUnwrap().sent).toBe(1)
    expect(mailer.sent).toHaveLength(1)
  })

  it('E3: a send slower than the inline lease is not sent a second time by a dispatcher', async () => {
    const storage = memoryStorage()
    const clock = createFixedClock()
    const sent: MailMessage[] = []
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    // The inline send hangs until released, long past its 60 s lease.
    const slowMailer: Mailer = {
      async send(message) {
        await held
        sent.push(message)
        return { id: message.id }
      },
    }
    const fastMailer: Mailer = {
      async send(message) {
        sent.push(message)
        return { id: message.id }
      },
    }
    const options = { storage, clock, passwordHasher: scryptPasswordHasher({ N: 2 ** 10 }) }
    const app = createRoster({ ...options, mailer: slowMailer })
    const dispatcher = createRoster({ ...options, mailer: fastMailer, outbox: { dispatch: 'manual' } })
    const signingUp = app.accounts.signUp(ada)
    // Wait until the inline delivery is in the mailer.
    while ((await storage.outbox.list({ limit: 10, status: 'sending' })).length === 0)
      await new Promise((resolve) => setTimeout(resolve, 1))
    clock.advance('2h')
    expect((await dispatcher.outbox.dispatch())._unsafeUnwrap().sent).toBe(0)
    release()
    expect((await signingUp).isOk()).toBe(true)
    clock.advance('2h')
    expect((await dispatcher.outbox.dispatch())._unsafeUnwrap().sent).toBe(0)
    expect(sent).toHaveLength(1)
    expect((await storage.outbox.list({ limit: 10 }))[0]).toMatchObject({ status: 'sent' })
  })

  it('E3: a dispatcher whose lease lapsed before sending leaves the message to the one that claimed it since', async () => {
    const storage = memoryStorage()
    const sent: Array<{ by: string; id: string }> = []
    const mailer = (by: string): Mailer => ({
      async send(message) {
        sent.push({ by, id: message.id })
        return { id: message.id }
      },
    })
    const hasher = scryptPasswordHasher({ N: 2 ** 10 })
    const setup = createRoster({
      storage,
      mailer: mailer('setup'),
      outbox: { dispatch: 'manual' },
      passwordHasher: hasher,
    })
    ;(await setup.accounts.signUp(ada))._unsafeUnwrap()
    // Dispatcher `slow` claims, then stalls before marking the message sending (its blocklist
    // read hangs); dispatcher `skewed`, whose clock is an hour ahead, claims it meanwhile.
    let release!: () => void
    const stalled = new Promise<void>((resolve) => {
      release = resolve
    })
    const slowFaults = withStorageFaults(storage)
    const slowStorage = new Proxy(slowFaults.storage, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver)
        if (property !== 'blocklist') return value
        return {
          ...value,
          blockedAmong: async (keys: string[]) => {
            await stalled
            return value.blockedAmong(keys)
          },
        }
      },
    })
    const slow = createRoster({
      storage: slowStorage,
      mailer: mailer('slow'),
      clock: createFixedClock(),
      passwordHasher: hasher,
    })
    const skewed = createRoster({
      storage,
      mailer: mailer('skewed'),
      clock: createFixedClock(new Date(Date.parse('2030-01-01T01:00:00Z'))),
      passwordHasher: hasher,
    })
    const slowPass = slow.outbox.dispatch()
    while (slowFaults.log.length === 0) await new Promise((resolve) => setTimeout(resolve, 1))
    expect((await skewed.outbox.dispatch())._unsafeUnwrap().sent).toBe(1)
    release()
    expect((await slowPass)._unsafeUnwrap()).toEqual({ sent: 0, failed: 0, retrying: 0 })
    expect(sent.map((s) => s.by)).toEqual(['skewed'])
  })

  it('E3: a sent-unconfirmed message can be requeued once its lease passed, not before', async () => {
    const { roster, faults, storage, mailer, clock, org, founder } = await faultyRoster()
    faults.failWhen((call) => call === 'outbox.markSent', 1)
    ;(await roster.members.add(founder, { orgId: org.id, ...ada }))._unsafeUnwrap()
    const [row] = await storage.outbox.list({ limit: 10, status: 'sending' })
    const early = await roster.outbox.requeue(founder, { orgId: org.id, messageId: row!.id })
    expect(early._unsafeUnwrapErr().code).toBe('INVALID_STATE')
    clock.advance('61s')
    expect((await roster.outbox.requeue(founder, { orgId: org.id, messageId: row!.id })).isOk()).toBe(true)
    expect((await roster.outbox.dispatch())._unsafeUnwrap().sent).toBe(1)
    expect(mailer.sent.filter((m) => m.to === ada.email)).toHaveLength(2)
  })
})
