// X5, no secret at rest: the suite the memory adapter (core's own tests) and the Postgres adapter
// (PGlite and a real server) both run. Every mail-sending use-case, with its mail left in every
// outbox state; then neither the storage calls nor any table hold a raw token or password.
import { describe, expect, it } from 'vitest'
import type { MailMessage } from '../domain/mail-message.js'
import type { Storage } from '../ports/storage.js'
import { createTestRoster, PASSWORD, type TestRosterOptions } from '@roster/test-support'
import { createMemoryMailer, type MemoryMailer } from '../testing/memory-mailer.js'
import { recordingSecrets, recordingStorage, serialize } from './recording.js'

/** Options of `secretsAtRestSuite`. */
export interface RosterSuiteOptions {
  name: string
  makeStorage: () => Storage | Promise<Storage>
  disposeStorage?: (storage: Storage) => void | Promise<void>
  /** Every row of every table of the storage (Postgres); the call log covers adapters without one. */
  dumpTables?: (storage: Storage) => Promise<Record<string, unknown[]>>
}

type TestRoster = ReturnType<typeof createTestRoster>

/** A mail-sending use-case, run against a roster that already has an org and its founder. */
interface Scenario {
  name: string
  /** Which template(s) carry a secret in this scenario. */
  templates: MailMessage['template'][]
  options?: TestRosterOptions
  /** What must exist first (its mail is delivered before the scenario's own). */
  setup?(t: World): Promise<Record<string, string>>
  run(t: World, ids: Record<string, string>): Promise<void>
}

/** A test roster whose mailer can be switched off, with an org and its founder. */
interface World extends TestRoster {
  orgId: string
  founder: { accountId: string }
  /** Delivered mail (the roster's mailer, `t.mailer` is not used). */
  inbox: MemoryMailer
  mailerDown: boolean
}

const DIRECTORY = [
  { externalId: 'e1', email: 'synced.one@corp.test', firstName: 'Syn', lastName: 'One' },
  { externalId: 'e2', email: 'synced.two@corp.test', firstName: 'Syn', lastName: 'Two' },
]

const add = (t: World, orgId: string, email: string, kind: 'activation-link' | 'temporary-password') =>
  t.roster.members.add(t.system, {
    orgId,
    email,
    firstName: 'Nia',
    lastName: 'New',
    credential: { kind },
  })

const SCENARIOS: Scenario[] = [
  {
    name: 'accounts.signUp',
    templates: ['activation'],
    run: async (t) => {
      ;(
        await t.roster.accounts.signUp({ email: 'self@example.com', firstName: 'S', lastName: 'U' })
      )._unsafeUnwrap()
    },
  },
  {
    name: 'members.add (activation link)',
    templates: ['activation'],
    run: async (t) => void (await add(t, t.orgId, 'link@example.com', 'activation-link'))._unsafeUnwrap(),
  },
  {
    name: 'members.add (temporary password)',
    templates: ['temporary-password'],
    run: async (t) => void (await add(t, t.orgId, 'temp@example.com', 'temporary-password'))._unsafeUnwrap(),
  },
  {
    name: 'members.addMany',
    templates: ['activation', 'temporary-password'],
    run: async (t) => {
      const orgId = t.orgId
      const rows = [
        { email: 'row.one@example.com', firstName: 'R', lastName: 'One' },
        {
          email: 'row.two@example.com',
          firstName: 'R',
          lastName: 'Two',
          credential: { kind: 'temporary-password' as const },
        },
      ]
      ;(await t.roster.members.addMany(t.system, { orgId, rows }))._unsafeUnwrap()
    },
  },
  {
    name: 'activation.resend',
    templates: ['activation'],
    setup: async (t) => ({
      accountId: (await add(t, t.orgId, 'resend@example.com', 'activation-link'))._unsafeUnwrap().accountId,
    }),
    run: async (t, { accountId }) => {
      ;(await t.roster.activation.resend(t.system, { orgId: t.orgId, accountId: accountId! }))._unsafeUnwrap()
    },
  },
  {
    name: 'activation.requestNewLink',
    templates: ['activation'],
    setup: async (t) => ({ accountId: await t.pendingAccount('again@example.com') }),
    run: async (t) => {
      ;(await t.roster.activation.requestNewLink({ email: 'again@example.com' }))._unsafeUnwrap()
    },
  },
  {
    name: 'credentials.requestPasswordReset',
    templates: ['password-reset'],
    setup: async (t) => ({ accountId: (await signedUpAndActive(t, 'forgot@example.com')).accountId }),
    run: async (t) => {
      ;(await t.roster.credentials.requestPasswordReset({ email: 'forgot@example.com' }))._unsafeUnwrap()
    },
  },
  {
    name: "accounts.changeEmail (emailChange: 'verify')",
    templates: ['email-change-confirm'],
    options: { policy: { emailChange: 'verify' } },
    setup: async (t) => ({ accountId: (await signedUpAndActive(t, 'mover@example.com')).accountId }),
    run: async (t, { accountId }) => {
      const mover = { accountId: accountId! }
      ;(
        await t.roster.accounts.changeEmail(mover, { accountId: accountId!, email: 'moved@example.com' })
      )._unsafeUnwrap()
    },
  },
  {
    name: "members.update of a pending member's email",
    templates: ['activation'],
    setup: async (t) => ({
      accountId: (await add(t, t.orgId, 'typo@exmaple.com', 'activation-link'))._unsafeUnwrap().accountId,
    }),
    run: async (t, { accountId }) => {
      ;(
        await t.roster.members.update(t.system, {
          orgId: t.orgId,
          accountId: accountId!,
          email: 'fixed@example.com',
        })
      )._unsafeUnwrap()
    },
  },
  {
    name: 'connections.sync (new people)',
    templates: ['activation'],
    options: {
      directorySources: {
        hr: {
          async *list() {
            yield* DIRECTORY
          },
        },
      },
    },
    setup: async (t) => ({
      connectionId: (
        await t.roster.connections.connectSource(t.system, { orgId: t.orgId, sourceKey: 'hr' })
      )._unsafeUnwrap().id,
    }),
    run: async (t, { connectionId }) => {
      ;(await t.roster.connections.sync(t.system, { connectionId: connectionId! }))._unsafeUnwrap()
    },
  },
]

