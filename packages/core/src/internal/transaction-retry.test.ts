import { memoryStorage } from '@roster/adapter-memory'
import { describe, expect, it } from 'vitest'
import { type RosterEvents, createRoster } from '../index.js'
import { type Storage, StorageConflictError } from '../ports/storage.js'
import { createTestRoster } from '@roster/test-support'

/**
 * A memory storage whose next `failures` transactions reject after `fn` ran (so their writes were
 * made, then undone), the way Postgres rejects a COMMIT or a statement on a serialization failure.
 */
function flakyStorage(
  failures: number,
  failure: () => Error = () => new StorageConflictError('deadlock', 'deadlock detected'),
) {
  const inner = memoryStorage()
  const state = { remaining: failures, runs: 0 }
  const storage: Storage = {
    ...inner,
    transaction: (fn) =>
      inner.transaction(async (tx) => {
        state.runs++
        const value = await fn(tx)
        if (state.remaining > 0) {
          state.remaining--
          throw failure()
        }
        return value
      }),
  }
  return { storage, state }
}

function retries(roster: {
  events: { on: (type: 'storage.retried', h: (e: RosterEvents['storage.retried']) => void) => void }
}) {
  const seen: RosterEvents['storage.retried'][] = []
  roster.events.on('storage.retried', (event) => seen.push(event))
  return seen
}

describe('transaction retry (issue 13)', () => {
  it('CONFLICT: a transaction rejected as retryable runs again and commits once; mail and events go out once', async () => {
    const { storage, state } = flakyStorage(2)
    const t = createTestRoster({ storage, transactionRetry: { attempts: 3, baseDelayMs: 1 } })
    const seen = retries(t.roster)
    const added: string[] = []
    t.roster.events.on('account.signed-up', ({ accountId }) => added.push(accountId))

    const signedUp = await t.roster.accounts.signUp({
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'L',
    })

    expect(signedUp.isOk()).toBe(true)
    expect(state.runs).toBe(3)
    expect(seen.map((event) => [event.attempt, event.reason])).toEqual([
      [1, 'deadlock'],
      [2, 'deadlock'],
    ])
    for (const event of seen) expect(event.delayMs).toBeGreaterThanOrEqual(0)
    // Only the committed run's mail and event: nothing from the undone runs.
    expect(t.mailer.sent.filter((mail) => mail.to === 'ada@example.com')).toHaveLength(1)
    expect(added).toEqual([signedUp._unsafeUnwrap().id])
    expect(await t.stored()).toEqual({ outbox: 1, audit: 1 })
  })

  it('CONFLICT: when every attempt is rejected the use-case answers CONFLICT and stores nothing', async () => {
    const { storage, state } = flakyStorage(10)
    const t = createTestRoster({ storage, transactionRetry: { attempts: 4, baseDelayMs: 0 } })
    const seen = retries(t.roster)

    const signedUp = await t.roster.accounts.signUp({
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'L',
    })

    expect(signedUp._unsafeUnwrapErr()).toMatchObject({ code: 'CONFLICT', details: { reason: 'deadlock' } })
    expect(state.runs).toBe(4)
    expect(seen).toHaveLength(3)
    expect(await t.storage.accounts.findByEmail('ada@example.com')).toBeNull()
    expect(await t.stored()).toEqual({ outbox: 0, audit: 0 })
    expect(t.mailer.sent).toHaveLength(0)
  })

  it('STORAGE_FAILURE: a real fault is not retried', async () => {
    const { storage, state } = flakyStorage(1, () => new Error('connection terminated'))
    const t = createTestRoster({ storage, transactionRetry: { attempts: 4, baseDelayMs: 0 } })
    const seen = retries(t.roster)

    const signedUp = await t.roster.accounts.signUp({
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'L',
    })

    expect(signedUp._unsafeUnwrapErr()).toMatchObject({
      code: 'STORAGE_FAILURE',
      details: { reason: 'connection terminated' },
    })
    expect(state.runs).toBe(1)
    expect(seen).toHaveLength(0)
    expect(await t.stored()).toEqual({ outbox: 0, audit: 0 })
  })

  it('CONFLICT: any rejection with `retryable: true` counts, and attempts: 1 turns retrying off', async () => {
    const adapterError = Object.assign(new Error('could not serialize access'), {
      retryable: true,
      reason: 'serialization',
    })
    const { storage, state } = flakyStorage(1, () => adapterError)
    const t = createTestRoster({ storage, transactionRetry: { attempts: 1 } })

    const signedUp = await t.roster.accounts.signUp({
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'L',
    })

    expect(signedUp._unsafeUnwrapErr()).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'serialization' },
    })
    expect(state.runs).toBe(1)
  })

  it('transactionRetry is checked like every option', () => {
    const base = { storage: memoryStorage(), mailer: { send: async () => ({ id: 'x' }) } }
    expect(() => createRoster({ ...base, transactionRetry: { attempts: 0 } })).toThrow(/attempts/)
    expect(() => createRoster({ ...base, transactionRetry: { attempts: 1.5 } })).toThrow(/attempts/)
    expect(() => createRoster({ ...base, transactionRetry: { baseDelayMs: -1 } })).toThrow(/baseDelayMs/)
  })
})
