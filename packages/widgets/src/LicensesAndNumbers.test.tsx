import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { LicensesAndNumbers } from './LicensesAndNumbers.js'
import { widgetWorld } from './widgets.fixtures.js'

afterEach(cleanup)

const productRow = (name: string) =>
  screen.getByRole('rowheader', { name: new RegExp(name) }).closest('tr') as HTMLElement

describe('LicensesAndNumbers', () => {
  it('L5, L6: shows free of total; buys more seats, and refuses going below the assigned inside the dialog', async () => {
    const { roster, founder, org, renderAs } = await widgetWorld()
    await roster.licenses.createPool(founder, {
      orgId: org.id,
      product: 'one-office',
      seats: 2,
      required: true,
    })
    await roster.licenses.assign(founder, {
      orgId: org.id,
      accountId: founder.accountId,
      product: 'one-office',
    })
    renderAs(founder, <LicensesAndNumbers orgId={org.id} />)
    await screen.findByRole('rowheader', { name: /One office/ })
    expect(within(productRow('One office')).getByText('1 of 2 free')).toBeTruthy()
    expect(within(productRow('One office')).getByText('Required')).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Change seats of One office' }))
    let dialog = await screen.findByRole('dialog', { name: 'Seats of One office' })
    fireEvent.change(within(dialog).getByLabelText('Seats'), { target: { value: '5' } })
    expect(within(dialog).getByText('Buys 3 more seats.')).toBeTruthy()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }))
    await screen.findByText('One office now has 5 seats.')
    await waitFor(() => expect(within(productRow('One office')).getByText('4 of 5 free')).toBeTruthy())

    fireEvent.click(screen.getByRole('button', { name: 'Change seats of One office' }))
    dialog = await screen.findByRole('dialog', { name: 'Seats of One office' })
    fireEvent.change(within(dialog).getByLabelText('Seats'), { target: { value: '0' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }))
    await within(dialog).findByText('Those seats are in use: free them first.')
    const summary = (await roster.licenses.summary(founder, { orgId: org.id }))._unsafeUnwrap()
    expect(summary.products[0]).toMatchObject({ seats: 5, assigned: 1 })
  })

  it('N1: an import reports each number not imported and why, keeps them in the box, and lists the pool formatted', async () => {
    const { roster, founder, org, renderAs } = await widgetWorld()
    await roster.numbers.import(founder, { orgId: org.id, numbers: ['+14155550100'] })
    renderAs(founder, <LicensesAndNumbers orgId={org.id} />)
    await screen.findByText('+1 415 555 0100')
    const box = screen.getByLabelText('Import numbers (one per line, international format)')
    fireEvent.change(box, {
      target: { value: '+33 6 12 34 56 78\nnot a number\n+1 415 555 0100\n+33612345678' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Import' }))
    await screen.findByText('Imported 1 numbers.')
    const report = screen.getByRole('heading', { name: /Not imported \(3\)/ }).parentElement as HTMLElement
    expect(within(report).getByText('not a valid phone number')).toBeTruthy()
    expect(within(report).getByText('already in the pool')).toBeTruthy()
    expect(within(report).getByText('listed twice')).toBeTruthy()
    expect((box as HTMLTextAreaElement).value).toBe('not a number\n+1 415 555 0100\n+33612345678')
    await screen.findByText('+33 6 12 34 56 78')
    const pool = (await roster.numbers.list(founder, { orgId: org.id }))._unsafeUnwrap().items
    expect(pool.map((n) => n.number).sort()).toEqual(['+14155550100', '+33612345678'])
  })

  it('removes an available number only after a question', async () => {
    const { roster, founder, org, renderAs } = await widgetWorld()
    await roster.numbers.import(founder, { orgId: org.id, numbers: ['+14155550100'] })
    renderAs(founder, <LicensesAndNumbers orgId={org.id} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Remove +1 415 555 0100 from the pool' }))
    const question = await screen.findByRole('dialog', { name: 'Remove +1 415 555 0100 from the pool?' })
    fireEvent.click(within(question).getByRole('button', { name: 'Remove' }))
    await screen.findByText('Removed +1 415 555 0100.')
    await screen.findByText('No numbers in the pool.')
  })

  it('O5: someone allowed neither reads “you cannot see this”, not an empty table, and no controls', async () => {
    const { roster, founder, org, add, renderAs } = await widgetWorld()
    await roster.licenses.createPool(founder, { orgId: org.id, product: 'one-office', seats: 2 })
    const ada = await add('ada@acme.test', 'Ada', 'Lovelace')
    renderAs({ accountId: ada.accountId }, <LicensesAndNumbers orgId={org.id} />)
    await waitFor(() =>
      expect(screen.getAllByText('You do not have permission to see this.')).toHaveLength(2),
    )
    expect(screen.queryByRole('table')).toBeNull()
    expect(screen.queryByText('No licenses bought yet.')).toBeNull()
    expect(screen.queryByRole('button', { name: 'New product' })).toBeNull()
    expect(screen.queryByLabelText(/Import numbers/)).toBeNull()
  })
})
