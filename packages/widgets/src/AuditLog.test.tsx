import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { AuditLog } from './AuditLog.js'
import { widgetWorld } from './widgets.fixtures.js'

afterEach(cleanup)

const bodyRows = () => screen.getAllByRole('row').slice(1)

describe('AuditLog', () => {
  it('E1: says who did what to whom, with the changed fields before and after', async () => {
    const { roster, founder, org, add, renderAs } = await widgetWorld()
    const ada = await add('ada@acme.test', 'Ada', 'Lovelace')
    await roster.members.update(founder, { orgId: org.id, accountId: ada.accountId, title: 'Engineer' })
    renderAs(founder, <AuditLog orgId={org.id} />)
    const updated = (await screen.findByRole('cell', { name: 'Member updated' })).closest('tr') as HTMLElement
    expect(within(updated).getByRole('cell', { name: 'Fay Founder' })).toBeTruthy()
    expect(within(updated).getByRole('cell', { name: 'Ada Lovelace' })).toBeTruthy()
    expect(within(updated).getByText('title')).toBeTruthy()
    expect(within(updated).getByText('Engineer').tagName).toBe('INS')
  })

  it('E1: filters by action and by who acted, and pages older events by cursor', async () => {
    const { roster, founder, org, add, renderAs } = await widgetWorld()
    await add('ada@acme.test', 'Ada', 'Lovelace')
    await add('bob@acme.test', 'Bob', 'Baker')
    await roster.departments.create(founder, { orgId: org.id, name: 'Sales' })
    renderAs(founder, <AuditLog orgId={org.id} pageSize={2} />)
    await waitFor(() => expect(bodyRows()).toHaveLength(2))
    fireEvent.click(screen.getByRole('button', { name: 'Older events' }))
    await waitFor(() => expect(bodyRows().length).toBeGreaterThan(2))

    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'member.added' } })
    await waitFor(() => {
      const actions = bodyRows().map((row) => within(row).getAllByRole('cell')[2]?.textContent)
      expect(actions.length).toBeGreaterThan(0)
      expect(new Set(actions)).toEqual(new Set(['Member added']))
    })
    fireEvent.change(screen.getByLabelText('Done by'), { target: { value: founder.accountId } })
    await waitFor(() =>
      expect(bodyRows().every((row) => within(row).queryByRole('cell', { name: 'Fay Founder' }))).toBe(true),
    )
  })

  it('a date range with nothing in it says no event matches; a refusal is not an empty log', async () => {
    const { org, founder, add, renderAs } = await widgetWorld()
    const ada = await add('ada@acme.test', 'Ada', 'Lovelace')
    const view = renderAs(founder, <AuditLog orgId={org.id} />)
    await screen.findByRole('cell', { name: 'Member added' })
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '2001-01-01' } })
    await screen.findByText('No events match these filters.')
    view.unmount()

    renderAs({ accountId: ada.accountId }, <AuditLog orgId={org.id} />)
    await screen.findByText('You do not have permission to see this.')
    expect(screen.queryByRole('table')).toBeNull()
  })
})
