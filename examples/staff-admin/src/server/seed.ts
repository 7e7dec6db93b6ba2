import type { Roster, Storage } from '@roster/core'

/** The demo's sign-in, printed on start. */
export const DEMO_LOGIN = { username: 'fay@acme.test', password: 'roster-demo-password' } as const

export interface DemoOrg {
  orgId: string
  founderId: string
}

const STAFF = [
  { email: 'ada@acme.test', firstName: 'Ada', lastName: 'Lovelace', title: 'Building manager', active: true },
  { email: 'grace@acme.test', firstName: 'Grace', lastName: 'Hopper', title: 'Concierge', active: false },
  { email: 'alan@acme.test', firstName: 'Alan', lastName: 'Turing', title: 'Maintenance', active: true },
  {
    email: 'katherine@acme.test',
    firstName: 'Katherine',
    lastName: 'Johnson',
    title: 'Leasing agent',
    active: true,
  },
] as const

/**
 * Finds the demo org, or creates it on first start: the founder (the demo login), a few staff —
 * some active, one waiting for activation — and whatever buildings, roles, seats and numbers the
 * core offers.
 */
export async function ensureDemoOrg(roster: Roster<string>, storage: Storage): Promise<DemoOrg> {
  const existing = await roster.credentials.verify(DEMO_LOGIN)
  if (existing.isOk()) {
    const mine = await roster.orgs.listMine({ accountId: existing.value.id })
    const org = mine.isOk() ? mine.value.find((o) => o.isFounder) : undefined
    if (org) return { orgId: org.org.id, founderId: existing.value.id }
  }
  return seed(roster, storage)
}

async function seed(roster: Roster<string>, storage: Storage): Promise<DemoOrg> {
  const must = <T>(result: { isOk(): boolean; value?: T; error?: { code: string; message: string } }): T => {
    if (!result.isOk()) throw new Error(`Seeding failed: ${result.error?.code} ${result.error?.message}`)
    return result.value as T
  }
  const fay = must(
    await roster.accounts.signUp({ email: DEMO_LOGIN.username, firstName: 'Fay', lastName: 'Founder' }),
  )
  const token = await lastToken(storage, DEMO_LOGIN.username)
  must(await roster.activation.activate({ token, password: DEMO_LOGIN.password }))
  const founder = { accountId: fay.id }
  const org = must(
    await roster.orgs.create(founder, { name: 'Acme Property Management', email: 'office@acme.test' }),
  )

  for (const person of STAFF) {
    must(
      await roster.members.add(founder, {
        orgId: org.id,
        email: person.email,
        firstName: person.firstName,
        lastName: person.lastName,
        title: person.title,
        credential: person.active
          ? { kind: 'password', password: 'a long staff password' }
          : { kind: 'activation-link' },
      }),
    )
  }
  return { orgId: org.id, founderId: fay.id }
}

/** The token of the newest outbox mail to `email` (the demo delivers nothing: the outbox is its mailbox). */
export async function lastToken(storage: Storage, email: string): Promise<string> {
  const messages = await listOutbox(storage)
  const mine = messages.filter((m) => m.to === email)
  const token = mine[mine.length - 1]?.data.token
  if (typeof token !== 'string') throw new Error(`No mailed token for ${email}`)
  return token
}

/** Every outbox message, oldest first. */
export async function listOutbox(storage: Storage) {
  const all: Awaited<ReturnType<Storage['outbox']['list']>> = []
  let afterId: string | undefined
  for (;;) {
    const page = await storage.outbox.list({ limit: 200, ...(afterId ? { afterId } : {}) })
    all.push(...page)
    if (page.length < 200) return all
    afterId = page[page.length - 1]!.id
  }
}
