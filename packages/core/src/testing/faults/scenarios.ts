// Every write use-case of the roster, each from a state where it succeeds. The harness runs each
// once cleanly, then again with each of its storage calls failing in turn.
import type { PolicyInput } from '../../policy.js'
import { FAULT_PASSWORD, type FaultWorld, type SetupHelpers } from './world.js'

/** Ids and secrets a setup hands its scenario's run. */
export type ScenarioValues = Record<string, string>

/** What a use-case answers (a neverthrow `Result`: `value` when ok, `error` otherwise). */
export interface ScenarioResult {
  isOk(): boolean
  isErr(): boolean
  readonly value?: unknown
  readonly error?: unknown
}

/** The code of an error answer, if it is one. */
export function errorCode(result: ScenarioResult): string | undefined {
  return result.isErr() ? (result.error as { code?: string } | undefined)?.code : undefined
}

/** One write use-case under fault injection. */
export interface FaultScenario {
  /** The roster method, `namespace.method`, with a note when one method has several scenarios. */
  name: string
  /** Builds the state the use-case starts from (on a storage that does not fail). */
  setup?(helpers: SetupHelpers, world: FaultWorld): Promise<ScenarioValues>
  /** Calls the use-case. */
  run(world: FaultWorld, values: ScenarioValues): Promise<ScenarioResult>
  /**
   * Whether the answer says the change was made. Default: `ok`. A call whose answer carries
   * several outcomes (a row of `addMany`) or whose expected answer is an error that records
   * something (a wrong password counts a failed sign-in) says so here.
   */
  applied?(result: ScenarioResult): boolean
  /**
   * The use-case is delivery itself (`outbox.dispatch`): its answer is a tally of what happened to
   * each message, so instead of comparing with the clean run the harness checks the tally against
   * the mail that went out, and that none went out twice.
   */
  delivery?: true
  /**
   * Tables where the use-case records the attempt itself, whatever its outcome (a rate-limit hit
   * counts the request even when storage then fails: A9's limit must hold during an outage).
   * A refused run may change these; nothing else.
   */
  attemptTables?: readonly string[]
  /**
   * A use-case of several transactions (a sync of batches, a disconnect): a stop part-way may
   * leave the batches it committed (the report says so, or the answer is an error), and running it
   * again without faults MUST complete it. The harness checks that rerun instead of "nothing stored".
   */
  resumable?: true
  /**
   * The use-case answers before it does its work (EN4: `requestNewLink`, `requestPasswordReset`
   * answer `ok` before looking anything up), so a fault in the work cannot change the answer. The
   * work must still be all or nothing: an ok run stores exactly what the clean run does, or nothing
   * beyond its `attemptTables`.
   */
  answersBeforeWork?: true
  /** The roster policy for this scenario (default: Roster's defaults). */
  policy?: PolicyInput
}

const system = (world: FaultWorld) => world.system

