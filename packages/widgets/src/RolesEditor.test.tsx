import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { makeWidgetsContext } from './i18n/provider.js'
import { RolesEditor } from './RolesEditor.js'
import { widgetWorld } from './widgets.fixtures.js'

afterEach(cleanup)

const roleBlock = (name: string) =>
  screen.getByRole('heading', { name, level: 3 }).closest('li') as HTMLElement

describe('RolesEditor', () => {
  it('creates a role from permissions in words, then changes its permissions after creation', async () => {
    const { roster, founder, org, renderAs } = await widgetWorld()
    renderAs(founder, <RolesEditor orgId={org.id} />)
    fireEvent.click(await screen.findByRole('button', { name: 'New role' }))
    const dialog = await screen.findByRole('dialog', { name: 'New role' })
    // The first field has the first focus; permissions read as sentences, never as keys.
    expect(document.activeElement).toBe(within(dialog).getByLabelText(/Name/))
    expect(within(dialog).queryByText('members:create')).toBeNull()
    fireEvent.change(within(dialog).getByLabelText(/Name/), { target: { value: 'Receptionist' } })
    fireEvent.click(within(dialog).getByLabelText('See the staff list'))
    fireEvent.click(within(dialog).getByLabelText('Add staff'))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create role' }))
    await screen.findByText('Created the Receptionist role.')
    await waitFor(() => expect(within(roleBlock('Receptionist')).getByText('Add staff')).toBeTruthy())

    fireEvent.click(screen.getByRole('button', { name: 'Edit role Receptionist' }))
    const edit = await screen.findByRole('dialog', { name: 'Edit the Receptionist role' })
    expect((within(edit).getByLabelText('Add staff') as HTMLInputElement).checked).toBe(true)
    fireEvent.click(within(edit).getByLabelText('Add staff'))
    fireEvent.click(within(edit).getByLabelText('Give phone numbers'))
    fireEvent.click(within(edit).getByRole('button', { name: 'Save' }))
    await screen.findByText('Saved the Receptionist role.')
    const saved = (await roster.roles.list(founder, { orgId: org.id }))
      ._unsafeUnwrap()
      .find((r) => r.name === 'Receptionist')
    expect(saved?.permissions.sort()).toEqual(['members:read', 'numbers:assign'])
  })

  it('R4: built-in roles cannot be edited or deleted; a role still held is refused inside the question', async () => {
    const { roster, founder, org, add, renderAs } = await widgetWorld()
    const porter = (
      await roster.roles.define(founder, { orgId: org.id, name: 'Porter', permissions: ['members:read'] })
    )._unsafeUnwrap()
    await roster.roles.define(founder, { orgId: org.id, name: 'Spare', permissions: ['members:read'] })
    const ada = await add('ada@acme.test', 'Ada', 'Lovelace')
    await roster.roles.assign(founder, {
      orgId: org.id,
      accountId: ada.accountId,
      grants: [{ roleId: porter.id, scope: 'org' }],
    })
    renderAs(founder, <RolesEditor orgId={org.id} />)
    await screen.findByRole('heading', { name: 'Porter', level: 3 })
    expect(within(roleBlock('Admin')).getByText('Built in')).toBeTruthy()
    expect(within(roleBlock('Admin')).queryByRole('button')).toBeNull()
    expect(within(roleBlock('Owner')).getByText('Every permission')).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Delete role Porter' }))
    const question = await screen.findByRole('dialog', { name: 'Delete the Porter role?' })
    fireEvent.click(within(question).getByRole('button', { name: 'Delete' }))
    await within(question).findByText('Someone still holds this role: take it from them first.')

    fireEvent.click(within(question).getByRole('button', { name: 'Cancel' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Delete role Spare' }))
    const second = await screen.findByRole('dialog', { name: 'Delete the Spare role?' })
    fireEvent.click(within(second).getByRole('button', { name: 'Delete' }))
    await screen.findByText('Deleted the Spare role.')
    const names = (await roster.roles.list(founder, { orgId: org.id }))._unsafeUnwrap().map((r) => r.name)
    expect(names).toContain('Porter')
    expect(names).not.toContain('Spare')
  })

  it('R3: giving a role a permission the editor does not hold is refused in the form, nothing saved', async () => {
    const { roster, founder, org, add, renderAs } = await widgetWorld()
    const definer = (
      await roster.roles.define(founder, {
        orgId: org.id,
        name: 'Role keeper',
        permissions: ['roles:manage', 'members:read'],
      })
    )._unsafeUnwrap()
    const ada = await add('ada@acme.test', 'Ada', 'Lovelace')
    await roster.roles.assign(founder, {
      orgId: org.id,
      accountId: ada.accountId,
      grants: [{ roleId: definer.id, scope: 'org' }],
    })
    renderAs({ accountId: ada.accountId }, <RolesEditor orgId={org.id} />)
    fireEvent.click(await screen.findByRole('button', { name: 'New role' }))
    const dialog = await screen.findByRole('dialog', { name: 'New role' })
    fireEvent.change(within(dialog).getByLabelText(/Name/), { target: { value: 'Sneaky' } })
    fireEvent.click(within(dialog).getByLabelText('Delete the organization'))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create role' }))
    await within(dialog).findByText('You can only give roles whose permissions you hold yourself.')
    const names = (await roster.roles.list(founder, { orgId: org.id }))._unsafeUnwrap().map((r) => r.name)
    expect(names).not.toContain('Sneaky')
  })

  it('O5: a plain member reads the roles and the reason, without New, Edit or Delete', async () => {
    const { org, add, renderAs } = await widgetWorld()
    const ada = await add('ada@acme.test', 'Ada', 'Lovelace')
    renderAs({ accountId: ada.accountId }, <RolesEditor orgId={org.id} />)
    await screen.findByText('Needs the “Define roles” permission.')
    expect(screen.getByRole('heading', { name: 'Member', level: 3 })).toBeTruthy()
    expect(screen.queryByRole('button', { name: /New role|Edit role|Delete role/ })).toBeNull()
  })

  it('names host permissions from permissionNames, else in words from the key', () => {
    const named = makeWidgetsContext({ permissionNames: { 'doors:open': 'Open doors' } })
    expect(named.permissionName('doors:open')).toBe('Open doors')
    expect(named.permissionName('members:create')).toBe('Add staff')
    expect(makeWidgetsContext({ locale: 'fr' }).permissionName('members:create')).toBe('Ajouter du personnel')
    expect(makeWidgetsContext().permissionName('parcels:log-in')).toBe('Parcels: log in')
  })
})
