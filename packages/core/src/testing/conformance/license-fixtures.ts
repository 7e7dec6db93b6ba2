// Builders shared by the license conformance files (`licenses.ts`, `license-races.ts`) and by
// `numbers.ts`, whose lines can hold seats.
import { expect } from 'vitest'
import type { Account } from '../../domain/account.js'
import type { LicensePool, PoolKey, Seat, SeatHolder } from '../../domain/license.js'
import type { Organization } from '../../domain/organization.js'
import type { Storage, StorageRepositories } from '../../ports/storage.js'
import { at, type Fixtures } from './fixtures.js'
import { seedAccount, seedMember, seedOrg } from './harness.js'

/** A pool row for `org`: `product` with `seats`, created at `T0`. */
export function poolFor(org: { id: string }, product: string, seats: number, createdAt = at(0)): LicensePool {
  return { orgId: org.id, product, seats, createdAt, updatedAt: createdAt }
}

/** Inserts a pool and checks it went in; returns its key. */
export async function seedPool(
  repos: StorageRepositories,
  org: { id: string },
  product: string,
  seats: number,
): Promise<PoolKey> {
  expect(await repos.licenses.insertPool(poolFor(org, product, seats))).toEqual({ status: 'inserted' })
  return { orgId: org.id, product }
}

export const member = (account: { id: string }): SeatHolder => ({ kind: 'member', accountId: account.id })
export const line = (number: string): SeatHolder => ({ kind: 'number', number })

/** A seat's holder as a comparable string. */
export const holderOf = (seat: Seat) =>
  seat.holder.kind === 'member' ? `member:${seat.holder.accountId}` : `number:${seat.holder.number}`

/** An org with `n` employee members (plus its founder, a member too). */
export async function orgWithEmployees(
  storage: Storage,
  f: Fixtures,
  n: number,
): Promise<{ org: Organization; people: Account[] }> {
  const org = await seedOrg(storage, f)
  const people: Account[] = []
  for (let i = 0; i < n; i++) {
    const account = await seedAccount(storage, f)
    await seedMember(storage, f, org, account)
    people.push(account)
  }
  return { org, people }
}
