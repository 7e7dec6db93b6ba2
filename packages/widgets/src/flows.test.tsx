import { memoryStorage } from '@roster/adapter-memory'
import { type Actor, createRoster, scryptPasswordHasher } from '@roster/core'
import { bindActor } from '@roster/core/http'
import { createFixedClock, createMemoryMailer } from '@roster/core/testing'
import { RosterProvider } from '@roster/react'
import { QueryClient } from '@tanstack/react-query'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { errAsync } from 'neverthrow'
import type { ReactNode } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { WidgetsProvider } from './i18n/provider.js'
import { MyAccount } from './MyAccount.js'
import { MyJoinRequests } from './MyJoinRequests.js'
import { MyOrganizations } from './MyOrganizations.js'
import { RequestToJoin } from './RequestToJoin.js'
import { SignUpForm } from './SignUpForm.js'

afterEach(cleanup)

// jsdom has no CSS.escape, which React Aria's modal calls when it opens (a browser always has it).
globalThis.CSS ??= { escape: (value: string) => value.replace(/[^\w-]/g, (c) => `\\${c}`) } as never

const PASSWORD = 'correct horse battery staple'

async function setup() {
  const mailer = createMemoryMailer()
  const roster = createRoster({
    storage: memoryStorage(),
    mailer,
    clock: createFixedClock(),
    passwordHasher: scryptPasswordHasher({ N: 2 ** 10 }),
  })
  const activeAccount = async (email: string, firstName: string) => {
    const account = (await roster.accounts.signUp({ email, firstName, lastName: 'Test' }))._unsafeUnwrap()
    ;(
      await roster.activation.activate({ token: String(mailer.last(email)?.data.token), password: PASSWORD })
    )._unsafeUnwrap()
    return { accountId: account.id }
  }
  const fay = await activeAccount('fay@acme.test', 'Fay')
  const org = (await roster.orgs.create(fay, { name: 'Acme' }))._unsafeUnwrap()
  const jo = await activeAccount('jo@else.test', 'Jo')
  const renderAs = (actor: Actor | null, ui: ReactNode, locale = 'en') => {
    const client = actor ? bindActor(roster, actor) : bindActor(roster, { accountId: 'nobody' })
    return render(
      <RosterProvider client={client} queryClient={new QueryClient()}>
        <WidgetsProvider locale={locale}>{ui}</WidgetsProvider>
      </RosterProvider>,
    )
  }
  return { roster, mailer, fay, org, jo, activeAccount, renderAs }
}

describe('SignUpForm', () => {
  it('A3: signs up with first focus on the first field, then says to check the inbox; the activation link is mailed', async () => {
    const { renderAs, mailer } = await setup()
    renderAs(null, <SignUpForm />)
    expect(document.activeElement).toBe(screen.getByLabelText(/First name/))
    fireEvent.change(screen.getByLabelText(/First name/), { target: { value: 'Nia' } })
    fireEvent.change(screen.getByLabelText(/Last name/), { target: { value: 'New' } })
    fireEvent.change(screen.getByLabelText(/Email/), { target: { value: 'nia@new.test' } })
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'fr' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create my account' }))
    await screen.findByRole('heading', { name: 'Check your inbox' })
    expect(screen.getByText(/nia@new\.test can receive mail/)).toBeTruthy()
    const mail = mailer.last('nia@new.test')
    expect(mail?.template).toBe('activation')
    expect(mail?.language).toBe('fr')
  })

  it('shows each field issue beside its field in French, and stores nothing', async () => {
    const { renderAs, mailer } = await setup()
    const before = mailer.sent.length
    renderAs(null, <SignUpForm />, 'fr')
    fireEvent.change(screen.getByLabelText(/E-mail/), { target: { value: 'not an address' } })
    fireEvent.click(screen.getByRole('button', { name: 'Créer mon compte' }))
    const email = screen.getByLabelText(/E-mail/)
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'))
    expect(screen.getByText('Saisissez une adresse comme nom@exemple.fr.')).toBeTruthy()
    expect(screen.getByLabelText(/Prénom/).getAttribute('aria-invalid')).toBe('true')
    expect(mailer.sent.length).toBe(before)
  })
})

