import { describe, expect, it } from 'vitest'
import { createTestRoster } from '@roster/test-support'

const refusedAtUsername = { code: 'VALIDATION', details: { issues: [{ path: 'username' }] } }

describe('SP6: a username with @ is only ever the account’s own email', () => {
  it('SP6: members.add refuses another address as the username, and takes the person’s own', async () => {
    const { roster, orgWithFounder, stored } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const before = await stored(org.id)
    const add = (username: string) =>
      roster.members.add(founder, {
        orgId: org.id,
        email: 'ada@example.com',
        firstName: 'A',
        lastName: 'L',
        username,
      })
    expect((await add('bob@example.com'))._unsafeUnwrapErr()).toMatchObject(refusedAtUsername)
    expect(await stored(org.id)).toEqual(before)
    expect((await add('ADA@example.com'))._unsafeUnwrap().username).toBe('ADA@example.com')
  })

  it('SP6: members.addMany refuses it per row, adding the other rows', async () => {
    const { roster, orgWithFounder } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const { results } = (
      await roster.members.addMany(founder, {
        orgId: org.id,
        rows: [
          { email: 'ada@example.com', firstName: 'A', lastName: 'L', username: 'bob@example.com' },
          { email: 'bob@example.com', firstName: 'B', lastName: 'B', username: 'bob.b' },
        ],
      })
    )._unsafeUnwrap()
    expect(results[0]).toMatchObject({ ok: false, error: refusedAtUsername })
    expect(results[1]).toMatchObject({ ok: true })
  })

  it('SP6: members.update and accounts.updateProfile refuse it, changing nothing', async () => {
    const { roster, orgWithFounder, member, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const person = await member(org.id, 'max@example.com')
    const byAdmin = await roster.members.update(founder, {
      orgId: org.id,
      accountId: person.accountId,
      username: 'victim@example.com',
    })
    expect(byAdmin._unsafeUnwrapErr()).toMatchObject(refusedAtUsername)
    const bySelf = await roster.accounts.updateProfile(person, {
      accountId: person.accountId,
      username: 'victim@example.com',
    })
    expect(bySelf._unsafeUnwrapErr()).toMatchObject(refusedAtUsername)
    expect((await storage.accounts.findById(person.accountId))?.username).toBe('max@example.com')
    // …so the owner of that address can still be added later, with it as their username.
    const victim = await roster.members.add(founder, {
      orgId: org.id,
      email: 'victim@example.com',
      firstName: 'V',
      lastName: 'W',
    })
    expect(victim._unsafeUnwrap().username).toBe('victim@example.com')
    // A handle without @ is still free to choose.
    expect(
      (
        await roster.accounts.updateProfile(person, { accountId: person.accountId, username: 'max.m' })
      )._unsafeUnwrap().username,
    ).toBe('max.m')
  })
})