export const FAULT_SCENARIOS: readonly FaultScenario[] = [
  // accounts
  {
    name: 'accounts.signUp',
    run: async ({ roster }) =>
      roster.accounts.signUp({ email: 'new@example.test', firstName: 'New', lastName: 'Person' }),
    attemptTables: ['rate_limits'],
  },
  {
    name: 'accounts.updateProfile',
    setup: async (h) => ({ accountId: (await h.activeAccount('ada@example.test')).accountId }),
    run: async ({ roster }, v) =>
      roster.accounts.updateProfile(
        { accountId: v.accountId! },
        { accountId: v.accountId!, firstName: 'Changed' },
      ),
  },
  {
    name: 'accounts.changeEmail',
    setup: async (h) => ({ accountId: (await h.activeAccount('ada@example.test')).accountId }),
    run: async ({ roster }, v) =>
      roster.accounts.changeEmail(
        { accountId: v.accountId! },
        { accountId: v.accountId!, email: 'ada.new@example.test' },
      ),
  },
  {
    name: 'accounts.confirmEmail',
    policy: { emailChange: 'verify' },
    setup: async (h, { roster }) => {
      const ada = await h.activeAccount('ada@example.test')
      h.unwrap(
        await roster.accounts.changeEmail(ada, {
          accountId: ada.accountId,
          email: 'ada.new@example.test',
        }),
        'changeEmail',
      )
      await roster.outbox.drain()
      return { token: h.tokenFor('ada.new@example.test') }
    },
    run: async ({ roster }, v) => roster.accounts.confirmEmail({ token: v.token! }),
  },
  {
    name: 'accounts.disable',
    setup: async (h) => {
      const { orgId } = await h.org()
      return { accountId: await h.member(orgId, 'max@example.test') }
    },
    run: async (world, v) => world.roster.accounts.disable(system(world), { accountId: v.accountId! }),
  },
  {
    name: 'accounts.enable',
    setup: async (h, world) => {
      const { orgId } = await h.org()
      const accountId = await h.member(orgId, 'max@example.test')
      h.unwrap(await world.roster.accounts.disable(world.system, { accountId }), 'disable')
      return { accountId }
    },
    run: async (world, v) => world.roster.accounts.enable(system(world), { accountId: v.accountId! }),
  },
  {
    name: 'accounts.linkIdentity',
    setup: async (h) => ({ accountId: (await h.activeAccount('ada@example.test')).accountId }),
    run: async (world, v) =>
      world.roster.accounts.linkIdentity(system(world), {
        accountId: v.accountId!,
        provider: 'oidc:corp',
        subject: 'subject-1',
      }),
  },
  // activation
  {
    name: 'activation.activate',
    setup: async (h, { roster }) => {
      h.unwrap(
        await roster.accounts.signUp({ email: 'pat@example.test', firstName: 'Pat', lastName: 'Pending' }),
        'signUp',
      )
      return { token: h.tokenFor('pat@example.test') }
    },
    run: async ({ roster }, v) => roster.activation.activate({ token: v.token!, password: FAULT_PASSWORD }),
  },
  {
    name: 'activation.requestNewLink',
    setup: async (h, { roster }) => {
      h.unwrap(
        await roster.accounts.signUp({ email: 'pat@example.test', firstName: 'Pat', lastName: 'Pending' }),
        'signUp',
      )
      return {}
    },
    run: async ({ roster }) => roster.activation.requestNewLink({ email: 'pat@example.test' }),
    attemptTables: ['rate_limits'],
    answersBeforeWork: true,
  },
  {
    name: 'activation.resend',
    setup: async (h, world) => {
      const { orgId, founder } = await h.org()
      const added = h.unwrap(
        await world.roster.members.add(founder, {
          orgId,
          email: 'pat@example.test',
          firstName: 'Pat',
          lastName: 'Pending',
        }),
        'members.add',
      )
      return { orgId, founder: founder.accountId, accountId: added.accountId }
    },
    run: async ({ roster }, v) =>
      roster.activation.resend({ accountId: v.founder! }, { orgId: v.orgId!, accountId: v.accountId! }),
  },
  // credentials
  {
    name: 'credentials.verify',
    setup: async (h, world) => {
      const ada = await h.activeAccount('ada@example.test')
      const account = await world.storage.accounts.findById(ada.accountId)
      return { username: account!.username }
    },
    run: async ({ roster }, v) =>
      roster.credentials.verify({ username: v.username!, password: FAULT_PASSWORD }),
  },
  {
    name: 'credentials.verify (wrong password, counted)',
    setup: async (h, world) => {
      const ada = await h.activeAccount('ada@example.test')
      const account = await world.storage.accounts.findById(ada.accountId)
      return { username: account!.username }
    },
    run: async ({ roster }, v) =>
      roster.credentials.verify({ username: v.username!, password: 'not the right password' }),
    // The expected answer is a refusal that records the failed attempt (A8's lockout counter).
    applied: (result) => errorCode(result) === 'INVALID_CREDENTIALS',
  },
  {
    name: 'credentials.requestPasswordReset',
    setup: async (h) => {
      await h.activeAccount('ada@example.test')
      return {}
    },
    run: async ({ roster }) => roster.credentials.requestPasswordReset({ email: 'ada@example.test' }),
    attemptTables: ['rate_limits'],
    answersBeforeWork: true,
  },
  {
    name: 'credentials.resetPassword',
    setup: async (h, { roster }) => {
      await h.activeAccount('ada@example.test')
      h.unwrap(
        await roster.credentials.requestPasswordReset({ email: 'ada@example.test' }),
        'requestPasswordReset',
      )
      await roster.outbox.drain()
      return { token: h.tokenFor('ada@example.test') }
    },
    run: async ({ roster }, v) =>
      roster.credentials.resetPassword({ token: v.token!, password: 'a brand new passphrase' }),
  },
  {
    name: 'credentials.changePassword',
    setup: async (h) => ({ accountId: (await h.activeAccount('ada@example.test')).accountId }),
    run: async ({ roster }, v) =>
      roster.credentials.changePassword(
        { accountId: v.accountId! },
        { currentPassword: FAULT_PASSWORD, newPassword: 'a brand new passphrase' },
      ),
  },
  // orgs
  {
    name: 'orgs.create',
    setup: async (h) => ({ accountId: (await h.activeAccount('ada@example.test')).accountId }),
    run: async ({ roster }, v) => roster.orgs.create({ accountId: v.accountId! }, { name: 'Beta' }),
  },
  {
    name: 'orgs.update',
    setup: async (h) => {
      const { orgId, founder } = await h.org()
      return { orgId, founder: founder.accountId }
    },
    run: async ({ roster }, v) =>
      roster.orgs.update({ accountId: v.founder! }, { orgId: v.orgId!, name: 'Acme Two' }),
  },
  {
    name: 'orgs.delete',
    setup: async (h) => {
      const { orgId, founder } = await h.org()
      // O1: an org is deleted once its founder is the only member left.
      return { orgId, founder: founder.accountId }
    },
    run: async ({ roster }, v) => roster.orgs.delete({ accountId: v.founder! }, { orgId: v.orgId! }),
  },
  {
    name: 'orgs.transferFoundership',
    setup: async (h) => {
      const { orgId, founder } = await h.org()
      return {
        orgId,
        founder: founder.accountId,
        accountId: await h.member(orgId, 'max@example.test'),
      }
    },
    run: async ({ roster }, v) =>
      roster.orgs.transferFoundership(
        { accountId: v.founder! },
        { orgId: v.orgId!, toAccountId: v.accountId! },
      ),
  },
  // members
  {
    name: 'members.add',
    setup: async (h) => {
      const { orgId, founder } = await h.org()
      return { orgId, founder: founder.accountId }
    },
    run: async ({ roster }, v) =>
      roster.members.add(
        { accountId: v.founder! },
        { orgId: v.orgId!, email: 'new@example.test', firstName: 'New', lastName: 'Member' },
      ),
  },
  {
    name: 'members.add (existing account: invitation)',
    setup: async (h) => {
      const { orgId, founder } = await h.org()
      await h.activeAccount('ada@example.test')
      return { orgId, founder: founder.accountId }
    },
    run: async ({ roster }, v) =>
      roster.members.add(
        { accountId: v.founder! },
        { orgId: v.orgId!, email: 'ada@example.test', firstName: 'Ada', lastName: 'Invited' },
      ),
  },
  {
    name: 'members.addMany',
    setup: async (h) => {
      const { orgId, founder } = await h.org()
      return { orgId, founder: founder.accountId }
    },
    run: async ({ roster }, v) =>
      roster.members.addMany(
        { accountId: v.founder! },
        { orgId: v.orgId!, rows: [{ email: 'row@example.test', firstName: 'Row', lastName: 'One' }] },
      ),
    // Each row is its own transaction: the one row's own result says whether it was added.
    applied: (result) =>
      result.isOk() &&
      (result.value as { results: Array<{ ok?: boolean; status?: string }> }).results.every(isRowAdded),
  },
  ...memberChange('members.update', async (roster, v) =>
    roster.members.update(
      { accountId: v.founder! },
      { orgId: v.orgId!, accountId: v.accountId!, title: 'Lead' },
    ),
  ),
  ...memberChange('members.disable', async (roster, v) =>
    roster.members.disable({ accountId: v.founder! }, { orgId: v.orgId!, accountId: v.accountId! }),
  ),
  {
    name: 'members.enable',
    setup: async (h, world) => {
      const { orgId, founder } = await h.org()
      const accountId = await h.member(orgId, 'max@example.test')
      h.unwrap(await world.roster.members.disable(founder, { orgId, accountId }), 'members.disable')
      return { orgId, founder: founder.accountId, accountId }
    },
    run: async ({ roster }, v) =>
      roster.members.enable({ accountId: v.founder! }, { orgId: v.orgId!, accountId: v.accountId! }),
  },
  ...memberChange('members.remove', async (roster, v) =>
    roster.members.remove({ accountId: v.founder! }, { orgId: v.orgId!, accountId: v.accountId! }),
  ),
  ...memberChange('members.leave', async (roster, v) =>
    roster.members.leave({ accountId: v.accountId! }, { orgId: v.orgId! }),
  ),
  ...invitation('members.acceptInvitation', async (roster, v) =>
    roster.members.acceptInvitation({ accountId: v.accountId! }, { orgId: v.orgId! }),
  ),
  ...invitation('members.declineInvitation', async (roster, v) =>
    roster.members.declineInvitation({ accountId: v.accountId! }, { orgId: v.orgId! }),
  ),
  // mail and outbox
  {
    name: 'mail.reportBounce',
    run: async ({ roster }) => roster.mail.reportBounce({ email: 'gone@example.test', kind: 'bounce' }),
  },
  {
    name: 'mail.unblock',
    setup: async (h, { roster }) => {
      h.unwrap(await roster.mail.reportBounce({ email: 'gone@example.test', kind: 'bounce' }), 'reportBounce')
      return {}
    },
    run: async (world) => world.roster.mail.unblock(system(world), { email: 'gone@example.test' }),
  },
  {
    name: 'outbox.dispatch',
    setup: async (h, { mailer }) => {
      const { orgId } = await h.org()
      // The inline attempt fails: the message waits for the dispatcher (due at the run's time).
      mailer.failNext(1)
      await h.invite(orgId, 'pat@example.test')
      return {}
    },
    run: async ({ roster }) => roster.outbox.dispatch(),
    delivery: true,
  },
  {
    name: 'outbox.requeue',
    setup: async (h, { roster, mailer, clock, storage }) => {
      const { orgId, founder } = await h.org()
      mailer.failNext(3)
      await h.invite(orgId, 'pat@example.test')
      for (let attempt = 2; attempt <= 3; attempt++) {
        clock.advance(10_000)
        h.unwrap(await roster.outbox.dispatch(), 'dispatch')
      }
      const [dead] = await storage.outbox.list({ limit: 10, status: 'dead' })
      if (!dead) throw new Error('fault-injection setup: no dead message to requeue')
      return { orgId, founder: founder.accountId, messageId: dead.id }
    },
    run: async ({ roster }, v) =>
      roster.outbox.requeue({ accountId: v.founder! }, { orgId: v.orgId!, messageId: v.messageId! }),
  },
  // licenses
  ...withOrg('licenses.createPool', async ({ roster }, v) =>
    roster.licenses.createPool({ accountId: v.founder! }, { orgId: v.orgId!, product: 'pbx', seats: 2 }),
  ),
  ...withPool('licenses.addSeats', async (roster, v) =>
    roster.licenses.addSeats({ accountId: v.founder! }, { orgId: v.orgId!, product: 'pbx', count: 1 }),
  ),
  ...withPool('licenses.removeSeats', async (roster, v) =>
    roster.licenses.removeSeats({ accountId: v.founder! }, { orgId: v.orgId!, product: 'pbx', count: 1 }),
  ),
  ...withPool('licenses.assign', async (roster, v) =>
    roster.licenses.assign(
      { accountId: v.founder! },
      { orgId: v.orgId!, product: 'pbx', accountId: v.accountId! },
    ),
  ),
  {
    name: 'licenses.unassign',
    setup: async (h, world) => {
      const values = await poolSetup(h, world)
      h.unwrap(
        await world.roster.licenses.assign(
          { accountId: values.founder! },
          { orgId: values.orgId!, product: 'pbx', accountId: values.accountId! },
        ),
        'licenses.assign',
      )
      return values
    },
    run: async ({ roster }, v) =>
      roster.licenses.unassign(
        { accountId: v.founder! },
        { orgId: v.orgId!, product: 'pbx', accountId: v.accountId! },
      ),
  },
  // numbers
  ...withOrg('numbers.import', async ({ roster }, v) =>
    roster.numbers.import(
      { accountId: v.founder! },
      { orgId: v.orgId!, numbers: [NUMBER, '+33 6 12 34 56 02'] },
    ),
  ),
  ...withNumber('numbers.assign', false, async (roster, v) =>
    roster.numbers.assign(
      { accountId: v.founder! },
      { orgId: v.orgId!, number: NUMBER, accountId: v.accountId! },
    ),
  ),
  ...withNumber('numbers.unassign', true, async (roster, v) =>
    roster.numbers.unassign({ accountId: v.founder! }, { orgId: v.orgId!, number: NUMBER }),
  ),
  ...withNumber('numbers.remove', true, async (roster, v) =>
    roster.numbers.remove({ accountId: v.founder! }, { orgId: v.orgId!, number: NUMBER }),
  ),
  // roles and resources
  ...withOrg('roles.define', async ({ roster }, v) =>
    roster.roles.define(
      { accountId: v.founder! },
      { orgId: v.orgId!, name: 'Door opener', permissions: ['buildings:open'] },
    ),
  ),
  ...withRole('roles.update', false, async (roster, v) =>
    roster.roles.update(
      { accountId: v.founder! },
      { orgId: v.orgId!, roleId: v.roleId!, name: 'Gatekeeper' },
    ),
  ),
  ...withRole('roles.delete', false, async (roster, v) =>
    roster.roles.delete({ accountId: v.founder! }, { orgId: v.orgId!, roleId: v.roleId! }),
  ),
  ...withRole('roles.assign', false, async (roster, v) =>
    roster.roles.assign(
      { accountId: v.founder! },
      { orgId: v.orgId!, accountId: v.accountId!, grants: [{ roleId: v.roleId!, scope: 'org' }] },
    ),
  ),
  ...withRole('roles.revoke', true, async (roster, v) =>
    roster.roles.revoke(
      { accountId: v.founder! },
      { orgId: v.orgId!, accountId: v.accountId!, roleId: v.roleId!, scope: 'org' },
    ),
  ),
  ...withRole('roles.set', true, async (roster, v) =>
    roster.roles.set(
      { accountId: v.founder! },
      { orgId: v.orgId!, accountId: v.accountId!, grants: [{ roleId: 'admin', scope: 'org' }] },
    ),
  ),
  ...withOrg('resources.create', async ({ roster }, v) =>
    roster.resources.create({ accountId: v.founder! }, { orgId: v.orgId!, type: 'building', name: 'HQ' }),
  ),
  {
    name: 'resources.delete',
    setup: async (h, { roster }) => {
      const { orgId, founder } = await h.org()
      const resource = h.unwrap(
        await roster.resources.create(founder, { orgId, type: 'building', name: 'HQ' }),
        'resources.create',
      )
      return { orgId, founder: founder.accountId, resourceId: resource.id }
    },
    run: async ({ roster }, v) =>
      roster.resources.delete({ accountId: v.founder! }, { orgId: v.orgId!, resourceId: v.resourceId! }),
  },
  // departments
  ...withOrg('departments.create', async ({ roster }, v) =>
    roster.departments.create({ accountId: v.founder! }, { orgId: v.orgId!, name: 'Sales' }),
  ),
  ...withDepartment('departments.rename', async (roster, v) =>
    roster.departments.rename(
      { accountId: v.founder! },
      { orgId: v.orgId!, departmentId: v.departmentId!, name: 'Marketing' },
    ),
  ),
  ...withDepartment('departments.delete', async (roster, v) =>
    roster.departments.delete(
      { accountId: v.founder! },
      { orgId: v.orgId!, departmentId: v.departmentId!, moveMembersTo: v.otherDepartmentId! },
    ),
  ),
  // join requests
  {
    name: 'joinRequests.create',
    setup: async (h) => {
      const { orgId } = await h.org()
      return { orgId, accountId: (await h.activeAccount('jo@example.test')).accountId }
    },
    run: async ({ roster }, v) =>
      roster.joinRequests.create({ accountId: v.accountId! }, { orgId: v.orgId!, message: 'Hello' }),
  },
  ...withJoinRequest('joinRequests.approve', async (roster, v) =>
    roster.joinRequests.approve({ accountId: v.founder! }, { requestId: v.requestId! }),
  ),
  ...withJoinRequest('joinRequests.deny', async (roster, v) =>
    roster.joinRequests.deny({ accountId: v.founder! }, { requestId: v.requestId! }),
  ),
  ...withJoinRequest('joinRequests.cancel', async (roster, v) =>
    roster.joinRequests.cancel({ accountId: v.accountId! }, { requestId: v.requestId! }),
  ),
  // connections
  ...withOrg('connections.connectSource', async ({ roster }, v) =>
    roster.connections.connectSource(
      { accountId: v.founder! },
      { orgId: v.orgId!, sourceKey: 'hr', intervalMinutes: 60 },
    ),
  ),
  {
    name: 'connections.sync',
    setup: connectionSetup,
    run: async ({ roster }, v) =>
      roster.connections.sync({ accountId: v.founder! }, { connectionId: v.connectionId! }),
    applied: syncCompleted,
    resumable: true,
  },
  {
    name: 'connections.runDue',
    setup: connectionSetup,
    run: async (world) => world.roster.connections.runDue(system(world)),
    applied: (result) =>
      result.isOk() &&
      (result.value as { reports?: unknown[] }).reports?.every((r) =>
        syncCompleted({ isOk: () => true, value: r } as never),
      ) !== false,
    resumable: true,
  },
  {
    name: 'connections.disconnect',
    setup: async (h, world) => {
      const values = await connectionSetup(h, world)
      h.unwrap(
        await world.roster.connections.sync(
          { accountId: values.founder! },
          { connectionId: values.connectionId! },
        ),
        'sync',
      )
      return values
    },
    run: async ({ roster }, v) =>
      roster.connections.disconnect(
        { accountId: v.founder! },
        { connectionId: v.connectionId!, members: 'remove' },
      ),
    resumable: true,
  },
  {
    name: 'connections.request',
    setup: twoOrgs,
    run: async ({ roster }, v) =>
      roster.connections.request(
        { accountId: v.guestFounder! },
        { guestOrgId: v.guestOrgId!, hostOrgId: v.hostOrgId! },
      ),
  },
  {
    name: 'connections.approve',
    setup: async (h, world) => {
      const values = await twoOrgs(h)
      const requested = h.unwrap(
        await world.roster.connections.request(
          { accountId: values.guestFounder! },
          { guestOrgId: values.guestOrgId!, hostOrgId: values.hostOrgId! },
        ),
        'connections.request',
      ) as { id: string }
      return { ...values, connectionId: requested.id }
    },
    run: async ({ roster }, v) =>
      roster.connections.approve({ accountId: v.hostFounder! }, { connectionId: v.connectionId! }),
  },
]

