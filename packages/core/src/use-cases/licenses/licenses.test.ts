import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'
import { setup } from './licenses.fixtures.js'

describe('licenses.createPool', () => {
  it('L1: creates a pool with its purchased seats, all available, audited and announced', async () => {
    const { roster, org, admin, audit, summary } = await setup()
    const events: unknown[] = []
    roster.events.on('license.pool-created', (event) => events.push(event))
    const pool = (
      await roster.licenses.createPool(admin, { orgId: org.id, product: 'one-office', seats: 25 })
    )._unsafeUnwrap()
    expect(pool).toEqual({ product: 'one-office', seats: 25, assigned: 0, available: 25, required: false })
    expect((await summary()).products).toEqual([pool])
    const [event] = await audit('license.pool-created')
    expect(event).toMatchObject({
      targetType: 'license-pool',
      targetId: 'one-office',
      changes: { seats: { before: 0, after: 25 }, available: { before: 0, after: 25 } },
    })
    expect(events).toEqual([
      { orgId: org.id, product: 'one-office', seats: 25, actor: { kind: 'account', id: admin.accountId } },
    ])
  })

  it('L1: one pool per (org, product): a second one is INVALID_STATE and changes nothing', async () => {
    const { roster, org, admin, summary, audit } = await setup()
    await roster.licenses.createPool(admin, { orgId: org.id, product: 'one-office', seats: 5 })
    const again = await roster.licenses.createPool(admin, { orgId: org.id, product: 'one-office', seats: 50 })
    expect(again._unsafeUnwrapErr().code).toBe('INVALID_STATE')
    expect((await summary()).products).toMatchObject([{ product: 'one-office', seats: 5 }])
    expect(await audit('license.pool-created')).toHaveLength(1)
  })

  it('X4: bad input is VALIDATION naming each field, and nothing is stored', async () => {
    const { roster, org, admin, storage } = await setup()
    const result = await roster.licenses.createPool(admin, { orgId: org.id, product: ' ', seats: -1.5 })
    const error = result._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    const paths = (error.details?.issues as { path: string }[]).map((issue) => issue.path)
    expect(paths).toEqual(expect.arrayContaining(['product', 'seats']))
    expect(await storage.licenses.listPools(org.id)).toEqual([])
    for (const bad of [
      { orgId: org.id, product: 'crm', count: 0 },
      { orgId: org.id, product: 'crm', count: 2.5 },
    ]) {
      expect((await roster.licenses.addSeats(admin, bad))._unsafeUnwrapErr().code).toBe('VALIDATION')
      expect((await roster.licenses.removeSeats(admin, bad))._unsafeUnwrapErr().code).toBe('VALIDATION')
    }
    expect(
      (await roster.licenses.assign(admin, { orgId: org.id, product: '', accountId: '' }))._unsafeUnwrapErr()
        .code,
    ).toBe('VALIDATION')
    expect(await storage.audit.list({ orgId: org.id, action: 'license.pool-created', limit: 10 })).toEqual([])
  })

  it('O5: needs licenses:manage; a plain member is FORBIDDEN and nothing is stored', async () => {
    const { roster, org, ada, storage } = await setup()
    const result = await roster.licenses.createPool(ada, { orgId: org.id, product: 'crm', seats: 1 })
    expect(result._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'licenses:manage' },
    })
    expect(await storage.licenses.listPools(org.id)).toEqual([])
    expect((await roster.licenses.summary(ada, { orgId: org.id }))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
  })

  it('X3, X7: an admin of another org cannot touch this org’s pools (ORG_NOT_FOUND)', async () => {
    const { roster, org, orgWithFounder, storage } = await setup()
    const { founder: stranger } = await orgWithFounder('Globex')
    const result = await roster.licenses.createPool(stranger, { orgId: org.id, product: 'crm', seats: 1 })
    expect(result._unsafeUnwrapErr().code).toBe('ORG_NOT_FOUND')
    expect(await storage.licenses.listPools(org.id)).toEqual([])
  })
})