/**
 * The outbox states a mail can be left in, and how to get there after the use-case ran:
 * `sent` (inline), `pending` (manual dispatch, never run), `redelivered` (the inline try failed,
 * the dispatcher sent it later), `dead` (every try failed) and `blocked` (the address bounced first).
 */
const STATES = {
  sent: { options: {}, mailerDown: false, settle: async () => {} },
  pending: {
    options: { outbox: { dispatch: 'manual' as const } },
    mailerDown: false,
    settle: async () => {},
  },
  redelivered: {
    options: {},
    mailerDown: true,
    settle: async (t: World) => {
      t.mailerDown = false
      t.clock.advance('10m')
      ;(await t.roster.outbox.dispatch({ limit: 100 }))._unsafeUnwrap()
    },
  },
  dead: { options: { outbox: { maxAttempts: 1 } }, mailerDown: true, settle: async () => {} },
  blocked: {
    options: { outbox: { dispatch: 'manual' as const } },
    mailerDown: false,
    settle: async (t: World) => {
      for (const message of await t.storage.outbox.list({ limit: 100, status: 'pending' }))
        (await t.roster.mail.reportBounce({ email: message.to, kind: 'bounce' }))._unsafeUnwrap()
      ;(await t.roster.outbox.dispatch({ limit: 100 }))._unsafeUnwrap()
    },
  },
} satisfies Record<
  string,
  { options: TestRosterOptions; mailerDown: boolean; settle: (t: World) => Promise<void> }
>

/** Delivers whatever is due now (manual mode's founder and setup mail). */
async function deliverDue(t: World): Promise<void> {
  await t.roster.outbox.drain()
  ;(await t.roster.outbox.dispatch({ limit: 100 }))._unsafeUnwrap()
}

/** A signed-up, activated person, whatever the outbox mode. */
async function signedUpAndActive(t: World, email: string) {
  const account = (
    await t.roster.accounts.signUp({ email, firstName: 'Ann', lastName: 'Active' })
  )._unsafeUnwrap()
  await deliverDue(t)
  const token = t.inbox.last(email)?.data.token as string
  ;(await t.roster.activation.activate({ token, password: PASSWORD }))._unsafeUnwrap()
  return { accountId: account.id }
}

/** A roster on `storage` with a switchable mailer, an org and its founder. */
async function world(storage: Storage, options: TestRosterOptions): Promise<World> {
  const inbox = createMemoryMailer()
  const state = { mailerDown: false }
  const t = createTestRoster({
    ...options,
    storage,
    mailer: {
      send: (message) => (state.mailerDown ? Promise.reject(new Error('mailer down')) : inbox.send(message)),
    },
  })
  const partial = Object.assign(Object.create(null) as object, t, {
    inbox,
    orgId: '',
    founder: { accountId: '' },
  })
  Object.defineProperty(partial, 'mailerDown', {
    get: () => state.mailerDown,
    set: (value: boolean) => {
      state.mailerDown = value
    },
  })
  const w = partial as World
  w.founder = await signedUpAndActive(w, 'founder@example.com')
  w.orgId = (await t.roster.orgs.create(w.founder, { name: 'Acme' }))._unsafeUnwrap().id
  return w
}

