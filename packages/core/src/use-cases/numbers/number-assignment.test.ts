import { describe, expect, it } from 'vitest'
import { FR1, FR2, US1, setup } from './numbers.fixtures.js'

describe('numbers.assign', () => {
  it('N2: takes a phone-line seat in the same transaction; the member view lists the number; audited', async () => {
    const { roster, orgId, admin, ada, audit, lines } = await setup()
    await roster.licenses.createPool(admin, { orgId, product: 'phone-line', seats: 2 })
    await roster.numbers.import(admin, { orgId, numbers: [FR1] })
    const events: unknown[] = []
    roster.events.on('number.assigned', (event) => events.push(event))
    const view = (
      await roster.numbers.assign(admin, { orgId, number: '+33 6 12 34 56 01', accountId: ada.accountId })
    )._unsafeUnwrap()
    expect(view.numbers).toEqual([FR1])
    expect(view.licenses).toEqual([])
    expect(await lines()).toMatchObject({ seats: 2, assigned: 1, available: 1 })
    const [event] = await audit('number.assigned')
    expect(event).toMatchObject({
      targetType: 'phone-number',
      targetId: FR1,
      changes: {
        accountId: { before: null, after: ada.accountId },
        product: { after: 'phone-line' },
        assigned: { before: 0, after: 1 },
        available: { before: 2, after: 1 },
      },
    })
    expect(events).toEqual([
      { orgId, number: FR1, accountId: ada.accountId, actor: { kind: 'account', id: admin.accountId } },
    ])
    const listed = (await roster.numbers.list(admin, { orgId }))._unsafeUnwrap().items[0]
    expect(listed).toMatchObject({ number: FR1, status: 'assigned', accountId: ada.accountId })
    expect(listed?.assignedAt).toBeTypeOf('string')
  })

  it('N2: no phone-line seat free → NO_SEATS_AVAILABLE ("buy a license first"), nothing changes', async () => {
    const { roster, orgId, admin, ada, bob, numberRow, lines, audit } = await setup()
    await roster.numbers.import(admin, { orgId, numbers: [FR1, FR2] })
    const noPool = await roster.numbers.assign(admin, { orgId, number: FR1, accountId: ada.accountId })
    expect(noPool._unsafeUnwrapErr()).toMatchObject({
      code: 'NO_SEATS_AVAILABLE',
      details: { product: 'phone-line' },
    })
    expect(noPool._unsafeUnwrapErr().message).toContain('buy a license first')
    expect(await numberRow(FR1)).toMatchObject({ accountId: null, assignedAt: null })

    await roster.licenses.createPool(admin, { orgId, product: 'phone-line', seats: 1 })
    await roster.numbers.assign(admin, { orgId, number: FR1, accountId: ada.accountId })
    const full = await roster.numbers.assign(admin, { orgId, number: FR2, accountId: bob.accountId })
    expect(full._unsafeUnwrapErr()).toMatchObject({
      code: 'NO_SEATS_AVAILABLE',
      details: { product: 'phone-line', seats: 1, assigned: 1 },
    })
    expect(await numberRow(FR2)).toMatchObject({ accountId: null })
    expect(await lines()).toMatchObject({ assigned: 1 })
    expect(await audit('number.assigned')).toHaveLength(1)
  })

  it('N2: the seat comes from the pool of policy.numberProduct', async () => {
    const { roster, orgId, admin, ada, storage } = await setup({ policy: { numberProduct: 'voice' } })
    await roster.licenses.createPool(admin, { orgId, product: 'phone-line', seats: 5 })
    await roster.numbers.import(admin, { orgId, numbers: [FR1] })
    const refused = await roster.numbers.assign(admin, { orgId, number: FR1, accountId: ada.accountId })
    expect(refused._unsafeUnwrapErr()).toMatchObject({
      code: 'NO_SEATS_AVAILABLE',
      details: { product: 'voice' },
    })
    await roster.licenses.createPool(admin, { orgId, product: 'voice', seats: 1 })
    ;(await roster.numbers.assign(admin, { orgId, number: FR1, accountId: ada.accountId }))._unsafeUnwrap()
    expect(await storage.licenses.findPool({ orgId, product: 'voice' })).toMatchObject({ assigned: 1 })
    expect(await storage.licenses.findPool({ orgId, product: 'phone-line' })).toMatchObject({ assigned: 0 })
  })

  it('N3: a member may hold several numbers; a number held by another is NUMBER_UNAVAILABLE', async () => {
    const { roster, orgId, admin, ada, bob, view, lines } = await setup()
    await roster.licenses.createPool(admin, { orgId, product: 'phone-line', seats: 5 })
    await roster.numbers.import(admin, { orgId, numbers: [FR1, FR2, US1] })
    await roster.numbers.assign(admin, { orgId, number: FR2, accountId: ada.accountId })
    await roster.numbers.assign(admin, { orgId, number: US1, accountId: ada.accountId })
    expect((await view(ada.accountId)).numbers).toEqual([FR2, US1].sort())
    const taken = await roster.numbers.assign(admin, { orgId, number: FR2, accountId: bob.accountId })
    expect(taken._unsafeUnwrapErr()).toMatchObject({
      code: 'NUMBER_UNAVAILABLE',
      details: { number: FR2, accountId: ada.accountId },
    })
    expect((await view(bob.accountId)).numbers).toEqual([])
    // Assigning a number the member already holds changes nothing.
    const again = await roster.numbers.assign(admin, { orgId, number: FR2, accountId: ada.accountId })
    expect(again._unsafeUnwrap().numbers).toEqual([FR2, US1].sort())
    expect(await lines()).toMatchObject({ assigned: 2 })
  })

  it('N3: 20 parallel assigns of one number to 20 members: exactly one holder, one seat taken', async () => {
    const { roster, orgId, admin, member, lines, storage } = await setup()
    await roster.licenses.createPool(admin, { orgId, product: 'phone-line', seats: 50 })
    await roster.numbers.import(admin, { orgId, numbers: [FR1] })
    const people = []
    for (let i = 0; i < 20; i++) people.push(await member(orgId, `racer${i}@example.com`))
    const results = await Promise.all(
      people.map((p) => roster.numbers.assign(admin, { orgId, number: FR1, accountId: p.accountId })),
    )
    const winners = results.filter((r) => r.isOk())
    expect(winners).toHaveLength(1)
    expect(results.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr().code)).toEqual(
      Array(19).fill('NUMBER_UNAVAILABLE'),
    )
    expect(await lines()).toMatchObject({ assigned: 1 })
    expect(await storage.numbers.find(orgId, FR1)).toMatchObject({
      accountId: winners[0]!._unsafeUnwrap().accountId,
    })
  })

  it('L3: guests cannot hold numbers (NOT_LICENSABLE); unknown numbers are NOT_FOUND, malformed INVALID_NUMBER', async () => {
    const { roster, orgId, admin, ada, guest, numberRow, view } = await setup()
    await roster.licenses.createPool(admin, { orgId, product: 'phone-line', seats: 5 })
    await roster.numbers.import(admin, { orgId, numbers: [FR1] })
    const guestResult = await roster.numbers.assign(admin, { orgId, number: FR1, accountId: guest.accountId })
    expect(guestResult._unsafeUnwrapErr().code).toBe('NOT_LICENSABLE')
    // The widget offers neither button for a guest.
    expect((await view(guest.accountId)).allowedActions).not.toContain('assignNumber')
    expect((await view(guest.accountId)).allowedActions).not.toContain('assignLicense')
    expect((await view(ada.accountId)).allowedActions).toEqual(
      expect.arrayContaining(['assignNumber', 'assignLicense']),
    )
    expect(await numberRow(FR1)).toMatchObject({ accountId: null })
    const unknown = await roster.numbers.assign(admin, { orgId, number: US1, accountId: ada.accountId })
    expect(unknown._unsafeUnwrapErr()).toMatchObject({
      code: 'NOT_FOUND',
      details: { entity: 'phone-number' },
    })
    const malformed = await roster.numbers.assign(admin, {
      orgId,
      number: 'call me',
      accountId: ada.accountId,
    })
    expect(malformed._unsafeUnwrapErr()).toMatchObject({
      code: 'INVALID_NUMBER',
      details: { number: 'call me' },
    })
    for (const call of [roster.numbers.unassign, roster.numbers.remove]) {
      expect((await call(admin, { orgId, number: '12' }))._unsafeUnwrapErr().code).toBe('INVALID_NUMBER')
      expect((await call(admin, { orgId, number: US1 }))._unsafeUnwrapErr().code).toBe('NOT_FOUND')
    }
    const stranger = await roster.numbers.assign(admin, { orgId, number: FR1, accountId: 'nobody' })
    expect(stranger._unsafeUnwrapErr()).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'member' } })
  })
})

