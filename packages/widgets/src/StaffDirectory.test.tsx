import { memoryStorage } from '@roster/adapter-memory'
import { type Actor, createRoster, scryptPasswordHasher } from '@roster/core'
import { bindActor } from '@roster/core/http'
import { createFixedClock, createMemoryMailer } from '@roster/core/testing'
import { RosterProvider } from '@roster/react'
import { errAsync } from 'neverthrow'
import { QueryClient } from '@tanstack/react-query'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { WidgetsProvider } from './i18n/provider.js'
import { StaffDirectory } from './StaffDirectory.js'

afterEach(cleanup)

const PASSWORD = 'correct horse battery staple'

async function setup() {
  const mailer = createMemoryMailer()
  const roster = createRoster({
    storage: memoryStorage(),
    mailer,
    clock: createFixedClock(),
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
  const founder = { accountId: founderAccount.id }
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
  const renderAs = (actor: Actor, locale = 'en') =>
    render(
      <RosterProvider client={bindActor(roster, actor)} queryClient={new QueryClient()}>
        <WidgetsProvider locale={locale}>
          <StaffDirectory orgId={org.id} orgName="Acme" />
        </WidgetsProvider>
      </RosterProvider>,
    )
  return { roster, founder, org, add, renderAs }
}

describe('StaffDirectory', () => {
  it('R1: shows Add staff and Import to an admin, and to a plain member only the reason they are missing', async () => {
    const { founder, add, renderAs } = await setup()
    const ada = await add('ada@acme.test', 'Ada', 'Lovelace')
    const admin = renderAs(founder)
    await screen.findByRole('button', { name: 'Add staff' })
    expect(screen.getByRole('button', { name: 'Import from CSV' })).toBeTruthy()
    admin.unmount()

    renderAs({ accountId: ada.accountId })
    await screen.findByText('Needs the “Add staff” permission.')
    expect(screen.queryByRole('button', { name: 'Add staff' })).toBeNull()
    // A plain member may not remove anyone: no Remove button on any row.
    await screen.findByRole('button', { name: 'Ada Lovelace' })
    expect(screen.queryByRole('button', { name: /^Remove / })).toBeNull()
  })

  it('speaks French to a French reader: headers, badges and buttons', async () => {
    const { founder, add, renderAs } = await setup()
    await add('ada@acme.test', 'Ada', 'Lovelace')
    renderAs(founder, 'fr')
    await screen.findByRole('button', { name: 'Ajouter une personne' })
    const table = await screen.findByRole('table')
    expect(within(table).getByRole('button', { name: 'Nom' })).toBeTruthy()
    expect(within(table).getAllByText('Actif').length).toBeGreaterThan(0)
  })

  it('sorts the loaded rows by a column, both ways, and says which way', async () => {
    const { founder, add, renderAs } = await setup()
    await add('zed@acme.test', 'Zed', 'Adams')
    await add('amy@acme.test', 'Amy', 'Zola')
    renderAs(founder)
    await screen.findByRole('button', { name: 'Amy Zola' })
    const names = () =>
      screen
        .getAllByRole('row')
        .slice(1)
        .map((row) => within(row).getAllByRole('button')[0]?.textContent)
    expect(names()).toEqual(['Zed Adams', 'Fay Founder', 'Amy Zola'])
    fireEvent.click(screen.getByRole('button', { name: 'Name' }))
    await waitFor(() => expect(names()).toEqual(['Amy Zola', 'Fay Founder', 'Zed Adams']))
    expect(screen.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('descending')
  })

  it('tells a failed load from an empty list, and retries', async () => {
    const { roster, founder, org } = await setup()
    const real = bindActor(roster, founder)
    let down = true
    const client = {
      ...real,
      members: {
        ...real.members,
        list: (input: Parameters<typeof real.members.list>[0]) =>
          down ? errAsync({ code: 'NETWORK_ERROR' as const, message: 'down' }) : real.members.list(input),
      },
    } as typeof real
    render(
      <RosterProvider
        client={client}
        queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
      >
        <StaffDirectory orgId={org.id} />
      </RosterProvider>,
    )
    const failure = await screen.findByText(/The server could not be reached/, {}, { timeout: 15_000 })
    expect(failure.closest('[role="alert"]')).toBeTruthy()
    expect(screen.queryByText('No staff yet. Add the first person.')).toBeNull()
    down = false
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    await screen.findByRole('button', { name: 'Fay Founder' })
  })
})