/** Uses a delivered secret the way its recipient would, so a minted secret is proven to work. */
async function redeem(t: World, message: MailMessage): Promise<void> {
  const must = <T, E>(result: { isErr(): boolean; _unsafeUnwrap(): T; _unsafeUnwrapErr(): E }) => {
    if (result.isErr()) throw new Error(JSON.stringify(result._unsafeUnwrapErr()))
    return result._unsafeUnwrap()
  }
  const { token, password } = message.data as { token?: string; password?: string }
  const next = 'a brand new password 42'
  switch (message.template) {
    case 'activation':
      must(await t.roster.activation.activate({ token: token!, password: next }))
      return
    case 'password-reset':
      must(await t.roster.credentials.resetPassword({ token: token!, password: next }))
      return
    case 'email-change-confirm':
      must(await t.roster.accounts.confirmEmail({ token: token! }))
      return
    case 'temporary-password': {
      const account = (
        await t.roster.credentials.verify({ username: message.to, password: password! })
      )._unsafeUnwrap()
      expect(account.mustChangePassword).toBe(true)
      return
    }
    default:
      throw new Error(`no secret in ${message.template}`)
  }
}

/**
 * Registers the X5 suite: for every mail-sending use-case and every outbox state, no raw token,
 * temporary password or password is in any storage call or (with `dumpTables`) any table row; a
 * mail that was delivered carries a secret that works.
 */
export function secretsAtRestSuite(options: RosterSuiteOptions): void {
  describe(`secrets at rest (X5): ${options.name}`, () => {
    for (const [stateName, state] of Object.entries(STATES)) {
      it(`X5: no raw secret is stored by any mail-sending use-case, its mail left ${stateName}`, async () => {
        for (const scenario of SCENARIOS) {
          const inner = await options.makeStorage()
          try {
            const { storage, log } = recordingStorage(inner)
            const { random, passwordHasher, secrets } = recordingSecrets()
            const t = await world(storage, { ...scenario.options, ...state.options, random, passwordHasher })
            const ids = (await scenario.setup?.(t)) ?? {}
            await deliverDue(t)
            const earlier = new Set((await t.storage.outbox.list({ limit: 1_000 })).map((m) => m.id))
            t.inbox.clear()
            const before = secrets.size
            t.mailerDown = state.mailerDown
            await scenario.run(t, ids).catch((cause: unknown) => {
              throw new Error(`${scenario.name}: ${String(cause)}`, { cause })
            })
            await t.roster.outbox.drain()
            await state.settle(t)
            expect(secrets.size, `${scenario.name}: secrets were made`).toBeGreaterThan(before)

            const tables = options.dumpTables ? serialize(await options.dumpTables(inner)) : ''
            const calls = log.join('\n')
            for (const secret of secrets) {
              expect(calls.includes(secret), `${scenario.name}: a storage call held ${secret}`).toBe(false)
              expect(tables.includes(secret), `${scenario.name}: a table holds ${secret}`).toBe(false)
            }
            const rows = (await t.storage.outbox.list({ limit: 1_000 })).filter((m) => !earlier.has(m.id))
            const states = new Set(
              rows.filter((m) => scenario.templates.includes(m.template)).map((m) => m.status),
            )
            expect([...states], scenario.name).toEqual([
              { sent: 'sent', pending: 'pending', redelivered: 'sent', dead: 'dead', blocked: 'blocked' }[
                stateName
              ],
            ])
            const delivered = t.inbox.sent.filter((m) => scenario.templates.includes(m.template))
            if (stateName === 'sent' || stateName === 'redelivered') {
              expect(delivered.length, scenario.name).toBeGreaterThan(0)
              // The newest mail per recipient is the one whose secret is live (older links were revoked).
              const newest = new Map(delivered.map((m) => [`${m.to}\u0000${m.template}`, m]))
              for (const message of newest.values())
                await redeem(t, message).catch((cause: unknown) => {
                  throw new Error(
                    `${scenario.name}: redeeming ${message.template} to ${message.to}: ${String(cause)}`,
                    { cause },
                  )
                })
            } else {
              expect(delivered, scenario.name).toEqual([])
            }
            expect(secrets.has(PASSWORD)).toBe(true)
          } finally {
            await options.disposeStorage?.(inner)
          }
        }
      }, 120_000)
    }
  })
}
