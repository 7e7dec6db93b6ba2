// X7, another org's ids answer exactly like ids that do not exist: the property suite that memory
// (core's own tests) and the Postgres adapter (PGlite and a real server) both run. Two orgs, each
// with admins, a limited custom role, guests, invited/pending/disabled people, resources, pools,
// numbers, departments, join requests and connections; every use-case of the roster (found by
// enumerating its namespaces) run as every actor of org A against org B's ids, and against random
// ids of the same kind. B's ids must change nothing and answer exactly what the random ids answer.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Actor } from '../domain/actor.js'
import { ACTORLESS_USE_CASES } from '../internal/actor-guard.js'
import type { Storage } from '../ports/storage.js'
import { createTestRoster } from '@roster/test-support'
import { serialize } from './recording.js'

const RUNS = Number(process.env.ROSTER_PROPERTY_RUNS ?? 300)

/** Options of `crossOrgSuite`. */
export interface CrossOrgSuiteOptions {
  name: string
  makeStorage: () => Storage | Promise<Storage>
  disposeStorage?: (storage: Storage) => void | Promise<void>
  /** Every row of every table (or a digest of each), for the before/after snapshot. */
  dumpTables: (storage: Storage) => Promise<Record<string, unknown[]>>
  /** Generated cases; default `ROSTER_PROPERTY_RUNS`, else 300. */
  runs?: number
}

/** The ids an input can refer to, all of one org (or all random). */
export interface OrgIds {
  orgId: string
  accountId: string
  pendingAccountId: string
  roleId: string
  resourceId: string
  departmentId: string
  requestId: string
  connectionId: string
  product: string
  number: string
  messageId: string
  email: string
}

type Build = (ids: OrgIds, own: { orgId: string }) => unknown

/**
 * The input of every actor-taking use-case, built from one side's ids. `null`: the use-case takes
 * no id of an org or its data, so there is no "other org" to reach (the reason is beside it).
 * `crossOrgSuite` fails when a use-case of the roster is missing here: a new use-case must say.
 */