const NUMBER = '+33 6 12 34 56 01'

function isRowAdded(row: { ok?: boolean; status?: string; error?: unknown }): boolean {
  return row.ok === true || row.status === 'added' || (row.error === undefined && row.ok !== false)
}

function syncCompleted(result: ScenarioResult): boolean {
  if (!result.isOk()) return false
  const report = result.value as { complete?: boolean; failure?: unknown; failureReason?: unknown }
  return report.complete !== false && !report.failure && !report.failureReason
}

type Run = (roster: FaultWorld['roster'], values: ScenarioValues) => Promise<ScenarioResult>

/** A use-case on an org of its founder. */
function withOrg(
  name: string,
  run: (world: FaultWorld, values: ScenarioValues) => Promise<ScenarioResult>,
): FaultScenario[] {
  return [
    {
      name,
      setup: async (h) => {
        const { orgId, founder } = await h.org()
        return { orgId, founder: founder.accountId }
      },
      run,
    },
  ]
}

/** A use-case about one active member of the founder's org. */
function memberChange(name: string, run: Run): FaultScenario[] {
  return [
    {
      name,
      setup: async (h) => {
        const { orgId, founder } = await h.org()
        return {
          orgId,
          founder: founder.accountId,
          accountId: await h.member(orgId, 'max@example.test'),
        }
      },
      run: async ({ roster }, values) => run(roster, values),
    },
  ]
}

