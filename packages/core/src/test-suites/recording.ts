// Recorders for the suites in this folder: what storage was handed, and which secrets were made.
import { scryptPasswordHasher } from '../defaults/scrypt-password-hasher.js'
import type { PasswordHasher } from '../ports/password-hasher.js'
import { cryptoRandom, type Random } from '../ports/random.js'
import type { Storage } from '../ports/storage.js'

/** A JSON text of any value (Dates as ISO strings, Maps and Sets as arrays). */
export function serialize(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Map || v instanceof Set ? [...v] : typeof v === 'bigint' ? String(v) : v,
  )
}

/**
 * Wraps a storage so every argument of every repository call — inside transactions too — is kept
 * as text: whatever an adapter could ever store went through one of them, so a secret absent from
 * the log was never stored, by any adapter, at any moment.
 */
export function recordingStorage(inner: Storage): { storage: Storage; log: string[] } {
  const log: string[] = []
  const wrapRepos = <T extends object>(repos: T): T =>
    new Proxy(repos, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown
        if (key === 'transaction' || typeof value !== 'object' || value === null) return value
        return new Proxy(value, {
          get(repo, method, r) {
            const fn = Reflect.get(repo, method, r) as unknown
            if (typeof fn !== 'function') return fn
            return (...args: unknown[]) => {
              log.push(`${String(key)}.${String(method)} ${serialize(args)}`)
              return (fn as (...a: unknown[]) => unknown).apply(repo, args)
            }
          },
        })
      },
    })
  const storage = wrapRepos(inner)
  const wrapped = new Proxy(storage, {
    get(target, key, receiver) {
      if (key !== 'transaction') return Reflect.get(target, key, receiver)
      return <T>(fn: (tx: Parameters<Parameters<Storage['transaction']>[0]>[0]) => Promise<T>) =>
        inner.transaction((tx) => fn(wrapRepos(tx)))
    },
  }) as Storage
  return { storage: wrapped, log }
}

/**
 * Randomness and a password hasher that remember what they made: every 32-byte token secret (as
 * base64url, X1) and every plain password hashed (temporary ones included, A4).
 */
export function recordingSecrets(): { random: Random; passwordHasher: PasswordHasher; secrets: Set<string> } {
  const secrets = new Set<string>()
  const hasher = scryptPasswordHasher({ N: 2 ** 10 })
  return {
    secrets,
    random: {
      bytes(n) {
        const bytes = cryptoRandom.bytes(n)
        if (n === 32) secrets.add(Buffer.from(bytes).toString('base64url'))
        return bytes
      },
    },
    passwordHasher: {
      hash: async (password) => {
        secrets.add(password)
        return hasher.hash(password)
      },
      verify: (password, hash) => hasher.verify(password, hash),
    },
  }
}