export const CROSS_ORG_INPUTS: Record<string, Build | null> = {
  'accounts.get': (b) => ({ accountId: b.accountId }),
  'accounts.updateProfile': (b) => ({ accountId: b.accountId, firstName: 'Changed' }),
  'accounts.changeEmail': (b) => ({ accountId: b.accountId, email: 'changed.email@example.org' }),
  'accounts.disable': (b) => ({ accountId: b.accountId }),
  'accounts.enable': (b) => ({ accountId: b.pendingAccountId }),
  'accounts.linkIdentity': (b) => ({ accountId: b.accountId, provider: 'oidc:test', subject: 'cross-org' }),
  'activation.resend': (b) => ({ orgId: b.orgId, accountId: b.pendingAccountId }),
  'audit.list': (b) => ({ orgId: b.orgId, targetId: b.accountId }),
  // S1: a guest org asks a host org it knows to connect; answering about the host is the point.
  'connections.request': null,
  'connections.approve': (b) => ({ connectionId: b.connectionId }),
  'connections.connectSource': (b) => ({ orgId: b.orgId, sourceKey: 'hr' }),
  'connections.sync': (b) => ({ connectionId: b.connectionId }),
  // Only the system actor runs due syncs; it takes no org.
  'connections.runDue': null,
  'connections.list': (b) => ({ orgId: b.orgId }),
  'connections.disconnect': (b) => ({ connectionId: b.connectionId }),
  'scim.createConnection': (b) => ({ orgId: b.orgId, name: 'Cross SCIM' }),
  'scim.listConnections': (b) => ({ orgId: b.orgId }),
  'scim.rotateToken': (b, own) => ({ orgId: own.orgId, connectionId: b.connectionId }),
  'scim.revokeTokens': (b, own) => ({ orgId: own.orgId, connectionId: b.connectionId }),
  'scim.activity': (b, own) => ({ orgId: own.orgId, connectionId: b.connectionId }),
  'scim.listGroups': (b, own) => ({ orgId: own.orgId, connectionId: b.connectionId }),
  // The seed has no SCIM group: org B's connection (and an id of it as the group) must not be reached.
  'scim.mapGroup': (b, own) => ({
    orgId: own.orgId,
    connectionId: b.connectionId,
    groupId: b.connectionId,
    mapping: null,
  }),
  'credentials.changePassword': null, // the actor's own password; no id
  'departments.create': (b) => ({ orgId: b.orgId, name: 'Cross Dept' }),
  'departments.list': (b) => ({ orgId: b.orgId }),
  'departments.rename': (b, own) => ({ orgId: own.orgId, departmentId: b.departmentId, name: 'Renamed' }),
  'departments.delete': (b, own) => ({ orgId: own.orgId, departmentId: b.departmentId }),
  // J1: an account asks to join an org it knows of; the answer is about that org by design.
  'joinRequests.create': null,
  'joinRequests.listMine': null, // the actor's own requests, in every org; no id
  'joinRequests.list': (b) => ({ orgId: b.orgId }),
  'joinRequests.approve': (b) => ({ requestId: b.requestId }),
  'joinRequests.deny': (b) => ({ requestId: b.requestId }),
  'joinRequests.cancel': (b) => ({ requestId: b.requestId }),
  'licenses.createPool': (b) => ({ orgId: b.orgId, product: 'cross-product', seats: 1 }),
  'licenses.addSeats': (b, own) => ({ orgId: own.orgId, product: b.product, count: 1 }),
  'licenses.removeSeats': (b, own) => ({ orgId: own.orgId, product: b.product, count: 1 }),
  'licenses.assign': (b, own) => ({ orgId: own.orgId, product: b.product, accountId: b.accountId }),
  'licenses.unassign': (b, own) => ({ orgId: own.orgId, product: b.product, accountId: b.accountId }),
  'licenses.summary': (b) => ({ orgId: b.orgId }),
  // The platform blocklist: not an org's data; `unblock` of an org's member is covered below.
  'mail.blocklist': null,
  'mail.unblock': (b) => ({ email: b.email }),
  'members.add': (b, own) => ({
    orgId: own.orgId,
    email: 'brand.new.person@example.org',
    firstName: 'New',
    lastName: 'Person',
    departmentId: b.departmentId,
    grants: [{ roleId: b.roleId, scope: { resourceId: b.resourceId } }],
  }),
  'members.addMany': (b, own) => ({
    orgId: own.orgId,
    rows: [
      { email: 'brand.new.row@example.org', firstName: 'New', lastName: 'Row', departmentId: b.departmentId },
    ],
  }),
  'members.get': (b, own) => ({ orgId: own.orgId, accountId: b.accountId }),
  'members.list': (b, own) => ({ orgId: own.orgId, departmentId: b.departmentId, roleId: b.roleId }),
  'members.update': (b, own) => ({ orgId: own.orgId, accountId: b.accountId, title: 'Changed' }),
  'members.disable': (b, own) => ({ orgId: own.orgId, accountId: b.accountId }),
  'members.enable': (b, own) => ({ orgId: own.orgId, accountId: b.accountId }),
  'members.remove': (b, own) => ({ orgId: own.orgId, accountId: b.accountId }),
  'members.leave': (b) => ({ orgId: b.orgId }),
  'members.acceptInvitation': (b) => ({ orgId: b.orgId }),
  'members.declineInvitation': (b) => ({ orgId: b.orgId }),
  'numbers.import': (b) => ({ orgId: b.orgId, numbers: ['+1 212 555 0199'] }),
  'numbers.list': (b, own) => ({ orgId: own.orgId, accountId: b.accountId }),
  'numbers.assign': (b, own) => ({ orgId: own.orgId, number: b.number, accountId: b.accountId }),
  'numbers.unassign': (b, own) => ({ orgId: own.orgId, number: b.number }),
  'numbers.remove': (b, own) => ({ orgId: own.orgId, number: b.number }),
  'orgs.create': null, // creates a new org; no id
  'orgs.get': (b) => ({ orgId: b.orgId }),
  'orgs.update': (b) => ({ orgId: b.orgId, name: 'Renamed Org' }),
  'orgs.delete': (b) => ({ orgId: b.orgId }),
  'orgs.listMine': null, // the actor's own orgs; no id
  'orgs.transferFoundership': (b) => ({ orgId: b.orgId, toAccountId: b.accountId }),
  'outbox.list': (b) => ({ orgId: b.orgId }),
  'outbox.requeue': (b, own) => ({ orgId: own.orgId, messageId: b.messageId }),
  'resources.create': (b) => ({ orgId: b.orgId, type: 'building', name: 'Cross Tower' }),
  'resources.list': (b) => ({ orgId: b.orgId }),
  'resources.delete': (b, own) => ({ orgId: own.orgId, resourceId: b.resourceId }),
  'roles.define': (b) => ({ orgId: b.orgId, name: 'Cross Role', permissions: ['members:read'] }),
  'roles.update': (b, own) => ({ orgId: own.orgId, roleId: b.roleId, name: 'Renamed Role' }),
  'roles.delete': (b, own) => ({ orgId: own.orgId, roleId: b.roleId }),
  'roles.list': (b) => ({ orgId: b.orgId }),
  'roles.assign': (b, own) => ({
    orgId: own.orgId,
    accountId: b.accountId,
    grants: [{ roleId: b.roleId, scope: { resourceId: b.resourceId } }],
  }),
  'roles.revoke': (b, own) => ({ orgId: own.orgId, accountId: b.accountId, roleId: b.roleId, scope: 'org' }),
  'roles.set': (b, own) => ({
    orgId: own.orgId,
    accountId: b.accountId,
    grants: [{ roleId: b.roleId, scope: { resourceId: b.resourceId } }],
  }),
  'roles.can': (b, own) => ({ orgId: own.orgId, permission: 'members:read', resource: b.resourceId }),
}

