import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { JoinRequestsAdmin } from './JoinRequestsAdmin.js'
import { PASSWORD, widgetWorld } from './widgets.fixtures.js'

afterEach(cleanup)

/** Acme takes requests, and Joe (an active account of no org) asks to join with a message. */
async function withJoeAsking() {
  const world = await widgetWorld()
  const { roster, mailer, founder, org } = world
  await roster.orgs.update(founder, { orgId: org.id, settings: { joinRequests: true } })
  const joe = (
    await roster.accounts.signUp({ email: 'joe@example.test', firstName: 'Joe', lastName: 'Requester' })
  )._unsafeUnwrap()
  ;(
    await roster.activation.activate({
      token: String(mailer.last('joe@example.test')?.data.token),
      password: PASSWORD,
    })
  )._unsafeUnwrap()
  const request = (
    await roster.joinRequests.create(
      { accountId: joe.id },
      { orgId: org.id, message: 'I run the night shift.' },
    )
  )._unsafeUnwrap()
  return { ...world, joe, request }
}

const history = () => screen.getByRole('region', { name: 'Decided' })

describe('JoinRequestsAdmin', () => {
  it('J2: approves a requester as a guest; they leave the waiting list and show in the history', async () => {
    const { roster, founder, org, joe, renderAs } = await withJoeAsking()
    renderAs(founder, <JoinRequestsAdmin orgId={org.id} />)
    await screen.findByText('I run the night shift.')
    fireEvent.click(screen.getByRole('button', { name: 'Approve as guest: Joe Requester' }))
    await screen.findByText('Joe Requester joined as a guest.')
    await screen.findByText('No one is waiting.')
    await waitFor(() => expect(within(history()).getByText('Approved')).toBeTruthy())
    const member = (await roster.members.get(founder, { orgId: org.id, accountId: joe.id }))._unsafeUnwrap()
    expect(member.type).toBe('guest')
  })

  it('J2: denying asks first and takes the reason, which the history shows and the requester is mailed', async () => {
    const { roster, mailer, founder, org, renderAs } = await withJoeAsking()
    renderAs(founder, <JoinRequestsAdmin orgId={org.id} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Deny Joe Requester' }))
    const dialog = await screen.findByRole('dialog', { name: 'Deny the request of Joe Requester?' })
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Reason if you deny (mailed to them)'))
    fireEvent.change(within(dialog).getByLabelText('Reason if you deny (mailed to them)'), {
      target: { value: 'We only take staff of our contractors.' },
    })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Deny' }))
    await screen.findByText('Denied the request of Joe Requester.')
    await waitFor(() =>
      expect(within(history()).getByText('Reason: We only take staff of our contractors.')).toBeTruthy(),
    )
    const [decided] = (await roster.joinRequests.list(founder, { orgId: org.id }))._unsafeUnwrap().items
    expect(decided).toMatchObject({ status: 'denied', reason: 'We only take staff of our contractors.' })
    await roster.outbox.dispatch()
    const mail = mailer.last('joe@example.test')
    expect(mail?.template).toBe('join-request-decided')
    expect(mail?.data).toMatchObject({ decision: 'denied', reason: 'We only take staff of our contractors.' })
  })

  it('J2: a request another admin decided meanwhile says so on its own card', async () => {
    const { roster, founder, org, request, renderAs } = await withJoeAsking()
    renderAs(founder, <JoinRequestsAdmin orgId={org.id} />)
    const approve = await screen.findByRole('button', { name: 'Approve Joe Requester as an employee' })
    await roster.joinRequests.deny(founder, { requestId: request.id })
    fireEvent.click(approve)
    const card = approve.closest('li') as HTMLElement
    await within(card).findByText('Someone already decided this request.')
  })

  it('O5: a plain member sees no requests and no decision buttons, the refusal said', async () => {
    const { org, add, renderAs } = await withJoeAsking()
    const ada = await add('ada@acme.test', 'Ada', 'Lovelace')
    renderAs({ accountId: ada.accountId }, <JoinRequestsAdmin orgId={org.id} />)
    await waitFor(() =>
      expect(screen.getAllByText('You do not have permission to see this.').length).toBeGreaterThan(0),
    )
    expect(screen.queryByText('I run the night shift.')).toBeNull()
    expect(screen.queryByRole('button', { name: /Approve|Deny/ })).toBeNull()
    expect(screen.queryByLabelText(/Let people ask to join/)).toBeNull()
  })
})
