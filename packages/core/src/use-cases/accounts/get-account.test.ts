import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

describe('accounts.get', () => {
  it('X3: the person, the system and an admin of one of their orgs may read an account; others may not', async () => {
    const { roster, orgWithFounder, member, system, activeAccount } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const ada = await member(org.id, 'ada@example.com')
    const colleague = await member(org.id, 'colleague@example.com')
    const stranger = await activeAccount('stranger@example.com')
    const input = { accountId: ada.accountId }

    const own = (await roster.accounts.get(ada, input))._unsafeUnwrap()
    expect(own).toMatchObject({ id: ada.accountId, email: 'ada@example.com', status: 'active' })
    expect(own).not.toHaveProperty('passwordHash')
    expect((await roster.accounts.get(system, input))._unsafeUnwrap()).toEqual(own)
    expect((await roster.accounts.get(founder, input))._unsafeUnwrap()).toEqual(own)
    expect((await roster.accounts.get(colleague, input))._unsafeUnwrapErr().code).toBe('FORBIDDEN')
    // X7: someone who shares no org with the person gets what an unknown account gets.
    expect((await roster.accounts.get(stranger, input))._unsafeUnwrapErr().code).toBe('ACCOUNT_NOT_FOUND')
  })

  it('returns ACCOUNT_NOT_FOUND for an unknown id and VALIDATION for a bad one', async () => {
    const { roster, system } = createTestRoster()
    expect((await roster.accounts.get(system, { accountId: 'nope' }))._unsafeUnwrapErr().code).toBe(
      'ACCOUNT_NOT_FOUND',
    )
    const error = (await roster.accounts.get(system, { accountId: '' }))._unsafeUnwrapErr()
    expect(error).toMatchObject({ code: 'VALIDATION', details: { issues: [{ path: 'accountId' }] } })
  })
})