/** The names (in B's data) that must never appear in an answer to A's actors. */
const B_SECRETS = ['Bravo', 'bravo']

type TestRoster = ReturnType<typeof createTestRoster>

export const DIRECTORY = {
  async *list() {
    yield { externalId: 'x1', email: 'synced.person@corp.test', firstName: 'Syn', lastName: 'Ced' }
  },
}

/** One org with every kind of actor and data. `P` prefixes its names; B's are `Bravo…`. */
export async function buildOrg(t: TestRoster, P: string, n: number) {
  const must = <T>(
    result: { isErr(): boolean; _unsafeUnwrap(): T; _unsafeUnwrapErr(): unknown },
    what: string,
  ) => {
    if (result.isErr()) throw new Error(`${P} ${what}: ${serialize(result._unsafeUnwrapErr())}`)
    return result._unsafeUnwrap()
  }
  const email = (who: string) => `${P.toLowerCase()}.${who}@org${n}.test`
  const founder = await t.activeAccount(email('founder'), { firstName: `${P}Fay`, lastName: `${P}Founder` })
  const org = must(await t.roster.orgs.create(founder, { name: `${P} Org` }), 'org')
  const orgId = org.id
  const role = must(
    await t.roster.roles.define(t.system, {
      orgId,
      name: `${P} Limited`,
      permissions: ['members:read', 'departments:manage', 'members:update'],
    }),
    'role',
  )
  const resource = must(
    await t.roster.resources.create(t.system, { orgId, type: 'building', name: `${P} Tower` }),
    'resource',
  )
  const department = must(
    await t.roster.departments.create(t.system, { orgId, name: `${P} Sales` }),
    'department',
  )
  const admin = await t.member(orgId, email('admin'), [{ roleId: 'admin', scope: 'org' }])
  const limited = await t.member(orgId, email('limited'), [{ roleId: role.id, scope: 'org' }])
  const plain = await t.member(orgId, email('plain'))
  const guest = await t.member(orgId, email('guest'), undefined, 'guest')
  const pending = must(
    await t.roster.members.add(t.system, {
      orgId,
      email: email('pending'),
      firstName: `${P}Pat`,
      lastName: `${P}Pending`,
    }),
    'pending',
  )
  const disabledMember = await t.member(orgId, email('disabledmember'))
  must(
    await t.roster.members.disable(t.system, { orgId, accountId: disabledMember.accountId }),
    'disable member',
  )
  const disabledAccount = await t.member(orgId, email('disabledaccount'))
  must(await t.roster.accounts.disable(t.system, { accountId: disabledAccount.accountId }), 'disable account')
  // Products are names, not ids: each org's own name, so B's is one A does not have.
  const product = `${P.toLowerCase()}-office`
  must(await t.roster.licenses.createPool(t.system, { orgId, product, seats: 5 }), 'pool')
  must(await t.roster.licenses.createPool(t.system, { orgId, product: 'phone-line', seats: 5 }), 'lines')
  must(await t.roster.licenses.assign(t.system, { orgId, product, accountId: plain.accountId }), 'seat')
  const number = `+1 212 555 0${n}11`
  must(await t.roster.numbers.import(t.system, { orgId, numbers: [number, `+1 212 555 0${n}12`] }), 'numbers')
  must(await t.roster.numbers.assign(t.system, { orgId, number, accountId: plain.accountId }), 'number')
  const requester = await t.activeAccount(email('requester'), {
    firstName: `${P}Joe`,
    lastName: `${P}Requester`,
  })
  const request = must(
    await t.roster.joinRequests.create(requester, { orgId, message: `${P} wants in` }),
    'request',
  )
  const connection = must(
    await t.roster.connections.connectSource(t.system, { orgId, sourceKey: 'hr' }),
    'connection',
  )
  must(await t.roster.mail.reportBounce({ email: email('bounced'), kind: 'bounce' }), 'bounce')
  const [message] = await t.storage.outbox.list({ orgId, limit: 1 })
  const ids: OrgIds = {
    orgId,
    accountId: plain.accountId,
    pendingAccountId: pending.accountId,
    roleId: role.id,
    resourceId: resource.id,
    departmentId: department.id,
    requestId: request.id,
    connectionId: connection.id,
    product,
    number: `+12125550${n}11`,
    messageId: message!.id,
    email: email('bounced'),
  }
  const actors: Record<string, Actor> = {
    founder,
    admin,
    limited,
    plain,
    guest,
    pending: { accountId: pending.accountId },
    disabledMember,
    disabledAccount,
    requester,
  }
  return { ids, actors }
}

