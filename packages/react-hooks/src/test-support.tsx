// Test setup for the hooks (not part of the public API): a fresh in-process roster on memory
// storage per test, a signed-in founder, and a wrapper that provides the client.
import { memoryStorage } from '@roster/adapter-memory'
import { type Actor, createRoster, type DirectorySource, scryptPasswordHasher } from '@roster/core'
import { bindActor } from '@roster/core/http'
import { createFixedClock, createMemoryMailer } from '@roster/core/testing'
import { QueryClient } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { RosterProvider } from './provider.js'

export const PASSWORD = 'correct horse battery staple'

export async function setupRoster(options: { directorySources?: Record<string, DirectorySource> } = {}) {
  const mailer = createMemoryMailer()
  const roster = createRoster({
    storage: memoryStorage(),
    mailer,
    clock: createFixedClock(),
    passwordHasher: scryptPasswordHasher({ N: 2 ** 10 }),
    ...options,
  })
  const tokenFor = (email: string) => String(mailer.last(email)?.data.token)

  async function activeAccount(
    email: string,
    firstName = 'Test',
    lastName = 'Person',
  ): Promise<{ accountId: string }> {
    const account = (await roster.accounts.signUp({ email, firstName, lastName }))._unsafeUnwrap()
    ;(await roster.activation.activate({ token: tokenFor(email), password: PASSWORD }))._unsafeUnwrap()
    return { accountId: account.id }
  }

  const founder = await activeAccount('fay@acme.test', 'Fay', 'Founder')
  const org = (await roster.orgs.create(founder, { name: 'Acme Property' }))._unsafeUnwrap()

  /** A wrapper rendering hooks as `actor` with a fresh QueryClient (no retries in tests unless asked). */
  function wrapperFor(actor: Actor = founder, queryClient = new QueryClient()) {
    const client = bindActor(roster, actor)
    const Wrapper = ({ children }: { children: ReactNode }) => (
      <RosterProvider client={client} queryClient={queryClient}>
        {children}
      </RosterProvider>
    )
    return { Wrapper, queryClient, client }
  }

  return { roster, mailer, founder, org, orgId: org.id, tokenFor, activeAccount, wrapperFor }
}

/** The value, asserting it is there (for reading query data after `waitFor`). */
/** A fresh roster plus Ada, an active employee added with a password. */
export async function withAda() {
  const setup = await setupRoster()
  const ada = (
    await setup.roster.members.add(setup.founder, {
      orgId: setup.orgId,
      email: 'ada@acme.test',
      firstName: 'Ada',
      lastName: 'Lovelace',
      credential: { kind: 'password', password: PASSWORD },
    })
  )._unsafeUnwrap()
  return { ...setup, accountId: ada.accountId }
}

export function present<T>(value: T | null | undefined): T {
  if (value === undefined || value === null) throw new Error('expected a value')
  return value
}
