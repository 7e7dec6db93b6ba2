// Shared setup for the tests of the Roster packages (a private workspace package: never published, so
// core's tarball carries no test helper and core's sources import no adapter). Each call builds a fresh
// roster on fresh memory storage, so no test shares state with another.
import { memoryStorage, memoryStorageTables } from '@roster/adapter-memory'
import {
  type Actor,
  createFixedClock,
  createMemoryMailer,
  createRoster,
  type Grant,
  type RosterOptions,
  scryptPasswordHasher,
  systemActor,
} from '@roster/core'
import type { Storage } from '@roster/core/storage'

/** Every committed row of a memory storage (re-exported so tests import no adapter themselves). */
export { memoryStorageTables }
import { expect } from 'vitest'

/** The password every helper-made account signs in with. */
export const PASSWORD = 'correct horse battery staple'

export type TestRosterOptions = Omit<Partial<RosterOptions<'buildings:open'>>, 'storage'> & {
  storage?: Storage
}

export function createTestRoster(options: TestRosterOptions = {}) {
  const mailer = createMemoryMailer()
  const clock = createFixedClock()
  const storage = options.storage ?? memoryStorage()
  const roster = createRoster({
    mailer,
    clock,
    // Cheap scrypt parameters keep tests fast; production uses the OWASP defaults.
    passwordHasher: scryptPasswordHasher({ N: 2 ** 10 }),
    permissions: ['buildings:open'],
    ...options,
    storage,
  })
  const system = systemActor('test')

  /** The token from the newest mail to `email` (asserts there is one). */
  function tokenFor(email: string): string {
    const token = mailer.last(email)?.data.token
    expect(token, `a mailed token for ${email}`).toBeTypeOf('string')
    return token as string
  }

  /** Signs up and activates a person; returns their actor. */
  async function activeAccount(
    email: string,
    names: { firstName?: string; lastName?: string; language?: string } = {},
  ) {
    const account = (
      await roster.accounts.signUp({
        email,
        firstName: names.firstName ?? 'Test',
        lastName: names.lastName ?? 'Person',
        language: names.language,
      })
    )._unsafeUnwrap()
    ;(await roster.activation.activate({ token: tokenFor(email), password: PASSWORD }))._unsafeUnwrap()
    return { accountId: account.id } satisfies Actor
  }

  /** An org founded by a fresh active account; returns the org and its founder. */
  async function orgWithFounder(
    name = 'Acme',
    founderEmail = `founder.${name.toLowerCase().replace(/\W/g, '')}@example.com`,
  ) {
    const founder = await activeAccount(founderEmail, { firstName: 'Fay', lastName: 'Founder' })
    const org = (await roster.orgs.create(founder, { name }))._unsafeUnwrap()
    return { org, founder }
  }

  /** Adds a person with a password (active at once) and the given grants; returns their actor. */
  async function member(
    orgId: string,
    email: string,
    grants?: Grant[],
    type: 'employee' | 'guest' = 'employee',
  ) {
    const view = (
      await roster.members.add(system, {
        orgId,
        email,
        firstName: 'Max',
        lastName: 'Member',
        type,
        grants,
        credential: { kind: 'password', password: PASSWORD },
      })
    )._unsafeUnwrap()
    return { accountId: view.accountId } satisfies Actor
  }

  /** Signs a person up without activating (a `pending_activation` account); returns their id. */
  async function pendingAccount(email: string) {
    const account = (
      await roster.accounts.signUp({ email, firstName: 'Pat', lastName: 'Pending' })
    )._unsafeUnwrap()
    return account.id
  }

  /**
   * How many outbox messages and audit events are stored (platform-level ones plus those of the
   * given orgs), for "nothing was stored" assertions.
   */
  async function stored(...orgIds: string[]) {
    const outbox = (await storage.outbox.list({ limit: 100_000 })).length
    let audit = 0
    for (const orgId of [null, ...orgIds])
      audit += (await storage.audit.list({ orgId, limit: 100_000 })).length
    return { outbox, audit }
  }

  return {
    roster,
    mailer,
    clock,
    storage,
    system,
    tokenFor,
    activeAccount,
    orgWithFounder,
    member,
    pendingAccount,
    stored,
  }
}
