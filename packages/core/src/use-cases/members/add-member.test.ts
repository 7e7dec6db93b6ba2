import { describe, expect, it } from 'vitest'
import { createTestRoster } from '../../test-support.js'

describe('members.add', () => {
  it('A1: refuses missing email, first and last name with VALIDATION naming each field, storing and mailing nothing', async () => {
    const { roster, orgWithFounder, mailer, storage } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    mailer.clear()
    const result = await roster.members.add(founder, {
      orgId: org.id,
      email: 'not-an-email',
      firstName: ' ',
      lastName: '',
    })
    expect(result.isErr()).toBe(true)
    const error = result._unsafeUnwrapErr()
    expect(error.code).toBe('VALIDATION')
    const paths = (error.details?.issues as { path: string }[]).map((issue) => issue.path)
    expect(paths).toEqual(expect.arrayContaining(['email', 'firstName', 'lastName']))
    expect(mailer.sent).toHaveLength(0)
    expect(await storage.memberships.countInOrg(org.id)).toBe(1)
  })

  it('A3: a new person gets a pending account, an invited membership and an activation mail with a 24h single-use link', async () => {
    const { roster, orgWithFounder, mailer } = createTestRoster()
    const { org, founder } = await orgWithFounder()
    const view = (
      await roster.members.add(founder, {
        orgId: org.id,
        email: ' Ada@Example.com ',
        firstName: 'Ada',
        lastName: 'Lovelace',
      })
    )._unsafeUnwrap()
    expect(view).toMatchObject({
      accountStatus: 'pending_activation',
      membershipStatus: 'invited',
      type: 'employee',
      email: 'Ada@Example.com',
    })
    expect(view.grants.map((g) => g.roleId)).toEqual(['member'])
    const mail = mailer.last('ada@example.com')!
    expect(mail.template).toBe('activation')
    expect(mail.language).toBe('en')
    expect(mail.data.url).toContain(String(mail.data.token))
    expect(mail.data.expiresAt).toBe('2030-01-02T00:00:00.000Z')
  })
})
