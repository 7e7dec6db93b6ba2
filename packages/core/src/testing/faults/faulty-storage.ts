import type { Storage, StorageRepositories, StorageTx } from '../../ports/storage.js'

/** The error a `withStorageFaults` storage rejects with when a fault is due. */
export class InjectedStorageFault extends Error {
  constructor(
    /** The call that failed: `transaction`, `commit`, `tx.accounts.insert`, `outbox.markSent`… */
    readonly call: string,
    /** Its position among the calls counted since the last `reset` (1-based). */
    readonly position: number,
  ) {
    super(`injected storage fault at call ${position} (${call})`)
    this.name = 'InjectedStorageFault'
  }
}

/** A storage whose port calls are counted and can be made to fail; see `withStorageFaults`. */
export interface FaultyStorage {
  /** The wrapped storage: hand it to `createRoster`. */
  readonly storage: Storage
  /** How many port calls were made since the last `reset`. */
  readonly calls: number
  /** The calls made since the last `reset`, in order (`transaction`, `tx.accounts.insert`, `commit`…). */
  readonly log: readonly string[]
  /** Makes the `k`-th call counted from the last `reset` fail (1-based); `null` fails none. */
  failAt(k: number | null): void
  /** Makes every call whose name `matches` fail (for instance `(call) => call === 'outbox.markSent'`), `times` times. */
  failWhen(matches: (call: string) => boolean, times?: number): void
  /** Which faults were injected since the last `reset`. */
  readonly injected: readonly InjectedStorageFault[]
  /** Clears the count, the log, the injected faults and every planned fault. */
  reset(): void
}

/**
 * Wraps a storage so that any of its port calls can be made to fail, as an unreachable database
 * would: every repository method outside and inside transactions (`accounts.findByEmail`,
 * `tx.memberships.insert`), `transaction()` itself, and the commit (`commit`: the transaction's
 * function has resolved, and the wrapper rejects before the adapter commits, so the adapter rolls
 * it back — what a failed COMMIT leaves). A failing call rejects with `InjectedStorageFault`
 * and never reaches the adapter.
 *
 * It is the fault-injection harness's building block (`runFaultInjection`), and is handy on its own
 * to test one failure.
 *
 * @example
 * const faults = withStorageFaults(memoryStorage())
 * const roster = createRoster({ storage: faults.storage, mailer })
 * faults.failWhen((call) => call === 'outbox.markSent')
 * await roster.members.add(admin, input) // ok: the mail went out; its outcome is just not recorded
 */
export function withStorageFaults(inner: Storage): FaultyStorage {
  let calls = 0
  let failAt: number | null = null
  let rules: Array<{ matches: (call: string) => boolean; left: number }> = []
  const log: string[] = []
  const injected: InjectedStorageFault[] = []

  /** Counts a call; returns the fault to reject with when this one must fail. */
  const hit = (call: string): InjectedStorageFault | null => {
    calls++
    log.push(call)
    let fail = calls === failAt
    for (const rule of rules)
      if (!fail && rule.left > 0 && rule.matches(call)) {
        rule.left--
        fail = true
      }
    if (!fail) return null
    const fault = new InjectedStorageFault(call, calls)
    injected.push(fault)
    return fault
  }

  const wrapRepositories = <R extends StorageRepositories>(repositories: R, prefix: string): R => {
    const areas = new Map<PropertyKey, unknown>()
    return new Proxy(repositories, {
      get(target, area, receiver) {
        const repository = Reflect.get(target, area, receiver)
        if (area === 'transaction' || typeof repository !== 'object' || repository === null) return repository
        let wrapped = areas.get(area)
        if (!wrapped) {
          wrapped = wrapRepository(repository, `${prefix}${String(area)}.`)
          areas.set(area, wrapped)
        }
        return wrapped
      },
    })
  }

  const wrapRepository = (repository: object, prefix: string): object =>
    new Proxy(repository, {
      get(target, method, receiver) {
        const value = Reflect.get(target, method, receiver)
        if (typeof value !== 'function') return value
        return (...args: unknown[]) => {
          const fault = hit(`${prefix}${String(method)}`)
          // Rejected, not thrown: a real adapter's failure arrives as a rejected promise.
          if (fault) return Promise.reject(fault)
          return value.apply(target, args)
        }
      },
    })

  const outer = wrapRepositories(inner, '')
  const storage = new Proxy(outer, {
    get(target, property, receiver) {
      if (property !== 'transaction') return Reflect.get(target, property, receiver)
      return <T>(fn: (tx: StorageTx) => Promise<T>): Promise<T> => {
        const fault = hit('transaction')
        if (fault) return Promise.reject(fault)
        return inner.transaction(async (tx) => {
          const value = await fn(wrapRepositories(tx, 'tx.'))
          const commitFault = hit('commit')
          // Rejecting here makes the adapter roll back: the state a failed COMMIT leaves.
          if (commitFault) throw commitFault
          return value
        })
      }
    },
  })

  return {
    storage,
    get calls() {
      return calls
    },
    log,
    injected,
    failAt(k) {
      failAt = k
    },
    failWhen(matches, times = Number.POSITIVE_INFINITY) {
      rules.push({ matches, left: times })
    },
    reset() {
      calls = 0
      failAt = null
      rules = []
      log.length = 0
      injected.length = 0
    },
  }
}
