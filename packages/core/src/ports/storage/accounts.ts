import type { Account } from '../../domain/account.js'

/** Which unique field an insert or update collided with. */
export type AccountConflictField = 'email' | 'username' | 'identity'

export type InsertAccountOutcome =
  | { status: 'inserted' }
  | { status: 'conflict'; field: AccountConflictField }
export type UpdateAccountOutcome =
  | { status: 'updated'; account: Account }
  | { status: 'not-found' }
  | { status: 'conflict'; field: AccountConflictField }

/** Fields of an account that can be patched. */
export type AccountPatch = Partial<Omit<Account, 'id' | 'createdAt'>>

export interface AccountsRepository {
  findById(id: string): Promise<Account | null>
  /**
   * MUST return the accounts found, each once (also when its id is repeated), in any order;
   * missing ids are skipped.
   */
  findByIds(ids: readonly string[]): Promise<Account[]>
  /** Looks up by normalized email (`emailKey`). */
  findByEmail(emailKey: string): Promise<Account | null>
  /** Looks up by normalized username (`usernameKey`). */
  findByUsername(usernameKey: string): Promise<Account | null>
  findByIdentity(provider: string, subject: string): Promise<Account | null>
  /**
   * Inserts an account. MUST return `conflict` (and store nothing) when `emailKey`, `usernameKey`
   * or (`identityProvider`, `externalSubject`) is already taken — also when the other writer's
   * transaction commits concurrently (A2, A16).
   */
  insert(account: Account): Promise<InsertAccountOutcome>
  /**
   * Looks up many normalized emails (`emailKey`) at once (a sync batch). MUST return the accounts
   * found, each once (also when its key is repeated), in any order; unknown keys are skipped.
   */
  findByEmails(emailKeys: readonly string[]): Promise<Account[]>
  /**
   * Inserts many accounts at once (a sync batch), as `insert` would one after the other. MUST
   * return one outcome per account, in the order given: `inserted`, or `conflict` with the field
   * (email, then username, then identity; storing nothing for that account) when its `emailKey`,
   * `usernameKey` or (`identityProvider`, `externalSubject`) is taken — by a stored account, by an
   * earlier account of the same call, or by another transaction that commits concurrently (A2,
   * A16). A conflict never stops the other accounts; an empty list stores nothing.
   */
  insertMany(accounts: readonly Account[]): Promise<InsertAccountOutcome[]>
  /**
   * Patches an account; same uniqueness contract as `insert` (keeping its own email, username or
   * identity is no conflict). `not-found` (storing nothing) when there is no such account.
   */
  update(id: string, patch: AccountPatch): Promise<UpdateAccountOutcome>
  /** Deletes an account (tokens go with it). MUST return false when it did not exist. */
  delete(id: string): Promise<boolean>
  /**
   * Atomically counts a failed sign-in: increments `failedSignIns`; once it reaches `maxAttempts`
   * sets `lockedUntil` and resets the count. MUST NOT lose increments under concurrency. Returns
   * the values as stored by this call; for an unknown id stores nothing and returns
   * `{ failedSignIns: 0, lockedUntil: null }`.
   */
  recordFailedSignIn(
    id: string,
    options: { maxAttempts: number; lockedUntil: Date; now: Date },
  ): Promise<{ failedSignIns: number; lockedUntil: Date | null }>
}