/** A use-case of a person invited to an org (an existing account added to it). */
function invitation(name: string, run: Run): FaultScenario[] {
  return [
    {
      name,
      setup: async (h, world) => {
        const { orgId, founder } = await h.org()
        const ada = await h.activeAccount('ada@example.test')
        h.unwrap(
          await world.roster.members.add(founder, {
            orgId,
            email: 'ada@example.test',
            firstName: 'Ada',
            lastName: 'Invited',
          }),
          'members.add',
        )
        return { orgId, accountId: ada.accountId }
      },
      run: async ({ roster }, values) => run(roster, values),
    },
  ]
}

async function poolSetup(h: SetupHelpers, world: FaultWorld): Promise<ScenarioValues> {
  const { orgId, founder } = await h.org()
  h.unwrap(await world.roster.licenses.createPool(founder, { orgId, product: 'pbx', seats: 2 }), 'createPool')
  return { orgId, founder: founder.accountId, accountId: await h.member(orgId, 'max@example.test') }
}

function withPool(name: string, run: Run): FaultScenario[] {
  return [{ name, setup: poolSetup, run: async ({ roster }, values) => run(roster, values) }]
}

/** An org with a phone-line pool, an imported number and a member (holding the number when `assigned`). */
function withNumber(name: string, assigned: boolean, run: Run): FaultScenario[] {
  return [
    {
      name,
      setup: async (h, { roster }) => {
        const { orgId, founder } = await h.org()
        h.unwrap(
          await roster.licenses.createPool(founder, { orgId, product: 'phone-line', seats: 2 }),
          'createPool',
        )
        h.unwrap(await roster.numbers.import(founder, { orgId, numbers: [NUMBER] }), 'numbers.import')
        const accountId = await h.member(orgId, 'max@example.test')
        if (assigned)
          h.unwrap(
            await roster.numbers.assign(founder, { orgId, number: NUMBER, accountId }),
            'numbers.assign',
          )
        return { orgId, founder: founder.accountId, accountId }
      },
      run: async ({ roster }, values) => run(roster, values),
    },
  ]
}

