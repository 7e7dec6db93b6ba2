import { describe, expect, it } from 'vitest'
import { setup } from './licenses.fixtures.js'

describe('licenses.assign / unassign', () => {
  it('L2: gives an employee a seat; the view lists the product; audited with before/after counts', async () => {
    const { roster, org, admin, ada, audit, summary } = await setup()
    await roster.licenses.createPool(admin, { orgId: org.id, product: 'crm', seats: 2 })
    const events: unknown[] = []
    roster.events.on('license.assigned', (event) => events.push(event))
    const view = (
      await roster.licenses.assign(admin, { orgId: org.id, product: 'crm', accountId: ada.accountId })
    )._unsafeUnwrap()
    expect(view.licenses).toEqual(['crm'])
    expect((await summary()).products).toEqual([
      { product: 'crm', seats: 2, assigned: 1, available: 1, required: false },
    ])
    const [event] = await audit('license.assigned')
    expect(event).toMatchObject({
      targetType: 'account',
      targetId: ada.accountId,
      changes: {
        product: { after: 'crm' },
        assigned: { before: 0, after: 1 },
        available: { before: 2, after: 1 },
      },
    })
    expect(events).toHaveLength(1)
  })

  it('L2: a full pool answers NO_SEATS_AVAILABLE and stores nothing', async () => {
    const { roster, org, admin, ada, bob, audit, summary } = await setup()
    await roster.licenses.createPool(admin, { orgId: org.id, product: 'crm', seats: 1 })
    await roster.licenses.assign(admin, { orgId: org.id, product: 'crm', accountId: ada.accountId })
    const result = await roster.licenses.assign(admin, {
      orgId: org.id,
      product: 'crm',
      accountId: bob.accountId,
    })
    expect(result._unsafeUnwrapErr()).toMatchObject({
      code: 'NO_SEATS_AVAILABLE',
      details: { product: 'crm', seats: 1, assigned: 1 },
    })
    expect(result._unsafeUnwrapErr().message).toContain('buy a license first')
    expect(
      (await roster.members.get(admin, { orgId: org.id, accountId: bob.accountId }))._unsafeUnwrap().licenses,
    ).toEqual([])
    expect(await audit('license.assigned')).toHaveLength(1)
    expect((await summary()).products[0]).toMatchObject({ seats: 1, assigned: 1, available: 0 })
  })

  it('L2: assigning a seat the member already holds changes nothing', async () => {
    const { roster, org, admin, ada, audit, summary } = await setup()
    await roster.licenses.createPool(admin, { orgId: org.id, product: 'crm', seats: 3 })
    await roster.licenses.assign(admin, { orgId: org.id, product: 'crm', accountId: ada.accountId })
    const again = await roster.licenses.assign(admin, {
      orgId: org.id,
      product: 'crm',
      accountId: ada.accountId,
    })
    expect(again._unsafeUnwrap().licenses).toEqual(['crm'])
    expect((await summary()).products[0]).toMatchObject({ assigned: 1 })
    expect(await audit('license.assigned')).toHaveLength(1)
  })

  it('L3: guests are never licensed (NOT_LICENSABLE), nothing stored', async () => {
    const { roster, org, admin, guest, summary, storage } = await setup()
    await roster.licenses.createPool(admin, { orgId: org.id, product: 'crm', seats: 3 })
    const result = await roster.licenses.assign(admin, {
      orgId: org.id,
      product: 'crm',
      accountId: guest.accountId,
    })
    expect(result._unsafeUnwrapErr().code).toBe('NOT_LICENSABLE')
    expect((await summary()).products[0]).toMatchObject({ assigned: 0 })
    expect(await storage.licenses.listSeats({ orgId: org.id, product: 'crm' })).toEqual([])
  })

  it('L3: an employee holding seats cannot be made a guest (NOT_LICENSABLE) until they are freed', async () => {
    const { roster, org, admin, ada } = await setup()
    await roster.licenses.createPool(admin, { orgId: org.id, product: 'crm', seats: 3 })
    await roster.licenses.assign(admin, { orgId: org.id, product: 'crm', accountId: ada.accountId })
    const result = await roster.members.update(admin, {
      orgId: org.id,
      accountId: ada.accountId,
      type: 'guest',
    })
    expect(result._unsafeUnwrapErr().code).toBe('NOT_LICENSABLE')
    expect(
      (await roster.members.get(admin, { orgId: org.id, accountId: ada.accountId }))._unsafeUnwrap().type,
    ).toBe('employee')
    await roster.licenses.unassign(admin, { orgId: org.id, product: 'crm', accountId: ada.accountId })
    const guest = await roster.members.update(admin, {
      orgId: org.id,
      accountId: ada.accountId,
      type: 'guest',
    })
    expect(guest._unsafeUnwrap().type).toBe('guest')
  })

  it('unknown pool or non-member is NOT_FOUND', async () => {
    const { roster, org, admin, ada, founder } = await setup()
    const noPool = await roster.licenses.assign(admin, {
      orgId: org.id,
      product: 'crm',
      accountId: ada.accountId,
    })
    expect(noPool._unsafeUnwrapErr()).toMatchObject({
      code: 'NOT_FOUND',
      details: { entity: 'license-pool' },
    })
    await roster.licenses.createPool(admin, { orgId: org.id, product: 'crm', seats: 1 })
    const stranger = await roster.licenses.assign(admin, {
      orgId: org.id,
      product: 'crm',
      accountId: 'nobody',
    })
    expect(stranger._unsafeUnwrapErr()).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'member' } })
    const unassign = await roster.licenses.unassign(admin, {
      orgId: org.id,
      product: 'nope',
      accountId: founder.accountId,
    })
    expect(unassign._unsafeUnwrapErr()).toMatchObject({
      code: 'NOT_FOUND',
      details: { entity: 'license-pool' },
    })
  })

  it('O5: assigning needs licenses:assign', async () => {
    const { roster, org, admin, ada, bob } = await setup()
    await roster.licenses.createPool(admin, { orgId: org.id, product: 'crm', seats: 3 })
    const result = await roster.licenses.assign(ada, {
      orgId: org.id,
      product: 'crm',
      accountId: bob.accountId,
    })
    expect(result._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'licenses:assign' },
    })
    const unassign = await roster.licenses.unassign(ada, {
      orgId: org.id,
      product: 'crm',
      accountId: bob.accountId,
    })
    expect(unassign._unsafeUnwrapErr().code).toBe('FORBIDDEN')
  })

  it('L4: unassigning frees the seat at once for someone else; audited', async () => {
    const { roster, org, admin, ada, bob, audit } = await setup()
    await roster.licenses.createPool(admin, { orgId: org.id, product: 'crm', seats: 1 })
    await roster.licenses.assign(admin, { orgId: org.id, product: 'crm', accountId: ada.accountId })
    const view = (
      await roster.licenses.unassign(admin, { orgId: org.id, product: 'crm', accountId: ada.accountId })
    )._unsafeUnwrap()
    expect(view.licenses).toEqual([])
    const [event] = await audit('license.unassigned')
    expect(event?.changes).toMatchObject({
      assigned: { before: 1, after: 0 },
      available: { before: 0, after: 1 },
    })
    const bobView = await roster.licenses.assign(admin, {
      orgId: org.id,
      product: 'crm',
      accountId: bob.accountId,
    })
    expect(bobView._unsafeUnwrap().licenses).toEqual(['crm'])
    // Unassigning a seat nobody holds changes nothing.
    const again = await roster.licenses.unassign(admin, {
      orgId: org.id,
      product: 'crm',
      accountId: ada.accountId,
    })
    expect(again.isOk()).toBe(true)
    expect(await audit('license.unassigned')).toHaveLength(1)
  })

  it('A13, L4: removing a member frees their seats in the same transaction', async () => {
    const { roster, org, admin, ada, bob, summary } = await setup()
    await roster.licenses.createPool(admin, { orgId: org.id, product: 'crm', seats: 1 })
    await roster.licenses.createPool(admin, { orgId: org.id, product: 'one-office', seats: 2 })
    await roster.licenses.assign(admin, { orgId: org.id, product: 'crm', accountId: ada.accountId })
    await roster.licenses.assign(admin, { orgId: org.id, product: 'one-office', accountId: ada.accountId })
    ;(await roster.members.remove(admin, { orgId: org.id, accountId: ada.accountId }))._unsafeUnwrap()
    expect((await summary()).products.map((p) => [p.product, p.assigned, p.available])).toEqual([
      ['crm', 0, 1],
      ['one-office', 0, 2],
    ])
    expect(
      (
        await roster.licenses.assign(admin, { orgId: org.id, product: 'crm', accountId: bob.accountId })
      )._unsafeUnwrap().licenses,
    ).toEqual(['crm'])
  })

  it('A12: disabling a member keeps their seats; re-enabling finds them', async () => {
    const { roster, org, admin, ada, summary } = await setup()
    await roster.licenses.createPool(admin, { orgId: org.id, product: 'crm', seats: 1 })
    await roster.licenses.assign(admin, { orgId: org.id, product: 'crm', accountId: ada.accountId })
    const disabled = (
      await roster.members.disable(admin, { orgId: org.id, accountId: ada.accountId })
    )._unsafeUnwrap()
    expect(disabled.licenses).toEqual(['crm'])
    expect((await summary()).products[0]).toMatchObject({ assigned: 1 })
    const enabled = (
      await roster.members.enable(admin, { orgId: org.id, accountId: ada.accountId })
    )._unsafeUnwrap()
    expect(enabled.licenses).toEqual(['crm'])
  })
})
