import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'
import { normalizePhoneNumber } from '../../domain/phone-number.js'
import { FR1, FR2, US1, setup } from './numbers.fixtures.js'

describe('numbers.import', () => {
  it('N1: parses and normalizes to E.164, national formats with defaultCountry; reports each rejection', async () => {
    const { roster, orgId, admin, audit } = await setup()
    const events: unknown[] = []
    roster.events.on('number.imported', (event) => events.push(event))
    const first = (await roster.numbers.import(admin, { orgId, numbers: [FR2] }))._unsafeUnwrap()
    expect(first).toEqual({ imported: [FR2], rejected: [] })
    const report = (
      await roster.numbers.import(admin, {
        orgId,
        defaultCountry: 'fr',
        numbers: [
          '06 12 34 56 01',
          '+1 (415) 555-2671',
          'not a number',
          '0033 6 12 34 56 01',
          '06.12.34.56.02',
          '+33 6 12',
        ],
      })
    )._unsafeUnwrap()
    expect(report).toEqual({
      imported: [FR1, US1],
      rejected: [
        { input: 'not a number', reason: 'invalid' },
        { input: '0033 6 12 34 56 01', reason: 'duplicate-in-input', number: FR1 },
        { input: '06.12.34.56.02', reason: 'already-in-pool', number: FR2 },
        { input: '+33 6 12', reason: 'invalid' },
      ],
    })
    const page = (await roster.numbers.list(admin, { orgId }))._unsafeUnwrap()
    expect(page.items.map((n) => [n.number, n.status])).toEqual([
      [US1, 'available'],
      [FR1, 'available'],
      [FR2, 'available'],
    ])
    const events2 = await audit('number.imported')
    expect(events2.map((e) => e.changes.numbers)).toEqual(expect.arrayContaining([{ after: [FR1, US1] }]))
    expect(events).toHaveLength(2)
  })

  it('N1: without defaultCountry a national format is invalid; parsing is libphonenumber’s, not a regex', async () => {
    const { roster, orgId, admin } = await setup()
    const report = (
      await roster.numbers.import(admin, { orgId, numbers: ['06 12 34 56 01', ''] })
    )._unsafeUnwrap()
    // A blank line of a pasted list is a rejected input, not a failed import.
    expect(report).toEqual({
      imported: [],
      rejected: [
        { input: '06 12 34 56 01', reason: 'invalid' },
        { input: '', reason: 'invalid' },
      ],
    })
    expect(normalizePhoneNumber('(415) 555-2671', 'US')).toBe(US1)
    // Right length, unassigned range: not a real number.
    expect(normalizePhoneNumber('+33 0 12 34 56 78')).toBeNull()
    expect(normalizePhoneNumber('+33 6 12 34 56 01 ext. 12')).toBeNull()
  })

  it('X4: bad input is VALIDATION naming each field, and nothing is stored', async () => {
    const { roster, orgId, admin, storage } = await setup()
    const error = (
      await roster.numbers.import(admin, { orgId, numbers: [], defaultCountry: 'XX' })
    )._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    const paths = (error.details?.issues as { path: string }[]).map((issue) => issue.path)
    expect(paths).toEqual(expect.arrayContaining(['numbers', 'defaultCountry']))
    const notStrings = await roster.numbers.import(admin, { orgId, numbers: [FR1, 42 as unknown as string] })
    expect(notStrings._unsafeUnwrapErr().code).toBe('VALIDATION')
    expect(await storage.numbers.page({ orgId, limit: 10 })).toEqual([])
    for (const bad of [
      { orgId, number: '', accountId: 'x' },
      { orgId, number: FR1, accountId: '' },
    ]) {
      expect((await roster.numbers.assign(admin, bad))._unsafeUnwrapErr().code).toBe('VALIDATION')
    }
    expect((await roster.numbers.list(admin, { orgId, limit: 0 }))._unsafeUnwrapErr().code).toBe('VALIDATION')
    expect((await roster.numbers.list(admin, { orgId, cursor: '+33' }))._unsafeUnwrapErr().code).toBe(
      'VALIDATION',
    )
  })

  it('O5: import and remove need numbers:manage; listing and assigning need numbers:assign', async () => {
    const { roster, orgId, admin, ada, bob, storage } = await setup()
    const result = await roster.numbers.import(ada, { orgId, numbers: [FR1] })
    expect(result._unsafeUnwrapErr()).toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'numbers:manage' },
    })
    expect(await storage.numbers.page({ orgId, limit: 10 })).toEqual([])
    await roster.numbers.import(admin, { orgId, numbers: [FR1] })
    expect((await roster.numbers.list(ada, { orgId }))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    expect(
      (await roster.numbers.assign(ada, { orgId, number: FR1, accountId: bob.accountId }))._unsafeUnwrapErr(),
    ).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'numbers:assign' } })
    expect((await roster.numbers.unassign(ada, { orgId, number: FR1 }))._unsafeUnwrapErr().code).toBe(
      'FORBIDDEN',
    )
    expect((await roster.numbers.remove(ada, { orgId, number: FR1 }))._unsafeUnwrapErr().code).toBe(
      'FORBIDDEN',
    )
    expect(await storage.numbers.find(orgId, FR1)).toMatchObject({ accountId: null })
  })
})