/** An org with a custom role and a member (granted it when `granted`). */
function withRole(name: string, granted: boolean, run: Run): FaultScenario[] {
  return [
    {
      name,
      setup: async (h, { roster }) => {
        const { orgId, founder } = await h.org()
        const role = h.unwrap(
          await roster.roles.define(founder, { orgId, name: 'Door opener', permissions: ['buildings:open'] }),
          'roles.define',
        ) as { id: string }
        const accountId = await h.member(orgId, 'max@example.test')
        if (granted)
          h.unwrap(
            await roster.roles.assign(founder, {
              orgId,
              accountId,
              grants: [{ roleId: role.id, scope: 'org' }],
            }),
            'roles.assign',
          )
        return { orgId, founder: founder.accountId, accountId, roleId: role.id }
      },
      run: async ({ roster }, values) => run(roster, values),
    },
  ]
}

function withDepartment(name: string, run: Run): FaultScenario[] {
  return [
    {
      name,
      setup: async (h, { roster }) => {
        const { orgId, founder } = await h.org()
        const department = h.unwrap(
          await roster.departments.create(founder, { orgId, name: 'Sales' }),
          'departments.create',
        ) as {
          id: string
        }
        const accountId = await h.member(orgId, 'max@example.test')
        h.unwrap(
          await roster.members.update(founder, { orgId, accountId, departmentId: department.id }),
          'members.update',
        )
        const other = h.unwrap(
          await roster.departments.create(founder, { orgId, name: 'Support' }),
          'departments.create',
        ) as {
          id: string
        }
        return { orgId, founder: founder.accountId, departmentId: department.id, otherDepartmentId: other.id }
      },
      run: async ({ roster }, values) => run(roster, values),
    },
  ]
}