describe('RequestToJoin and MyJoinRequests', () => {
  it('J1/J2: sends a request by org code; it shows as waiting, and withdrawing it (confirmed) shows it withdrawn', async () => {
    const { renderAs, jo, org } = await setup()
    renderAs(
      jo,
      <>
        <RequestToJoin />
        <MyJoinRequests />
      </>,
    )
    await screen.findByText('You have not asked to join any organization.')
    fireEvent.change(screen.getByLabelText(/Organization code/), { target: { value: org.id } })
    fireEvent.change(screen.getByLabelText(/Message to the admins/), { target: { value: 'Night shift' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send request' }))
    await screen.findByText(/Your request is sent/)
    const card = (await screen.findByRole('heading', { name: 'Acme' })).closest('li') as HTMLElement
    expect(within(card).getByText('Waiting for an admin')).toBeTruthy()
    expect(within(card).getByText('Your message: Night shift')).toBeTruthy()

    // Asking again while one waits is refused with what to do.
    fireEvent.click(screen.getByRole('button', { name: 'Send request' }))
    const already = await screen.findByText(/You already asked to join this organization/)
    expect(already.getAttribute('role')).toBe('alert')

    fireEvent.click(within(card).getByRole('button', { name: 'Withdraw my request to join Acme' }))
    const dialog = await screen.findByRole('dialog', { name: 'Withdraw your request to join Acme?' })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Withdraw my request' }))
    await waitFor(() => expect(within(card).getByText('Withdrawn')).toBeTruthy())
    expect(within(card).queryByRole('button', { name: /Withdraw/ })).toBeNull()
  })

  it('J1: an unknown code is shown at the code field; closed requests above the button', async () => {
    const { renderAs, jo, org, roster, fay } = await setup()
    renderAs(jo, <RequestToJoin />)
    fireEvent.change(screen.getByLabelText(/Organization code/), { target: { value: 'no-such-org' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send request' }))
    const code = screen.getByLabelText(/Organization code/)
    await waitFor(() => expect(code.getAttribute('aria-invalid')).toBe('true'))
    expect(screen.getByText('No organization has this code. Check it with them.')).toBeTruthy()

    ;(await roster.orgs.update(fay, { orgId: org.id, settings: { joinRequests: false } }))._unsafeUnwrap()
    fireEvent.change(code, { target: { value: org.id } })
    fireEvent.click(screen.getByRole('button', { name: 'Send request' }))
    const closed = await screen.findByText('This organization does not take join requests right now.')
    expect(closed.getAttribute('role')).toBe('alert')
    expect(code.getAttribute('aria-invalid')).toBeNull()
  })

  it('J2: a denied request shows the admins’ reason; an approved one offers to open the org', async () => {
    const { renderAs, jo, org, roster, fay } = await setup()
    const other = (await roster.orgs.create(fay, { name: 'Globex' }))._unsafeUnwrap()
    const toAcme = (await roster.joinRequests.create(jo, { orgId: org.id }))._unsafeUnwrap()
    const toGlobex = (await roster.joinRequests.create(jo, { orgId: other.id }))._unsafeUnwrap()
    ;(await roster.joinRequests.deny(fay, { requestId: toAcme.id, reason: 'Staff only.' }))._unsafeUnwrap()
    ;(await roster.joinRequests.approve(fay, { requestId: toGlobex.id }))._unsafeUnwrap()
    const opened: string[] = []
    renderAs(jo, <MyJoinRequests onOpenOrg={(id) => opened.push(id)} />)
    const acme = (await screen.findByRole('heading', { name: 'Acme' })).closest('li') as HTMLElement
    expect(within(acme).getByText('Denied')).toBeTruthy()
    expect(within(acme).getByText('Reason given: Staff only.')).toBeTruthy()
    const globex = screen.getByRole('heading', { name: 'Globex' }).closest('li') as HTMLElement
    expect(within(globex).getByText('Approved')).toBeTruthy()
    fireEvent.click(within(globex).getByRole('button', { name: 'Open Globex' }))
    expect(opened).toEqual([other.id])
  })

  it('finding 7: a failed load is a visible failure with retry, not an empty list', async () => {
    const { roster, jo } = await setup()
    const client = bindActor(roster, jo)
    let fail = true
    const flaky = {
      ...client,
      joinRequests: {
        ...client.joinRequests,
        listMine: (input: Parameters<typeof client.joinRequests.listMine>[0]) =>
          fail
            ? errAsync({ code: 'NETWORK_ERROR' as const, message: 'The server did not answer.' })
            : client.joinRequests.listMine(input),
      },
    }
    render(
      <RosterProvider
        client={flaky}
        queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
      >
        <MyJoinRequests />
      </RosterProvider>,
    )
    const alert = (
      await screen.findByText(/The server could not be reached/, {}, { timeout: 15_000 })
    ).closest('[role="alert"]') as HTMLElement
    expect(alert).not.toBeNull()
    expect(screen.queryByText('You have not asked to join any organization.')).toBeNull()
    fail = false
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }))
    await screen.findByText('You have not asked to join any organization.')
  })
})

describe('MyOrganizations', () => {
  it('finding 4: a disabled member reads that an admin disabled their access, with nothing to open', async () => {
    const { renderAs, roster, fay, org, activeAccount } = await setup()
    const ada = await activeAccount('ada@acme.test', 'Ada')
    ;(await roster.joinRequests.create(ada, { orgId: org.id }))._unsafeUnwrap()
    const [request] = (await roster.joinRequests.list(fay, { orgId: org.id }))._unsafeUnwrap().items
    ;(await roster.joinRequests.approve(fay, { requestId: request!.id }))._unsafeUnwrap()
    ;(await roster.members.disable(fay, { orgId: org.id, accountId: ada.accountId }))._unsafeUnwrap()
    renderAs(ada, <MyOrganizations />)
    const card = (await screen.findByRole('heading', { name: 'Acme' })).closest('li') as HTMLElement
    expect(within(card).getByText('Access disabled')).toBeTruthy()
    expect(within(card).getByText(/An admin of Acme disabled your access/)).toBeTruthy()
    expect(within(card).queryByRole('button', { name: /Open/ })).toBeNull()
  })

  it('O2: the founder is told why they cannot leave; a member leaves after confirming', async () => {
    const { renderAs, roster, fay, org, activeAccount } = await setup()
    const ada = await activeAccount('ada@acme.test', 'Ada')
    ;(await roster.joinRequests.create(ada, { orgId: org.id }))._unsafeUnwrap()
    const [request] = (await roster.joinRequests.list(fay, { orgId: org.id }))._unsafeUnwrap().items
    ;(await roster.joinRequests.approve(fay, { requestId: request!.id }))._unsafeUnwrap()

    const founder = renderAs(fay, <MyOrganizations />)
    await screen.findByText(/As the founder you cannot leave Acme/)
    expect(screen.queryByRole('button', { name: 'Leave Acme' })).toBeNull()
    founder.unmount()

    renderAs(ada, <MyOrganizations />)
    fireEvent.click(await screen.findByRole('button', { name: 'Leave Acme' }))
    const dialog = await screen.findByRole('dialog', { name: 'Leave Acme?' })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Leave' }))
    await screen.findByText('You left Acme.')
    await screen.findByText('You do not belong to any organization yet.')
    expect((await roster.orgs.listMine(ada))._unsafeUnwrap()).toEqual([])
  })
})

describe('MyAccount', () => {
  it('A5: saves the profile (only what changed), with the notice by the form and focus kept on Save', async () => {
    const { renderAs, jo, roster } = await setup()
    renderAs(jo, <MyAccount accountId={jo.accountId} />)
    const first = await screen.findByLabelText('First name')
    expect((first as HTMLInputElement).value).toBe('Jo')
    fireEvent.change(first, { target: { value: 'Joanna' } })
    fireEvent.change(screen.getByLabelText('Phone'), { target: { value: '+33 6 12 34 56 78' } })
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'fr' } })
    const save = screen.getByRole('button', { name: 'Save profile' })
    save.focus()
    fireEvent.click(save)
    await screen.findByText('Your profile is saved.')
    const account = (await roster.accounts.get(jo, { accountId: jo.accountId }))._unsafeUnwrap()
    expect(account).toMatchObject({ firstName: 'Joanna', phone: '+33612345678', language: 'fr' })
    expect(document.activeElement).toBe(save)
    // Saving again with nothing changed says so instead of a silent no-op.
    fireEvent.click(save)
    await screen.findByText('Nothing to save: no field changed.')
  })

  it('A4: a wrong current password is said at its field; a right one changes the password', async () => {
    const { renderAs, jo, roster } = await setup()
    renderAs(jo, <MyAccount accountId={jo.accountId} />)
    const current = await screen.findByLabelText('Current password')
    fireEvent.change(current, { target: { value: 'not my password at all' } })
    fireEvent.change(screen.getByLabelText('New password'), {
      target: { value: 'a brand new long password' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }))
    await screen.findByText('Your current password is not right.')
    expect(current.getAttribute('aria-invalid')).toBe('true')
    fireEvent.change(current, { target: { value: PASSWORD } })
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }))
    await screen.findByText('Your password is changed.')
    const verified = await roster.credentials.verify({
      username: 'jo@else.test',
      password: 'a brand new long password',
    })
    expect(verified.isOk()).toBe(true)
  })
})