describe('numbers.list', () => {
  it('pages by number with cursors; filters by status and by member', async () => {
    const { roster, orgId, admin, ada } = await setup()
    await roster.licenses.createPool(admin, { orgId, product: 'phone-line', seats: 5 })
    const numbers = Array.from({ length: 7 }, (_, i) => `+3361234560${i}`)
    await roster.numbers.import(admin, { orgId, numbers: [...numbers].reverse() })
    await roster.numbers.assign(admin, { orgId, number: numbers[3]!, accountId: ada.accountId })
    await roster.numbers.assign(admin, { orgId, number: numbers[5]!, accountId: ada.accountId })

    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = (
        await roster.numbers.list(admin, { orgId, limit: 3, ...(cursor ? { cursor } : {}) })
      )._unsafeUnwrap()
      expect(page.items.length).toBeLessThanOrEqual(3)
      seen.push(...page.items.map((n) => n.number))
      cursor = page.nextCursor ?? undefined
      pages++
    } while (cursor)
    expect(seen).toEqual(numbers)
    expect(pages).toBe(3)

    const assigned = (await roster.numbers.list(admin, { orgId, status: 'assigned' }))._unsafeUnwrap()
    expect(assigned).toEqual({
      items: [
        expect.objectContaining({ number: numbers[3] }),
        expect.objectContaining({ number: numbers[5] }),
      ],
      nextCursor: null,
    })
    const available = (
      await roster.numbers.list(admin, { orgId, status: 'available', limit: 200 })
    )._unsafeUnwrap()
    expect(available.items).toHaveLength(5)
    const adas = (await roster.numbers.list(admin, { orgId, accountId: ada.accountId }))._unsafeUnwrap()
    expect(adas.items.map((n) => n.number)).toEqual([numbers[3], numbers[5]])
  })
})

describe('organization deletion', () => {
  it('O3: deleting the org releases its numbers and phone-line pool', async () => {
    const { roster, orgWithFounder, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder('Solo')
    await roster.licenses.createPool(founder, { orgId: org.id, product: 'phone-line', seats: 1 })
    await roster.numbers.import(founder, { orgId: org.id, numbers: [FR1, FR2] })
    await roster.numbers.assign(founder, { orgId: org.id, number: FR1, accountId: founder.accountId })
    ;(await roster.orgs.delete(founder, { orgId: org.id }))._unsafeUnwrap()
    expect(await storage.numbers.page({ orgId: org.id, limit: 10 })).toEqual([])
    expect(await storage.licenses.listPools(org.id)).toEqual([])
    // The same numbers can go into another org's pool.
    const { org: next, founder: nextFounder } = await orgWithFounder('Next')
    const report = (
      await roster.numbers.import(nextFounder, { orgId: next.id, numbers: [FR1] })
    )._unsafeUnwrap()
    expect(report.imported).toEqual([FR1])
  })
})
