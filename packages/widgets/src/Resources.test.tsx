import { bindActor } from '@roster/core/http'
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { errAsync } from 'neverthrow'
import { afterEach, describe, expect, it } from 'vitest'
import { ResourcesManager } from './Resources.js'
import { widgetWorld } from './widgets.fixtures.js'

afterEach(cleanup)

describe('ResourcesManager', () => {
  it('R1: adds a building, and deleting one asks first, says its roles go, then deletes it', async () => {
    const { roster, founder, org, renderAs } = await widgetWorld()
    renderAs(founder, <ResourcesManager orgId={org.id} />)
    fireEvent.change(await screen.findByLabelText('New building'), { target: { value: 'Tower A' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add' }))
    await screen.findByText('Added Tower A.')
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Tower A' }))
    const dialog = await screen.findByRole('dialog', { name: 'Delete Tower A?' })
    expect(within(dialog).getByText('Every role held at Tower A is removed with it.')).toBeTruthy()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }))
    await screen.findByText('Deleted Tower A and the roles held there.')
    await screen.findByText('No buildings yet.')
    // Focus does not fall to <body> with the removed row: it goes to the name field.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('New building')))
    const left = await roster.resources.list(founder, { orgId: org.id, type: 'building' })
    expect(left._unsafeUnwrap().items).toEqual([])
  })

  it('O5: a plain member sees the buildings and why they cannot change them', async () => {
    const { roster, founder, org, add, renderAs } = await widgetWorld()
    await roster.resources.create(founder, { orgId: org.id, type: 'building', name: 'Tower A' })
    const ada = await add('ada@acme.test', 'Ada', 'Lovelace')
    renderAs({ accountId: ada.accountId }, <ResourcesManager orgId={org.id} />)
    await screen.findByText('Needs the “Manage buildings” permission.')
    expect(screen.getByText('Tower A')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Delete Tower A' })).toBeNull()
    expect(screen.queryByLabelText('New building')).toBeNull()
  })

  it('a failed load is an alert with a retry, never “No buildings yet.”', async () => {
    const { roster, founder, org, renderAs } = await widgetWorld()
    const real = bindActor(roster, founder)
    let down = true
    const client = {
      ...real,
      resources: {
        ...real.resources,
        list: (input: Parameters<typeof real.resources.list>[0]) =>
          down ? errAsync({ code: 'NETWORK_ERROR' as const, message: 'down' }) : real.resources.list(input),
      },
    } as typeof real
    renderAs(founder, <ResourcesManager orgId={org.id} />, { client })
    const failure = await screen.findByText(/The server could not be reached/)
    expect(failure.closest('[role="alert"]')).toBeTruthy()
    expect(screen.queryByText('No buildings yet.')).toBeNull()
    down = false
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(screen.getByText('No buildings yet.')).toBeTruthy())
  })
})