/** Ids of each kind that exist nowhere (same shapes as real ones). */
const randomIds = fc.tuple(fc.stringMatching(/^[0-9a-f]{32}$/), fc.integer({ min: 10, max: 99 })).map(
  ([hex, k]): OrgIds => ({
    orgId: `0${hex.slice(1)}`,
    accountId: `1${hex.slice(1)}`,
    pendingAccountId: `2${hex.slice(1)}`,
    roleId: `3${hex.slice(1)}`,
    resourceId: `4${hex.slice(1)}`,
    departmentId: `5${hex.slice(1)}`,
    requestId: `6${hex.slice(1)}`,
    connectionId: `7${hex.slice(1)}`,
    product: `product-${hex.slice(0, 6)}`,
    number: `+1212555${String(k).padStart(2, '0')}99`,
    messageId: `8${hex.slice(1)}`,
    email: `nobody.${hex.slice(0, 8)}@nowhere.test`,
  }),
)

/** The answer with every id of either side written as its kind, for comparing the two. */
export function normalized(answer: unknown, ...sides: OrgIds[]): string {
  let text = serialize(answer)
  for (const side of sides)
    for (const [kind, value] of Object.entries(side)) text = text.split(value).join(`<${kind}>`)
  return text
}

export function methodsOf(roster: object): Map<string, (actor: Actor, input: unknown) => Promise<unknown>> {
  const out = new Map<string, (actor: Actor, input: unknown) => Promise<unknown>>()
  for (const [namespace, methods] of Object.entries(roster)) {
    if (namespace === 'events' || namespace === 'context') continue
    for (const [method, fn] of Object.entries(methods as Record<string, unknown>))
      if (typeof fn === 'function') out.set(`${namespace}.${method}`, fn as never)
  }
  return out
}

