// Shared setup of the widgets' jsdom tests: a fresh roster on memory storage per call, an active
// founder with an org, and a render that puts a widget under the providers a host app uses.
import { memoryStorage } from '@roster/adapter-memory'
import { type Actor, createRoster, scryptPasswordHasher } from '@roster/core'
import { bindActor } from '@roster/core/http'
import { createFixedClock, createMemoryMailer } from '@roster/core/testing'
import { RosterProvider } from '@roster/react'
import { QueryClient } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { WidgetsProvider } from './i18n/provider.js'

// jsdom has no CSS.escape; React Aria's modal reads a CSP nonce <meta> through it when a dialog
// opens. Browsers have it: this is the test environment's gap, not a widget's.
globalThis.CSS ??= {} as typeof CSS
globalThis.CSS.escape ??= (value: string) => value.replace(/[^\w-]/g, (c) => `\\${c}`)

export const PASSWORD = 'correct horse battery staple'

/** A roster with Fay (founder of Acme); `add` makes an active plain member. */
export async function widgetWorld() {
  const mailer = createMemoryMailer()
  const roster = createRoster({
    storage: memoryStorage(),
    mailer,
    clock: createFixedClock(),
    // Cheap scrypt parameters keep tests fast; production uses the OWASP defaults.
    passwordHasher: scryptPasswordHasher({ N: 2 ** 10 }),
  })
  const founderAccount = (
    await roster.accounts.signUp({ email: 'fay@acme.test', firstName: 'Fay', lastName: 'Founder' })
  )._unsafeUnwrap()
  ;(
    await roster.activation.activate({
      token: String(mailer.last('fay@acme.test')?.data.token),
      password: PASSWORD,
    })
  )._unsafeUnwrap()
  const founder: Actor = { accountId: founderAccount.id }
  const org = (await roster.orgs.create(founder, { name: 'Acme' }))._unsafeUnwrap()
  const add = async (email: string, firstName: string, lastName: string) =>
    (
      await roster.members.add(founder, {
        orgId: org.id,
        email,
        firstName,
        lastName,
        credential: { kind: 'password', password: PASSWORD },
      })
    )._unsafeUnwrap()
  /** Renders `ui` as `actor` would see it in a host app; transient failures retry without waiting, so they show at once. */
  const renderAs = (
    actor: Actor,
    ui: ReactNode,
    { locale = 'en', client }: { locale?: string; client?: ReturnType<typeof bindActor> } = {},
  ) =>
    render(
      <RosterProvider
        client={client ?? bindActor(roster, actor)}
        queryClient={new QueryClient({ defaultOptions: { queries: { retry: false, retryDelay: 0 } } })}
      >
        <WidgetsProvider locale={locale} productNames={{ 'phone-line': 'Phone line' }}>
          {ui}
        </WidgetsProvider>
      </RosterProvider>,
    )
  return { roster, mailer, founder, org, add, renderAs }
}