describe('licenses.addSeats / removeSeats', () => {
  it('L5: buying seats adds to seats; audited with before/after counts', async () => {
    const { roster, org, admin, audit } = await setup()
    await roster.licenses.createPool(admin, { orgId: org.id, product: 'crm', seats: 2 })
    const events: unknown[] = []
    roster.events.on('license.seats-changed', (event) => events.push(event))
    const pool = (
      await roster.licenses.addSeats(admin, { orgId: org.id, product: 'crm', count: 3 })
    )._unsafeUnwrap()
    expect(pool).toMatchObject({ seats: 5, assigned: 0, available: 5 })
    const [event] = await audit('license.seats-added')
    expect(event?.changes).toEqual({ seats: { before: 2, after: 5 }, available: { before: 2, after: 5 } })
    expect(events).toMatchObject([{ orgId: org.id, product: 'crm', seats: 5 }])
  })

  it('L5: reducing below the assigned count is SEATS_IN_USE and changes nothing', async () => {
    const { roster, org, admin, ada, bob, summary, audit } = await setup()
    await roster.licenses.createPool(admin, { orgId: org.id, product: 'crm', seats: 4 })
    await roster.licenses.assign(admin, { orgId: org.id, product: 'crm', accountId: ada.accountId })
    await roster.licenses.assign(admin, { orgId: org.id, product: 'crm', accountId: bob.accountId })
    const result = await roster.licenses.removeSeats(admin, { orgId: org.id, product: 'crm', count: 3 })
    expect(result._unsafeUnwrapErr()).toMatchObject({
      code: 'SEATS_IN_USE',
      details: { product: 'crm', seats: 4, assigned: 2, requested: 3, removable: 2 },
    })
    expect((await summary()).products[0]).toMatchObject({ seats: 4, assigned: 2 })
    expect(await audit('license.seats-removed')).toEqual([])
    // More than were ever bought is a bad count, not seats in use.
    const tooMany = await roster.licenses.removeSeats(admin, { orgId: org.id, product: 'crm', count: 5 })
    expect(tooMany._unsafeUnwrapErr()).toMatchObject({ code: 'VALIDATION' })
    // Down to exactly the assigned count is allowed.
    const pool = (
      await roster.licenses.removeSeats(admin, { orgId: org.id, product: 'crm', count: 2 })
    )._unsafeUnwrap()
    expect(pool).toMatchObject({ seats: 2, assigned: 2, available: 0 })
    const [event] = await audit('license.seats-removed')
    expect(event?.changes).toEqual({ seats: { before: 4, after: 2 }, available: { before: 2, after: 0 } })
  })

  it('L5: seats of an unknown product are NOT_FOUND; needs licenses:manage', async () => {
    const { roster, org, admin, ada } = await setup()
    const result = await roster.licenses.addSeats(admin, { orgId: org.id, product: 'crm', count: 1 })
    expect(result._unsafeUnwrapErr()).toMatchObject({
      code: 'NOT_FOUND',
      details: { entity: 'license-pool' },
    })
    await roster.licenses.createPool(admin, { orgId: org.id, product: 'crm', seats: 1 })
    const forbidden = await roster.licenses.addSeats(ada, { orgId: org.id, product: 'crm', count: 1 })
    expect(forbidden._unsafeUnwrapErr().code).toBe('FORBIDDEN')
  })
})