function withJoinRequest(name: string, run: Run): FaultScenario[] {
  return [
    {
      name,
      setup: async (h, { roster }) => {
        const { orgId, founder } = await h.org()
        const jo = await h.activeAccount('jo@example.test')
        const request = h.unwrap(
          await roster.joinRequests.create(jo, { orgId, message: 'Hello' }),
          'joinRequests.create',
        ) as {
          id: string
        }
        return {
          orgId,
          founder: founder.accountId,
          accountId: jo.accountId,
          requestId: request.id,
        }
      },
      run: async ({ roster }, values) => run(roster, values),
    },
  ]
}

async function connectionSetup(h: SetupHelpers, { roster }: FaultWorld): Promise<ScenarioValues> {
  const { orgId, founder } = await h.org()
  const connection = h.unwrap(
    await roster.connections.connectSource(founder, { orgId, sourceKey: 'hr', intervalMinutes: 1 }),
    'connectSource',
  ) as { id: string }
  return { orgId, founder: founder.accountId, connectionId: connection.id }
}

async function twoOrgs(h: SetupHelpers): Promise<ScenarioValues> {
  const host = await h.org('Host')
  const guest = await h.org('Guest')
  return {
    hostOrgId: host.orgId,
    hostFounder: host.founder.accountId,
    guestOrgId: guest.orgId,
    guestFounder: guest.founder.accountId,
  }
}

/**
 * The roster methods that change nothing (reads, checks, and `outbox.drain`), so the harness
 * can tell when a new write use-case has no scenario.
 */
export const READ_ONLY_METHODS: readonly string[] = [
  'accounts.get',
  'accounts.findByIdentity',
  'orgs.get',
  'orgs.listMine',
  'members.get',
  'members.list',
  'audit.list',
  'mail.blocklist',
  'outbox.list',
  'outbox.drain',
  'licenses.summary',
  'numbers.list',
  'roles.list',
  'roles.can',
  'resources.list',
  'departments.list',
  'joinRequests.list',
  'connections.list',
]
