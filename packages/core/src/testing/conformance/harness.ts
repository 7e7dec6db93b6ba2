// How the conformance suite registers tests and seeds rows. Only the storage port is used, so
// every adapter runs the same code.
import { expect, it } from 'vitest'
import type { Account } from '../../domain/account.js'
import type { StoredGrant } from '../../domain/grant.js'
import type { Membership } from '../../domain/membership.js'
import type { Organization } from '../../domain/organization.js'
import type { Storage, StorageRepositories } from '../../ports/storage.js'
import { createFixtures, type Fixtures } from './fixtures.js'
import type { StorageConformanceOptions } from './options.js'

/** What each test gets: its own fresh storage and its own builders. */
export interface ConformanceContext {
  storage: Storage
  f: Fixtures
}

/** Registers one test that runs on a fresh storage, disposed afterwards whatever happens. */
export type ConformanceTest = (name: string, body: (context: ConformanceContext) => Promise<void>) => void

export function conformanceTest(options: StorageConformanceOptions): ConformanceTest {
  return (name, body) => {
    it(name, async () => {
      const storage = await options.makeStorage()
      try {
        await body({ storage, f: createFixtures() })
      } finally {
        await options.disposeStorage?.(storage)
      }
    })
  }
}

/** Inserts an account and checks it went in. */
export async function seedAccount(
  repos: StorageRepositories,
  f: Fixtures,
  overrides: Partial<Account> = {},
): Promise<Account> {
  const account = f.account(overrides)
  expect(await repos.accounts.insert(account)).toEqual({ status: 'inserted' })
  return account
}

/** Inserts an org (and its founder account unless one is given) and checks it went in. */
export async function seedOrg(
  repos: StorageRepositories,
  f: Fixtures,
  overrides: Partial<Organization> & { founder?: Account } = {},
): Promise<Organization> {
  const { founder: given, ...rest } = overrides
  const founder = given ?? (await seedAccount(repos, f))
  const org = f.org(founder, rest)
  expect(await repos.orgs.insert(org)).toEqual({ status: 'inserted' })
  return org
}

/** Inserts a membership with grants (default: `member` at org scope) and checks it went in. */
export async function seedMember(
  repos: StorageRepositories,
  f: Fixtures,
  org: Organization,
  account: Account,
  overrides: Partial<Membership> & { roles?: string[] } = {},
): Promise<{ membership: Membership; grants: StoredGrant[] }> {
  const { roles = ['member'], ...rest } = overrides
  const membership = f.membership(org, account, rest)
  const grants = roles.map((roleId) => f.grant(org, account, roleId))
  expect(await repos.memberships.insert(membership, grants)).toEqual({ status: 'inserted' })
  return { membership, grants }
}

/** Sorts grants by their identity so lists can be compared whatever order an adapter returns. */
export function sortGrants<G extends Pick<StoredGrant, 'roleId' | 'scopeKind' | 'scopeValue'>>(
  grants: readonly G[],
): G[] {
  const key = (g: G) => `${g.roleId}|${g.scopeKind}|${g.scopeValue}`
  return [...grants].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
}

/** Sorts strings in code-unit order (ids, keys) without relying on an adapter's order. */
export function sorted(values: readonly string[]): string[] {
  return [...values].sort()
}

/** Sorts rows by id in code-unit order. */
export function byId<R extends { id: string }>(rows: readonly R[]): R[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** A promise and the functions that settle it, to hold a transaction open at a known point. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** `n` calls of `fn(i)` started together. */
export function parallel<T>(n: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => fn(i)))
}

/**
 * The two ways the core calls a repository: inside `storage.transaction` (use-cases) and on its
 * own (the outbox dispatcher, sign-in counters). Race contracts hold for both.
 */
export type Run = <T>(storage: Storage, fn: (repos: StorageRepositories) => Promise<T>) => Promise<T>

/** Each race test runs once per mode. */
export const MODES: Array<[string, Run]> = [
  ['in transactions', (storage, fn) => storage.transaction((tx) => fn(tx))],
  ['without a transaction', (storage, fn) => fn(storage)],
]
