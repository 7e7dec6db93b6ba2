import type { Mailer, MailMessage, Roster } from '@roster/core'

/** The demo's sign-in, printed on start. */
export const DEMO_LOGIN = { username: 'fay@acme.test', password: 'roster-demo-password' } as const

export interface DemoOrg {
  orgId: string
  founderId: string
}

/** The host app's own permissions, next to Roster's built-in ones (roles combine both). */
export const DEMO_PERMISSIONS = ['doors:open', 'parcels:log'] as const

const STAFF = [
  {
    key: 'ada',
    email: 'ada@acme.test',
    firstName: 'Ada',
    lastName: 'Lovelace',
    title: 'Building manager',
    active: true,
    department: 'Front desk',
  },
  {
    key: 'grace',
    email: 'grace@acme.test',
    firstName: 'Grace',
    lastName: 'Hopper',
    title: 'Concierge',
    active: false,
    department: 'Front desk',
  },
  {
    key: 'alan',
    email: 'alan@acme.test',
    firstName: 'Alan',
    lastName: 'Turing',
    title: 'Maintenance',
    active: true,
    department: 'Maintenance',
  },
  {
    key: 'katherine',
    email: 'katherine@acme.test',
    firstName: 'Katherine',
    lastName: 'Johnson',
    title: 'Leasing agent',
    active: true,
    department: 'Leasing',
  },
] as const

/** The products the demo org buys seats of; `phone-line` seats go with phone numbers. */
export const DEMO_PRODUCTS = { suite: 'property-suite', phone: 'phone-line' } as const

/**
 * Finds the demo org, or creates it on first start: the founder (the demo login), staff — some
 * active, one waiting for activation — in departments, three buildings with roles per building,
 * license seats, a pool of phone numbers, and one pending join request.
 */
export async function ensureDemoOrg(roster: Roster<string>, mailbox: DevMailbox): Promise<DemoOrg> {
  const existing = await roster.credentials.verify(DEMO_LOGIN)
  if (existing.isOk()) {
    const mine = await roster.orgs.listMine({ accountId: existing.value.id })
    const org = mine.isOk() ? mine.value.find((o) => o.isFounder) : undefined
    if (org) return { orgId: org.org.id, founderId: existing.value.id }
  }
  return seed(roster, mailbox)
}

type Outcome<T> = { isOk(): boolean; value?: T; error?: { code: string; message: string } }
function must<T>(result: Outcome<T>): T {
  if (!result.isOk()) throw new Error(`Seeding failed: ${result.error?.code} ${result.error?.message}`)
  return result.value as T
}

async function activeAccount(
  roster: Roster<string>,
  mailbox: DevMailbox,
  email: string,
  firstName: string,
  lastName: string,
  password: string,
) {
  const account = must(await roster.accounts.signUp({ email, firstName, lastName }))
  must(await roster.activation.activate({ token: await lastToken(mailbox, email), password }))
  return { accountId: account.id }
}

