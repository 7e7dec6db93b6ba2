// The rosters the fault-injection harness runs use-cases on: everything but storage is
// deterministic (fixed clock, seeded randomness, a plain password hasher, a memory mailer), so two
// runs of the same use-case on the same stored state store exactly the same rows.
import { createRoster, type Roster } from '../../create-roster.js'
import { type Actor, systemActor } from '../../domain/actor.js'
import type { PolicyInput } from '../../policy.js'
import type { DirectoryPerson, DirectorySource } from '../../ports/directory-source.js'
import type { PasswordHasher } from '../../ports/password-hasher.js'
import type { Random } from '../../ports/random.js'
import type { Storage } from '../../ports/storage.js'
import { createFixedClock, type FixedClock } from '../fixed-clock.js'
import { createMemoryMailer, type MemoryMailer } from '../memory-mailer.js'

/** The password every account of the harness signs in with. */
export const FAULT_PASSWORD = 'correct horse battery staple'

/** Where the setup of a scenario runs; its use-case runs one minute later. */
const SETUP_TIME = '2030-01-01T00:00:00.000Z'
const RUN_TIME = '2030-01-01T00:01:00.000Z'

/** A seeded generator (SplitMix32): the same seed gives the same bytes, so the same ids and secrets. */
function seededRandom(seed: number): Random {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x9e3779b9) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
  return {
    bytes(n) {
      const out = new Uint8Array(n)
      for (let i = 0; i < n; i++) out[i] = next() & 0xff
      return out
    },
  }
}

/** Hashing is not what this harness tests: a deterministic stand-in keeps stored rows comparable. */
const plainHasher: PasswordHasher = {
  hash: async (password) => `plain$${password}`,
  verify: async (password, hash) => hash === `plain$${password}`,
}

/** The people the harness's `hr` directory source lists (a sync of one batch). */
export const DIRECTORY: readonly DirectoryPerson[] = [
  { externalId: 'e1', email: 'dora@corp.test', firstName: 'Dora', lastName: 'Directory' },
  { externalId: 'e2', email: 'dan@corp.test', firstName: 'Dan', lastName: 'Directory', title: 'Ops' },
]

const directory: DirectorySource = {
  async *list() {
    for (const person of DIRECTORY) yield person
  },
}

/** One roster over a storage, with the parts around it. */
export interface FaultWorld {
  roster: Roster<'buildings:open'>
  storage: Storage
  mailer: MemoryMailer
  clock: FixedClock
  system: Actor
}

/** A roster for the setup (`phase: 'setup'`) or for the run of the use-case under test (`'run'`). */
export function faultWorld(storage: Storage, phase: 'setup' | 'run', policy?: PolicyInput): FaultWorld {
  const mailer = createMemoryMailer()
  const clock = createFixedClock(phase === 'setup' ? SETUP_TIME : RUN_TIME)
  const roster = createRoster({
    storage,
    mailer,
    clock,
    random: seededRandom(phase === 'setup' ? 1 : 2),
    passwordHasher: plainHasher,
    permissions: ['buildings:open'],
    directorySources: { hr: directory },
    outbox: { backoff: 1_000, maxAttempts: 3 },
    ...(policy ? { policy } : {}),
  })
  return { roster, storage, mailer, clock, system: systemActor('fault-injection') }
}

/** Builders of the state a scenario starts from (each asserts its own success). */
export function setupHelpers(world: FaultWorld) {
  const { roster, mailer, system } = world
  const unwrap = <T>(result: { isOk(): boolean; _unsafeUnwrap(): T }, what: string): T => {
    if (!result.isOk()) throw new Error(`fault-injection setup failed: ${what}: ${JSON.stringify(result)}`)
    return result._unsafeUnwrap()
  }
  /** The token of the newest mail to `email`. */
  const tokenFor = (email: string): string => {
    const token = mailer.last(email)?.data.token
    if (typeof token !== 'string') throw new Error(`fault-injection setup: no mailed token for ${email}`)
    return token
  }
  /** A signed-up, activated account. */
  const activeAccount = async (email: string): Promise<{ accountId: string }> => {
    const account = unwrap(
      await roster.accounts.signUp({ email, firstName: 'Ada', lastName: email.split('@')[0]! }),
      `signUp ${email}`,
    )
    await roster.outbox.drain()
    unwrap(await roster.activation.activate({ token: tokenFor(email), password: FAULT_PASSWORD }), 'activate')
    return { accountId: account.id }
  }
  /** An org founded by a fresh active account. */
  const org = async (name = 'Acme') => {
    const founder = await activeAccount(`founder@${name.toLowerCase()}.test`)
    const created = unwrap(await roster.orgs.create(founder, { name }), `orgs.create ${name}`)
    return { orgId: created.id, founder }
  }
  /** A member with a password (active at once). */
  const member = async (orgId: string, email: string, type: 'employee' | 'guest' = 'employee') => {
    const view = unwrap(
      await roster.members.add(system, {
        orgId,
        email,
        firstName: 'Max',
        lastName: 'Member',
        type,
        credential: { kind: 'password', password: FAULT_PASSWORD },
      }),
      `members.add ${email}`,
    )
    return view.accountId as string
  }
  /** A person added without a credential: pending, mailed an activation link. */
  const invite = async (orgId: string, email: string) =>
    unwrap(
      await roster.members.add(system, { orgId, email, firstName: 'Pat', lastName: 'Pending' }),
      `members.add ${email}`,
    ).accountId as string
  return { unwrap, tokenFor, activeAccount, org, member, invite }
}

export type SetupHelpers = ReturnType<typeof setupHelpers>
