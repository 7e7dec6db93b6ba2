// Shared setup of the connections tests (not part of the public API; not built). Each call builds
// a fresh roster with its own sources, so no test shares state with another.
import type { DirectoryPerson, DirectorySource } from '../../ports/directory-source.js'
import { createTestRoster, type TestRosterOptions } from '@roster/test-support'

/** A source listing whatever `people` holds at the time of each run. */
export interface ListSource extends DirectorySource {
  people: unknown[]
  /** How many times `list()` was called (one per run). */
  runs: number
}

export function listSource(people: unknown[] = []): ListSource {
  const source: ListSource = {
    people,
    runs: 0,
    async *list() {
      source.runs++
      for (const person of source.people) yield person as DirectoryPerson
    },
  }
  return source
}

/** Person `i` of a directory: `e0001`, `person1@corp.test`, Given1 Family1. */
export function person(i: number, overrides: Partial<DirectoryPerson> = {}): DirectoryPerson {
  return {
    externalId: `e${String(i).padStart(4, '0')}`,
    email: `person${i}@corp.test`,
    firstName: `Given${i}`,
    lastName: `Family${i}`,
    ...overrides,
  }
}

export function people(from: number, to: number): DirectoryPerson[] {
  return Array.from({ length: to - from + 1 }, (_, k) => person(from + k))
}

/**
 * A source listing people 1..count that, on its first run only, waits before person `pauseAt`
 * until `release()` — a run caught between two batches, for racing it against something else.
 */
export function pausingSource(count: number, pauseAt: number) {
  let release!: () => void
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  let runs = 0
  const source: DirectorySource = {
    async *list() {
      const paused = runs++ === 0
      for (const p of people(1, count)) {
        if (paused && p.externalId === person(pauseAt).externalId) await gate
        yield p
      }
    },
  }
  return { source, release }
}

/** Waits (up to a second) until the org has `count` guest memberships: the batches before a pause committed. */
export async function waitForGuests(
  t: Pick<ReturnType<typeof createTestRoster>, 'storage'>,
  orgId: string,
  count: number,
): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await t.storage.memberships.page({ orgId, type: 'guest', limit: count + 1 })).length >= count) return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`waited in vain for ${count} guests`)
}

/**
 * A roster with an org (Agency), its founder, an admin, a plain member, and `hr` connected to the
 * given source (`intervalMinutes: 60` unless `connect` says otherwise).
 */
export async function setupDirectory<S extends DirectorySource = DirectorySource>(
  source: S = listSource() as unknown as S,
  options: TestRosterOptions & {
    connect?: { intervalMinutes?: number | null; onMissing?: 'disable' | 'remove' }
  } = {},
) {
  const { connect, ...rosterOptions } = options
  const t = createTestRoster({
    ...rosterOptions,
    directorySources: { hr: source, ...rosterOptions.directorySources },
  })
  const { org, founder } = await t.orgWithFounder('Agency')
  const admin = await t.member(org.id, 'admin@agency.test', [{ roleId: 'admin', scope: 'org' }])
  const plain = await t.member(org.id, 'plain@agency.test')
  const connection = (
    await t.roster.connections.connectSource(admin, { orgId: org.id, sourceKey: 'hr', ...connect })
  )._unsafeUnwrap()
  const sync = async (sync: { batchSize?: number } = {}) =>
    (await t.roster.connections.sync(admin, { connectionId: connection.id }, sync))._unsafeUnwrap()
  const memberView = async (accountId: string) =>
    (await t.roster.members.get(admin, { orgId: org.id, accountId }))._unsafeUnwrap()
  const accountOf = async (email: string) => {
    const account = await t.storage.accounts.findByEmail(email.toLowerCase())
    if (!account) throw new Error(`no account for ${email}`)
    return account
  }
  const audit = () => t.storage.audit.list({ orgId: org.id, limit: 100_000 })
  return { ...t, org, founder, admin, plain, connection, source, sync, memberView, accountOf, audit }
}

/** Agency (the host) and Consultants Inc. (the guest org) with their admins and two consultants. */
export async function setupOrgs() {
  const t = createTestRoster()
  const { org: agency, founder: agencyFounder } = await t.orgWithFounder('Agency')
  const { org: firm, founder: firmFounder } = await t.orgWithFounder('Consultants')
  const agencyAdmin = await t.member(agency.id, 'admin@agency.test', [{ roleId: 'admin', scope: 'org' }])
  const firmAdmin = await t.member(firm.id, 'admin@firm.test', [{ roleId: 'admin', scope: 'org' }])
  const carol = await t.member(firm.id, 'carol@firm.test')
  const dan = await t.member(firm.id, 'dan@firm.test')
  const guestsOfAgency = async () =>
    (await t.storage.memberships.page({ orgId: agency.id, type: 'guest', limit: 100 })).map((row) => ({
      email: row.account.email,
      status: row.membership.status,
      source: row.membership.source,
    }))
  return {
    ...t,
    agency,
    agencyFounder,
    firm,
    firmFounder,
    agencyAdmin,
    firmAdmin,
    carol,
    dan,
    guestsOfAgency,
  }
}
