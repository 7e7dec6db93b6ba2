import { memoryStorage } from '@roster/adapter-memory'
import { createMemoryMailer, createRoster, type MemberView } from '@roster/core'

/**
 * The quickstart, as a function so the test can run it: create an org, add staff, activate one
 * of them through the link in their mail, and return the member list.
 */
export async function runQuickstart(log: (line: string) => void = console.log): Promise<MemberView[]> {
  const mailer = createMemoryMailer()
  const roster = createRoster({ storage: memoryStorage(), mailer, baseUrl: 'https://app.example.com' })

  // 1. A founder signs up and activates through the mailed link; then founds the org.
  const fay = (
    await roster.accounts.signUp({ email: 'fay@acme.test', firstName: 'Fay', lastName: 'Founder' })
  )._unsafeUnwrap()
  await roster.activation.activate({
    token: String(mailer.last('fay@acme.test')?.data.token),
    password: 'a long founder password',
  })
  const founder = { accountId: fay.id }
  const org = (await roster.orgs.create(founder, { name: 'Acme Property' }))._unsafeUnwrap()
  log(`Created ${org.name} (${org.slug}), founded by ${fay.firstName}.`)

  // 2. The founder adds staff; each gets an activation mail.
  for (const [email, firstName, lastName] of [
    ['ada@acme.test', 'Ada', 'Lovelace'],
    ['grace@acme.test', 'Grace', 'Hopper'],
  ] as const) {
    const added = await roster.members.add(founder, { orgId: org.id, email, firstName, lastName })
    if (added.isErr()) throw new Error(`${added.error.code}: ${added.error.message}`)
    log(
      `Added ${firstName} ${lastName}: ${added.value.membershipStatus}; mailed "${mailer.last(email)?.subject}"`,
    )
  }

  // 3. Ada opens her link and picks a password: her account and membership become active.
  const link = new URL(String(mailer.last('ada@acme.test')?.data.url))
  log(`Ada opens ${link.origin}${link.pathname}?token=…`)
  const activated = await roster.activation.activate({
    token: link.searchParams.get('token')!,
    password: 'a long and secret pass',
  })
  if (activated.isErr()) throw new Error(activated.error.code)

  // 4. The member list, as an admin widget would show it.
  const page = (await roster.members.list(founder, { orgId: org.id }))._unsafeUnwrap()
  log('\nMembers:')
  for (const m of page.items) {
    const roles = m.grants.map((g) => g.roleName).join(', ')
    log(
      `  ${`${m.firstName} ${m.lastName}`.padEnd(16)} ${m.email.padEnd(18)} ${m.membershipStatus.padEnd(8)} ${roles.padEnd(8)} actions: ${m.allowedActions.join(' ') || '—'}`,
    )
  }

  return page.items
}