/**
 * Registers the X7 suite: every actor-taking use-case (the roster's namespaces, minus those that
 * take no actor and those `CROSS_ORG_INPUTS` marks `null`), as every actor of org A, with org B's
 * ids — alone (`orgId` of B) and mixed into A's own org (`orgId` of A, B's entity ids) — changes
 * nothing in storage and answers exactly what random ids of the same kinds answer, naming nothing
 * of B's. `ROSTER_PROPERTY_RUNS` sets the number of generated cases (default 300).
 */
export function crossOrgSuite(options: CrossOrgSuiteOptions): void {
  describe(`another org's ids (X7): ${options.name}`, () => {
    it('X7: every use-case of the roster has a cross-org input (a new use-case must say)', () => {
      const { roster } = createTestRoster()
      const missing = [...methodsOf(roster).keys()].filter(
        (name) => !ACTORLESS_USE_CASES.includes(name) && !(name in CROSS_ORG_INPUTS),
      )
      expect(missing).toEqual([])
    })

    it("X7: org B's ids, used by any actor of org A in any use-case, change nothing and answer like ids that do not exist", async () => {
      const storage = await options.makeStorage()
      try {
        const t = createTestRoster({ storage, directorySources: { hr: DIRECTORY } })
        const a = await buildOrg(t, 'Alpha', 1)
        const b = await buildOrg(t, 'Bravo', 2)
        await t.roster.outbox.drain()
        const methods = methodsOf(t.roster)
        const cases = Object.entries(CROSS_ORG_INPUTS).filter(
          (entry): entry is [string, Build] => entry[1] !== null,
        )
        const actorNames = Object.keys(a.actors)
        const snapshot = async () => serialize(await options.dumpTables(storage))
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...cases),
            fc.constantFrom(...actorNames),
            fc.boolean(),
            randomIds,
            async ([name, build], actorName, mixed, random) => {
              const actor = a.actors[actorName]!
              const call = methods.get(name)!
              const own = { orgId: mixed ? a.ids.orgId : b.ids.orgId }
              const ownRandom = { orgId: mixed ? a.ids.orgId : random.orgId }
              const label = `${name} as A's ${actorName}${mixed ? ' in its own org' : ''}`
              const before = await snapshot()
              const withB = await call(actor, build(b.ids, own))
              await t.roster.outbox.drain()
              expect(await snapshot(), `${label}: B's ids changed storage`).toBe(before)
              const withRandom = await call(actor, build(random, ownRandom))
              await t.roster.outbox.drain()
              expect(await snapshot(), `${label}: random ids changed storage`).toBe(before)
              const answerB = normalized(withB, b.ids, random)
              const answerRandom = normalized(withRandom, b.ids, random)
              expect(answerB, `${label}: B's ids answer differently from ids that do not exist`).toBe(
                answerRandom,
              )
              for (const secret of B_SECRETS)
                expect(answerB.includes(secret), `${label}: names B's data`).toBe(false)
            },
          ),
          { numRuns: options.runs ?? RUNS },
        )
      } finally {
        await options.disposeStorage?.(storage)
      }
      // Bounded by `runs`, not by a clock: a loaded machine may take a while.
    }, 180_000)
  })
}
