import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ScimConnections } from './ScimConnections.js'
import { widgetWorld } from './widgets.fixtures.js'

afterEach(cleanup)

const BASE_URL = 'https://roster.test/scim/v2'
const shownToken = () => screen.getByTestId('rw-scim-token').textContent ?? ''

describe('ScimConnections', () => {
  it('SC1: create shows the token once with the base URL; rotate refuses the old token; revoke refuses every one', async () => {
    const { roster, founder, org, renderAs } = await widgetWorld()
    renderAs(founder, <ScimConnections orgId={org.id} baseUrl={BASE_URL} />)
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'Okta' } })
    fireEvent.change(screen.getByLabelText('When the provider removes someone'), {
      target: { value: 'remove' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Create connection' }))
    const once = await screen.findByRole('region', { name: 'Token for Okta' })
    expect(within(once).getByText(BASE_URL)).toBeTruthy()
    expect(within(once).getByRole('button', { name: 'Copy token' })).toBeTruthy()
    const first = shownToken()
    expect((await roster.scim.authenticate({ token: first })).isOk()).toBe(true)
    const row = (await screen.findByRole('rowheader', { name: 'Okta' })).closest('tr') as HTMLElement
    expect(within(row).getByText('Remove the membership')).toBeTruthy()
    expect(within(row).getByText(new RegExp(`^…${first.slice(-4)}, created`))).toBeTruthy()
    // Dismissed, the token is gone for good: nothing on the page shows it again.
    fireEvent.click(within(once).getByRole('button', { name: 'I have copied it' }))
    expect(screen.queryByTestId('rw-scim-token')).toBeNull()
    expect(document.body.textContent).not.toContain(first)

    fireEvent.click(screen.getByRole('button', { name: 'Rotate token of Okta' }))
    const rotate = await screen.findByRole('dialog', { name: 'Rotate the token of Okta?' })
    fireEvent.click(within(rotate).getByRole('button', { name: 'Rotate token' }))
    await screen.findByText('New token for Okta; the old one no longer works.')
    const second = shownToken()
    expect(second).not.toBe(first)
    expect((await roster.scim.authenticate({ token: first }))._unsafeUnwrapErr().code).toBe('UNAUTHENTICATED')
    expect((await roster.scim.authenticate({ token: second })).isOk()).toBe(true)
    await waitFor(() => expect(screen.getAllByText(/^revoked /)).toHaveLength(1))

    fireEvent.click(screen.getByRole('button', { name: 'Revoke tokens of Okta' }))
    const revoke = await screen.findByRole('dialog', { name: 'Revoke every token of Okta?' })
    // A dangerous act starts on Cancel.
    expect(document.activeElement?.textContent).toBe('Cancel')
    fireEvent.click(within(revoke).getByRole('button', { name: 'Revoke tokens' }))
    await screen.findByText('Revoked the tokens of Okta.')
    expect(screen.queryByTestId('rw-scim-token')).toBeNull()
    expect((await roster.scim.authenticate({ token: second }))._unsafeUnwrapErr().code).toBe(
      'UNAUTHENTICATED',
    )
    await waitFor(() => expect(screen.getAllByText(/^revoked /)).toHaveLength(2))
  })

  it('SC1: a taken name is told where the act happened and no second connection is stored', async () => {
    const { roster, founder, org, renderAs } = await widgetWorld()
    ;(await roster.scim.createConnection(founder, { orgId: org.id, name: 'Okta' }))._unsafeUnwrap()
    renderAs(founder, <ScimConnections orgId={org.id} baseUrl={BASE_URL} />)
    await screen.findByRole('rowheader', { name: 'Okta' })
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Okta' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create connection' }))
    const form = screen.getByRole('form', { name: 'New SCIM connection' })
    await within(form).findByRole('alert')
    expect(screen.queryByTestId('rw-scim-token')).toBeNull()
    expect((await roster.scim.listConnections(founder, { orgId: org.id }))._unsafeUnwrap()).toHaveLength(1)
  })

  it('SC10: a group the IdP pushed is mapped to a role and its member gets it; the activity lists what SCIM did', async () => {
    const { roster, founder, org, renderAs } = await widgetWorld()
    const created = (
      await roster.scim.createConnection(founder, { orgId: org.id, name: 'Entra', credential: 'none' })
    )._unsafeUnwrap()
    const principal = (await roster.scim.authenticate({ token: created.secret.token }))._unsafeUnwrap()
    const ada = (
      await roster.scim.users.provision(principal, {
        userName: 'ada@acme.test',
        email: 'ada@acme.test',
        firstName: 'Ada',
        lastName: 'Lovelace',
        active: true,
      })
    )._unsafeUnwrap()
    const group = (
      await roster.scim.groups.create(principal, { displayName: 'Caretakers', members: [ada.id] })
    )._unsafeUnwrap()
    const role = (
      await roster.roles.define(founder, { orgId: org.id, name: 'Caretaker', permissions: ['members:read'] })
    )._unsafeUnwrap()
    renderAs(founder, <ScimConnections orgId={org.id} baseUrl={BASE_URL} activityPageSize={1} />)
    const groupRow = (await screen.findByRole('rowheader', { name: 'Caretakers' })).closest(
      'tr',
    ) as HTMLElement
    expect(within(groupRow).getByRole('cell', { name: '1' })).toBeTruthy()
    const select = within(groupRow).getByLabelText('What Caretakers gives') as HTMLSelectElement
    await waitFor(() =>
      expect([...select.options].map((o) => o.text)).toContain('Role: Caretaker (every building)'),
    )
    // The founder's role is never handed out by a group.
    expect([...select.options].map((o) => o.value)).not.toContain('role:owner')
    fireEvent.change(select, { target: { value: `role:${role.id}` } })
    fireEvent.click(within(groupRow).getByRole('button', { name: 'Apply the mapping of Caretakers' }))
    await screen.findByText('Caretakers now gives Role: Caretaker (every building).')
    const grants = await roster.context.storage.grants.listFor(org.id, ada.id)
    expect(grants.map((g) => g.roleId)).toContain(role.id)

    // Newest first, one event a page: the group's events come before the user's (provisioned first).
    const activity = screen.getByRole('region', { name: 'Recent activity of Entra' })
    await within(activity).findByText(group.id)
    expect(
      within(activity).getByRole('cell', { name: /^Scim group (created|members changed)$/ }),
    ).toBeTruthy()
    let pages = 1
    while (!within(activity).queryByText(ada.id) && pages < 6) {
      fireEvent.click(within(activity).getByRole('button', { name: 'Older' }))
      await waitFor(() => expect(within(activity).queryByText('Loading…')).toBeNull())
      pages++
    }
    expect(within(activity).getByText(ada.id)).toBeTruthy()
    expect(pages).toBeGreaterThan(1)
    fireEvent.click(within(activity).getByRole('button', { name: 'Newer' }))
    await waitFor(() => expect(within(activity).queryByText(ada.id)).toBeNull())
  })

  it('SC1: a plain member sees the reason, not the connections or their controls', async () => {
    const { roster, founder, org, add, renderAs } = await widgetWorld()
    ;(await roster.scim.createConnection(founder, { orgId: org.id, name: 'Okta' }))._unsafeUnwrap()
    const member = await add('bob@acme.test', 'Bob', 'Plain')
    renderAs({ accountId: member.accountId }, <ScimConnections orgId={org.id} baseUrl={BASE_URL} />)
    await screen.findByText('Needs the “Connect directories” permission.')
    expect(screen.queryByLabelText('Name')).toBeNull()
    expect(screen.queryByRole('rowheader', { name: 'Okta' })).toBeNull()
    expect(screen.queryByRole('button', { name: /Rotate|Revoke/ })).toBeNull()
  })

  it('speaks French and says “none yet” only when there really are none', async () => {
    const { founder, org, renderAs } = await widgetWorld()
    renderAs(founder, <ScimConnections orgId={org.id} baseUrl={BASE_URL} />, { locale: 'fr' })
    await screen.findByText('Aucune connexion SCIM.')
    expect(screen.getByRole('heading', { name: 'Provisionnement (SCIM)' })).toBeTruthy()
  })
})
