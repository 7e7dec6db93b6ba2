import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { DepartmentsManager } from './Departments.js'
import { widgetWorld } from './widgets.fixtures.js'

afterEach(cleanup)

const rowOf = (name: string) => screen.getByRole('cell', { name }).closest('tr') as HTMLElement

describe('DepartmentsManager', () => {
  it('D2: deleting a department that has members asks first and moves them to the one chosen', async () => {
    const { roster, founder, org, renderAs } = await widgetWorld()
    const sales = (await roster.departments.create(founder, { orgId: org.id, name: 'Sales' }))._unsafeUnwrap()
    await roster.departments.create(founder, { orgId: org.id, name: 'Support' })
    await roster.members.add(founder, {
      orgId: org.id,
      email: 'ada@acme.test',
      firstName: 'Ada',
      lastName: 'Lovelace',
      departmentId: sales.id,
    })
    renderAs(founder, <DepartmentsManager orgId={org.id} />)
    await screen.findByRole('cell', { name: 'Sales' })
    expect(within(rowOf('Sales')).getByRole('cell', { name: '1' })).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Delete Sales' }))
    const dialog = await screen.findByRole('dialog', { name: 'Delete the Sales department?' })
    // Cancel is the first focus of a dangerous act, and cancelling keeps the department.
    expect(document.activeElement?.textContent).toBe('Cancel')
    expect(within(dialog).getByLabelText('Move its members to')).toBeTruthy()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }))
    await screen.findByText('Deleted Sales; 1 people moved to Support.')
    await waitFor(() => expect(screen.queryByRole('cell', { name: 'Sales' })).toBeNull())
    await waitFor(() => expect(within(rowOf('Support')).getByRole('cell', { name: '1' })).toBeTruthy())
    const left = (await roster.departments.list(founder, { orgId: org.id }))._unsafeUnwrap()
    expect(left.map((d) => [d.name, d.memberCount])).toEqual([['Support', 1]])
  })

  it('D2: a taken name is told beside the field in the reader’s words, and nothing is created', async () => {
    const { roster, founder, org, renderAs } = await widgetWorld()
    await roster.departments.create(founder, { orgId: org.id, name: 'Sales' })
    renderAs(founder, <DepartmentsManager orgId={org.id} />)
    const field = await screen.findByLabelText('New department')
    fireEvent.change(field, { target: { value: 'sales' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create' }))
    await screen.findByText('Another one already has this name.')
    expect(field.getAttribute('aria-invalid')).toBe('true')
    expect((await roster.departments.list(founder, { orgId: org.id }))._unsafeUnwrap()).toHaveLength(1)
  })

  it('renames in place and cancels a delete without touching anything', async () => {
    const { roster, founder, org, renderAs } = await widgetWorld()
    await roster.departments.create(founder, { orgId: org.id, name: 'Sales' })
    renderAs(founder, <DepartmentsManager orgId={org.id} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Rename Sales' }))
    const input = screen.getByLabelText('New name for Sales')
    expect(document.activeElement).toBe(input)
    fireEvent.change(input, { target: { value: 'Field sales' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await screen.findByText('Renamed to Field sales.')
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Field sales' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect((await roster.departments.list(founder, { orgId: org.id }))._unsafeUnwrap()[0]?.name).toBe(
      'Field sales',
    )
  })

  it('O5: a plain member sees the departments and the reason, without create, rename or delete', async () => {
    const { roster, founder, org, add, renderAs } = await widgetWorld()
    await roster.departments.create(founder, { orgId: org.id, name: 'Sales' })
    const ada = await add('ada@acme.test', 'Ada', 'Lovelace')
    renderAs({ accountId: ada.accountId }, <DepartmentsManager orgId={org.id} />)
    await screen.findByText('Needs the “Manage departments” permission.')
    expect(screen.getByRole('cell', { name: 'Sales' })).toBeTruthy()
    expect(screen.queryByLabelText('New department')).toBeNull()
    expect(screen.queryByRole('button', { name: /Delete|Rename/ })).toBeNull()
  })

  it('speaks French and says “none yet” only when the list really is empty', async () => {
    const { founder, org, renderAs } = await widgetWorld()
    renderAs(founder, <DepartmentsManager orgId={org.id} />, { locale: 'fr' })
    await screen.findByText('Aucun service.')
    expect(screen.getByRole('heading', { name: 'Services' })).toBeTruthy()
  })
})