async function seed(roster: Roster<string>, mailbox: DevMailbox): Promise<DemoOrg> {
  const founder = await activeAccount(
    roster,
    mailbox,
    DEMO_LOGIN.username,
    'Fay',
    'Founder',
    DEMO_LOGIN.password,
  )
  const org = must(
    await roster.orgs.create(founder, { name: 'Acme Property Management', email: 'office@acme.test' }),
  )
  const orgId = org.id

  const departments = new Map<string, string>()
  for (const name of ['Front desk', 'Maintenance', 'Leasing']) {
    departments.set(name, must(await roster.departments.create(founder, { orgId, name })).id)
  }
  const buildings: string[] = []
  for (const name of ['Maple Court', 'Oak Tower', 'Harbour View']) {
    buildings.push(must(await roster.resources.create(founder, { orgId, type: 'building', name })).id)
  }
  const role = async (name: string, permissions: string[]) =>
    must(await roster.roles.define(founder, { orgId, name, permissions })).id
  const manager = await role('Building manager', [
    'members:read',
    'members:update',
    'doors:open',
    'parcels:log',
  ])
  const concierge = await role('Concierge', ['members:read', 'doors:open', 'parcels:log'])
  const maintenance = await role('Maintenance', ['doors:open'])

  must(
    await roster.licenses.createPool(founder, {
      orgId,
      product: DEMO_PRODUCTS.suite,
      seats: 10,
      required: true,
    }),
  )
  must(await roster.licenses.createPool(founder, { orgId, product: DEMO_PRODUCTS.phone, seats: 4 }))
  const numbers = must(
    await roster.numbers.import(founder, {
      orgId,
      numbers: [
        '+1 415 555 2601',
        '+1 415 555 2602',
        '+1 415 555 2603',
        '+1 415 555 2604',
        '+1 415 555 2605',
      ],
    }),
  ) as { imported: string[] }

  const ids: Record<string, string> = {}
  for (const person of STAFF) {
    const view = must(
      await roster.members.add(founder, {
        orgId,
        email: person.email,
        firstName: person.firstName,
        lastName: person.lastName,
        title: person.title,
        departmentId: departments.get(person.department),
        credential: person.active
          ? { kind: 'password', password: 'a long staff password' }
          : { kind: 'activation-link' },
      }),
    ) as { accountId: string }
    ids[person.key] = view.accountId
  }
  const grant = async (key: string, grants: { roleId: string; scope: unknown }[]) =>
    must(await roster.roles.assign(founder, { orgId, accountId: ids[key]!, grants: grants as never }))
  await grant(
    'ada',
    [buildings[0]!, buildings[1]!].map((resourceId) => ({ roleId: manager, scope: { resourceId } })),
  )
  await grant('alan', [{ roleId: maintenance, scope: { resourceType: 'building', all: true } }])
  await grant('katherine', [{ roleId: concierge, scope: { resourceId: buildings[2]! } }])

  for (const accountId of [founder.accountId, ids.ada!, ids.alan!, ids.katherine!]) {
    must(await roster.licenses.assign(founder, { orgId, product: DEMO_PRODUCTS.suite, accountId }))
  }
  must(await roster.numbers.assign(founder, { orgId, number: numbers.imported[0]!, accountId: ids.ada! }))

  // A contractor's directory, connected but not yet synced: "Sync now" brings its people in as guests.
  must(
    await roster.connections.connectSource(founder, {
      orgId,
      sourceKey: 'bright-clean',
      intervalMinutes: null,
    }),
  )

  // Someone outside the org asks to join it.
  const joe = await activeAccount(
    roster,
    mailbox,
    'joe@example.test',
    'Joe',
    'Requester',
    'a long requester password',
  )
  must(await roster.joinRequests.create(joe, { orgId, message: 'I cover the night shift at Oak Tower.' }))

  return { orgId, founderId: founder.accountId }
}

/**
 * The demo's mailer: it delivers to a mailbox in memory, which the dev mailbox page lists. The
 * outbox cannot serve as the mailbox: it never holds a link's token or a temporary password (X5),
 * those are minted when a mail is delivered.
 */
export interface DevMailbox extends Mailer {
  /** Delivered mail, oldest first. */
  readonly delivered: Array<MailMessage & { deliveredAt: Date }>
}

export function createDevMailbox(keep = 500): DevMailbox {
  const delivered: Array<MailMessage & { deliveredAt: Date }> = []
  return {
    delivered,
    async send(message) {
      delivered.push({ ...structuredClone(message), deliveredAt: new Date() })
      // Memory stays bounded however much mail a client makes the demo send: the oldest goes.
      if (delivered.length > keep) delivered.splice(0, delivered.length - keep)
      return { id: message.id }
    },
  }
}

/** The token of the newest mail delivered to `email`. */
export async function lastToken(mailbox: DevMailbox, email: string): Promise<string> {
  const mine = mailbox.delivered.filter((m) => m.to === email)
  const token = mine[mine.length - 1]?.data.token
  if (typeof token !== 'string') throw new Error(`No mailed token for ${email}`)
  return token
}