describe('licenses.summary', () => {
  it('L6: per product, billable seats whether assigned or not, assigned and available', async () => {
    const { roster, org, admin, ada, bob, summary } = await setup()
    await roster.licenses.createPool(admin, { orgId: org.id, product: 'phone-line', seats: 10 })
    await roster.licenses.createPool(admin, { orgId: org.id, product: 'crm', seats: 3 })
    await roster.licenses.assign(admin, { orgId: org.id, product: 'crm', accountId: ada.accountId })
    await roster.licenses.assign(admin, { orgId: org.id, product: 'crm', accountId: bob.accountId })
    expect(await summary()).toEqual({
      orgId: org.id,
      products: [
        { product: 'crm', seats: 3, assigned: 2, available: 1, required: false },
        { product: 'phone-line', seats: 10, assigned: 0, available: 10, required: false },
      ],
      billableSeats: 13,
    })
  })

  it('L6: needs licenses:manage or licenses:assign; a required product without a pool shows 0 seats', async () => {
    const { roster, org, founder, ada } = await setup()
    await roster.orgs.update(founder, { orgId: org.id, settings: { requiredProducts: ['one-office'] } })
    expect((await roster.licenses.summary(ada, { orgId: org.id }))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    const summary = (await roster.licenses.summary(founder, { orgId: org.id }))._unsafeUnwrap()
    expect(summary.products).toEqual([
      { product: 'one-office', seats: 0, assigned: 0, available: 0, required: true },
    ])
    expect((await roster.licenses.summary(founder, { orgId: ' ' }))._unsafeUnwrapErr().code).toBe(
      'VALIDATION',
    )
  })
})

describe('required products', () => {
  it('L7: a required pool marks employees without its seat licensed: false, filterable in members.list', async () => {
    const { roster, org, admin, founder, ada, bob, guest } = await setup()
    const pool = (
      await roster.licenses.createPool(admin, {
        orgId: org.id,
        product: 'one-office',
        seats: 10,
        required: true,
      })
    )._unsafeUnwrap()
    expect(pool.required).toBe(true)
    expect(
      (await roster.orgs.get(admin, { orgId: org.id }))._unsafeUnwrap().settings.requiredProducts,
    ).toEqual(['one-office'])
    await roster.licenses.assign(admin, { orgId: org.id, product: 'one-office', accountId: ada.accountId })

    const get = async (accountId: string) =>
      (await roster.members.get(admin, { orgId: org.id, accountId }))._unsafeUnwrap()
    expect((await get(ada.accountId)).licensed).toBe(true)
    expect((await get(bob.accountId)).licensed).toBe(false)
    expect((await get(guest.accountId)).licensed).toBe(true)

    const unlicensed = (await roster.members.list(admin, { orgId: org.id, licensed: false }))._unsafeUnwrap()
    expect(unlicensed.items.map((m) => m.accountId).sort()).toEqual(
      [founder.accountId, admin.accountId, bob.accountId].sort(),
    )
    const licensed = (await roster.members.list(admin, { orgId: org.id, licensed: true }))._unsafeUnwrap()
    expect(licensed.items.map((m) => m.accountId).sort()).toEqual([ada.accountId, guest.accountId].sort())
  })

  it('L7: required: false takes the product out of the required list', async () => {
    const { roster, org, admin, founder, bob } = await setup()
    await roster.orgs.update(founder, {
      orgId: org.id,
      settings: { requiredProducts: ['crm', 'one-office'] },
    })
    await roster.licenses.createPool(admin, { orgId: org.id, product: 'crm', seats: 1, required: false })
    const org2 = (await roster.orgs.get(admin, { orgId: org.id }))._unsafeUnwrap()
    expect(org2.settings.requiredProducts).toEqual(['one-office'])
    expect(
      (await roster.members.get(admin, { orgId: org.id, accountId: bob.accountId }))._unsafeUnwrap().licensed,
    ).toBe(false)
  })
})

describe('organization deletion', () => {
  it('O3: deleting the org releases its pools and seats', async () => {
    const { roster, orgWithFounder, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder('Solo')
    await roster.licenses.createPool(founder, { orgId: org.id, product: 'crm', seats: 3 })
    await roster.licenses.assign(founder, { orgId: org.id, product: 'crm', accountId: founder.accountId })
    ;(await roster.orgs.delete(founder, { orgId: org.id }))._unsafeUnwrap()
    expect(await storage.licenses.listPools(org.id)).toEqual([])
    expect(await storage.licenses.listSeats({ orgId: org.id, product: 'crm' })).toEqual([])
  })
})
