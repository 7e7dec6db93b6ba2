// Fault injection for the sync tests (not part of the public API; not built): a storage that
// forwards every call to a real one, counts them, and fails — or answers for — the calls a plan
// picks. Inside `transaction(fn)` the `tx` handed to `fn` is wrapped the same way, so a fault can
// land on any call of a batch as well as on the calls a run makes outside its transactions.
import type { Storage } from '../../ports/storage.js'

/** One storage call as the plan sees it. `index` counts every call since the storage was armed, from 1. */
export interface StorageCall {
  repo: string
  method: string
  index: number
  inTransaction: boolean
}

/**
 * What to do with a call: `reject` (an async failure; `error` to reject with, e.g. a
 * `StorageConflictError`), `throw` (a synchronous throw, as a badly
 * written adapter might), or `answer` (return this instead of asking storage).
 */
export type Fault =
  | { kind: 'reject'; error?: unknown }
  | { kind: 'throw' }
  | { kind: 'answer'; value: unknown }

export interface FaultyStorage {
  storage: Storage
  /** From now on, count calls and ask `plan` about each. */
  arm(plan: (call: StorageCall) => Fault | null): void
  disarm(): void
  /** Calls counted since the last `arm`. */
  calls(): number
  /** Faults injected since the last `arm`. */
  injected(): StorageCall[]
}

export function faultyStorage(inner: Storage): FaultyStorage {
  let plan: ((call: StorageCall) => Fault | null) | null = null
  let count = 0
  let injected: StorageCall[] = []

  const call = (repo: string, method: string, inTransaction: boolean, forward: () => unknown): unknown => {
    if (!plan) return forward()
    const info = { repo, method, index: ++count, inTransaction }
    const fault = plan(info)
    if (!fault) return forward()
    injected.push(info)
    const error = new Error(`injected fault: ${repo}.${method} (call ${info.index})`)
    if (fault.kind === 'throw') throw error
    if (fault.kind === 'reject') return Promise.reject(fault.error ?? error)
    return Promise.resolve(fault.value)
  }

  const wrapRepos = <T extends object>(repos: T, inTransaction: boolean): T =>
    new Proxy(repos, {
      get(target, repo, receiver) {
        const value: unknown = Reflect.get(target, repo, receiver)
        if (typeof repo !== 'string') return value
        if (repo === 'transaction' && typeof value === 'function') {
          return (fn: (tx: Storage) => Promise<unknown>) =>
            call('storage', 'transaction', false, () =>
              (value as Storage['transaction']).call(target, (tx) => fn(wrapRepos(tx, true) as Storage)),
            )
        }
        if (typeof value !== 'object' || value === null) return value
        return new Proxy(value, {
          get(methods, method, methodsReceiver) {
            const fn: unknown = Reflect.get(methods, method, methodsReceiver)
            if (typeof method !== 'string' || typeof fn !== 'function') return fn
            return (...args: unknown[]) => call(repo, method, inTransaction, () => fn.apply(methods, args))
          },
        })
      },
    })

  return {
    storage: wrapRepos(inner, false),
    arm(next) {
      plan = next
      count = 0
      injected = []
    },
    disarm() {
      plan = null
    },
    calls: () => count,
    injected: () => injected,
  }
}