describe('numbers.unassign / remove', () => {
  it('N4, L4: unassigning returns the number to the pool and frees its seat at once; audited', async () => {
    const { roster, orgId, admin, ada, bob, view, lines, audit } = await setup()
    await roster.licenses.createPool(admin, { orgId, product: 'phone-line', seats: 1 })
    await roster.numbers.import(admin, { orgId, numbers: [FR1, FR2] })
    await roster.numbers.assign(admin, { orgId, number: FR1, accountId: ada.accountId })
    const number = (await roster.numbers.unassign(admin, { orgId, number: FR1 }))._unsafeUnwrap()
    expect(number).toMatchObject({ number: FR1, status: 'available', accountId: null, assignedAt: null })
    expect((await view(ada.accountId)).numbers).toEqual([])
    expect(await lines()).toMatchObject({ assigned: 0, available: 1 })
    const [event] = await audit('number.unassigned')
    expect(event?.changes).toMatchObject({
      accountId: { before: ada.accountId, after: null },
      assigned: { before: 1, after: 0 },
    })
    // The freed seat is usable at once, by another number.
    ;(await roster.numbers.assign(admin, { orgId, number: FR2, accountId: bob.accountId }))._unsafeUnwrap()
    // Unassigning an available number changes nothing.
    expect((await roster.numbers.unassign(admin, { orgId, number: FR1 }))._unsafeUnwrap().status).toBe(
      'available',
    )
    expect(await audit('number.unassigned')).toHaveLength(1)
  })

  it('L4: removing a number takes it out of the pool and frees its seat', async () => {
    const { roster, orgId, admin, ada, view, lines, numberRow, audit } = await setup()
    await roster.licenses.createPool(admin, { orgId, product: 'phone-line', seats: 1 })
    await roster.numbers.import(admin, { orgId, numbers: [FR1] })
    await roster.numbers.assign(admin, { orgId, number: FR1, accountId: ada.accountId })
    ;(await roster.numbers.remove(admin, { orgId, number: FR1 }))._unsafeUnwrap()
    expect(await numberRow(FR1)).toBeNull()
    expect((await view(ada.accountId)).numbers).toEqual([])
    expect(await lines()).toMatchObject({ seats: 1, assigned: 0 })
    const [event] = await audit('number.removed')
    expect(event?.changes).toMatchObject({
      accountId: { before: ada.accountId },
      assigned: { before: 1, after: 0 },
    })
    expect((await roster.numbers.remove(admin, { orgId, number: FR1 }))._unsafeUnwrapErr().code).toBe(
      'NOT_FOUND',
    )
  })

  it('A13, L4: removing a member returns their numbers to the pool and frees every seat', async () => {
    const { roster, orgId, admin, ada, bob, lines, numberRow, storage } = await setup()
    await roster.licenses.createPool(admin, { orgId, product: 'phone-line', seats: 3 })
    await roster.licenses.createPool(admin, { orgId, product: 'crm', seats: 1 })
    await roster.numbers.import(admin, { orgId, numbers: [FR1, FR2, US1] })
    await roster.numbers.assign(admin, { orgId, number: FR1, accountId: ada.accountId })
    await roster.numbers.assign(admin, { orgId, number: FR2, accountId: ada.accountId })
    await roster.numbers.assign(admin, { orgId, number: US1, accountId: bob.accountId })
    await roster.licenses.assign(admin, { orgId, product: 'crm', accountId: ada.accountId })
    ;(await roster.members.remove(admin, { orgId, accountId: ada.accountId }))._unsafeUnwrap()
    expect(await numberRow(FR1)).toMatchObject({ accountId: null, assignedAt: null })
    expect(await numberRow(FR2)).toMatchObject({ accountId: null })
    expect(await numberRow(US1)).toMatchObject({ accountId: bob.accountId })
    expect(await lines()).toMatchObject({ seats: 3, assigned: 1 })
    expect(await storage.licenses.findPool({ orgId, product: 'crm' })).toMatchObject({ assigned: 0 })
    const available = (await roster.numbers.list(admin, { orgId, status: 'available' }))._unsafeUnwrap()
    expect(available.items.map((n) => n.number)).toEqual([FR1, FR2])
  })

  it('A13, L4: a member who leaves frees their seats and numbers the same way', async () => {
    const { roster, orgId, admin, ada, lines, numberRow, storage } = await setup()
    await roster.licenses.createPool(admin, { orgId, product: 'phone-line', seats: 1 })
    await roster.licenses.createPool(admin, { orgId, product: 'crm', seats: 1 })
    await roster.numbers.import(admin, { orgId, numbers: [FR1] })
    await roster.numbers.assign(admin, { orgId, number: FR1, accountId: ada.accountId })
    await roster.licenses.assign(admin, { orgId, product: 'crm', accountId: ada.accountId })
    ;(await roster.members.leave(ada, { orgId }))._unsafeUnwrap()
    expect(await numberRow(FR1)).toMatchObject({ accountId: null })
    expect(await lines()).toMatchObject({ assigned: 0 })
    expect(await storage.licenses.findPool({ orgId, product: 'crm' })).toMatchObject({ assigned: 0 })
  })

  it('A12: disabling a member keeps their numbers and the seats those hold', async () => {
    const { roster, orgId, admin, ada, lines } = await setup()
    await roster.licenses.createPool(admin, { orgId, product: 'phone-line', seats: 1 })
    await roster.numbers.import(admin, { orgId, numbers: [FR1] })
    await roster.numbers.assign(admin, { orgId, number: FR1, accountId: ada.accountId })
    const disabled = (
      await roster.members.disable(admin, { orgId, accountId: ada.accountId })
    )._unsafeUnwrap()
    expect(disabled.numbers).toEqual([FR1])
    expect(await lines()).toMatchObject({ assigned: 1 })
  })

  it('L3: a number holder cannot be made a guest until the number is unassigned', async () => {
    const { roster, orgId, admin, ada } = await setup()
    await roster.licenses.createPool(admin, { orgId, product: 'phone-line', seats: 1 })
    await roster.numbers.import(admin, { orgId, numbers: [FR1] })
    await roster.numbers.assign(admin, { orgId, number: FR1, accountId: ada.accountId })
    const result = await roster.members.update(admin, { orgId, accountId: ada.accountId, type: 'guest' })
    expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'NOT_LICENSABLE', details: { numbers: [FR1] } })
  })
})
